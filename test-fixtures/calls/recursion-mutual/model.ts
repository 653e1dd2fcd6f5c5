// Mutual recursion reaches a fixpoint: even() takes no lock itself but reaches kvm->lock through
// odd(), so calling it under group_lock closes the ABBA (reported at the call of even).
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

function even(n: number): void {
  if (n > 0) {
    odd(n - 1);
  }
}

function odd(n: number): void {
  lock(kvmLock);
  unlock(kvmLock);
  if (n > 0) {
    even(n - 1);
  }
}

export function resetQueues(): void {
  lock(groupLock);
  even(8); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
