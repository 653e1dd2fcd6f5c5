// A function-typed property assigned later (`this.hook = this.handlePqap`): a call through the
// property reaches every function ever stored in it, so the ABBA through the hook is reported.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

function noHook(_apqn: number): void {}

export class VfioApMdev {
  hook: (apqn: number) => void = noHook;

  register(): void {
    this.hook = this.handlePqap;
  }

  handlePqap(_apqn: number): void {
    lock(guestsLock);
    unlock(guestsLock);
  }

  intercept(apqn: number): void {
    lock(kvmLock);
    this.hook(apqn); // expect: lock-order-inversion
    unlock(kvmLock);
  }
}

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}
