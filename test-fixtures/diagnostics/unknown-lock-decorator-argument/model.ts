// unknown-lock in decorator arguments: the bad argument is reported and skipped, the other
// arguments still apply (@acquires still takes kvm->lock, which closes an ABBA through the call).
import { acquires, defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @acquires("kvm->lcok", kvmLock) // expect: unknown-lock
  getKvm(): void {}

  // @ts-expect-error: misspelt on purpose
  @acquires(guestLock, guestsLock) // expect: unknown-lock
  getGuests(): void {}
}

export function vfioApMdevSetKvm(kvm: Kvm): void {
  lock(guestsLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
