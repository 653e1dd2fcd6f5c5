// invalid-annotation: a kind that is not one of mutex/spinlock/rwlock/rwsem/completion (kept
// type-correct with @ts-expect-error). A real ABBA elsewhere is still reported.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
// @ts-expect-error: "semaphore" is not a LockKind, on purpose
export const apSem = defineLock("ap->sem", { kind: "semaphore" }); // expect: invalid-annotation

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
