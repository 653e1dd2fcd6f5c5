// Call resolution: `this.m()` inside a class reaches the method, whose effect (takes kvm->lock) is
// inferred from its body, so the ABBA is reported.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class VfioApMdev {
  setKvm(): void {
    lock(guestsLock);
    this.updateApcb(); // expect: lock-order-inversion
    unlock(guestsLock);
  }

  updateApcb(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
