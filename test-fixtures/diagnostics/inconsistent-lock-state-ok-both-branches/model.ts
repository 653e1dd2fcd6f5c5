// Near miss for inconsistent-lock-state: both branches end with the same locks held (taken in
// both, or taken and released in one). Clean.
import { defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

function work(): void {}

export function lockInBothBranches(x: boolean): void {
  if (x) {
    lock(kvmLock);
    work();
  } else {
    lock(kvmLock);
  }
  work();
  unlock(kvmLock);
}

export function balancedInOneBranch(x: boolean): void {
  if (x) {
    lock(kvmLock);
    work();
    unlock(kvmLock);
  }
  work();
}
