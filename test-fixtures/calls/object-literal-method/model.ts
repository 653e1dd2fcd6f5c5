// Call resolution: `obj.m()` where obj is an object literal with a method (shorthand) and an arrow
// property; both take kvm->lock under guests_lock, closing an ABBA only if resolved.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

const kvmOps = {
  getKvm(): void {
    lock(kvmLock);
    unlock(kvmLock);
  },
  putKvm: (): void => {
    lock(kvmLock);
    unlock(kvmLock);
  },
};

export function setKvm(): void {
  lock(guestsLock);
  kvmOps.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function clearKvm(): void {
  lock(guestsLock);
  kvmOps.putKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
