// invalid-annotation: shared() on a mutex (read mode exists only for rwlock/rwsem), in a primitive
// and in a decorator; reported at the argument. A real ABBA elsewhere is still reported.
import { defineLock, lock, requires, shared, unlock, withLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export function readMdevs(): void {
  withLock(shared(mdevsLock), () => {}); // expect: invalid-annotation
}

export class Matrix {
  @requires(shared(mdevsLock)) // expect: invalid-annotation
  readMasks(): void {}
}

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
