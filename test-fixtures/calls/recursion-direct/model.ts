// Direct recursion reaches a fixpoint: the recursive walkQueues takes kvm->lock, so calling it under
// group_lock closes the ABBA; a recursive call made while holding its own lock is recursive-lock.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

function walkQueues(n: number): void {
  lock(kvmLock);
  unlock(kvmLock);
  if (n > 0) {
    walkQueues(n - 1);
  }
}

export function resetQueues(): void {
  lock(groupLock);
  walkQueues(16); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}

function lockedWalk(n: number): void {
  lock(mdevsLock);
  if (n > 0) {
    lockedWalk(n - 1); // expect: recursive-lock
  }
  unlock(mdevsLock);
}

export function startLockedWalk(): void {
  lockedWalk(4);
}
