// duplicate-lock: a second defineLock with an existing display name is reported on the second
// call. The rest of the model is still analysed (a real ABBA on other locks).
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const mdevsLockAgain = defineLock("matrix_dev->mdevs_lock"); // expect: duplicate-lock

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
