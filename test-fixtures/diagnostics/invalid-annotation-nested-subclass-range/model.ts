// invalid-annotation: nested(L, n) needs a subclass n in 1..7; 0, 8 and 9 are reported at the
// argument, 1 and 7 are fine. A real ABBA elsewhere is still reported.
import { defineLock, lock, nested, unlock, withLock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const bdevLock = defineLock("bdev->bd_mutex");

export function subclassZero(): void {
  withLock(nested(bdevLock, 0), () => {}); // expect: invalid-annotation
}

export function subclassEight(): void {
  withLock(nested(bdevLock, 8), () => {}); // expect: invalid-annotation
}

export function subclassNine(): void {
  withLock(nested(bdevLock, 9), () => {}); // expect: invalid-annotation
}

export function subclassesInRange(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  lock(nested(bdevLock, 7));
  unlock(nested(bdevLock, 7));
  unlock(nested(bdevLock, 1));
  unlock(bdevLock);
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
