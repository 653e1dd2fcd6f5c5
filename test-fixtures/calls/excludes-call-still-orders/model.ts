// @excludes is a check at the call and does not change the held set: calling an @excludes(kvm)
// @acquires(group) method with kvm held is excluded-held, and still the edge kvm -> group (an ABBA).
import { acquires, defineLock, excludes, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class VfioGroup {
  @excludes(kvmLock)
  @acquires(groupLock)
  release(): void {}
}

export function kvmThenRelease(group: VfioGroup): void {
  lock(kvmLock);
  group.release(); // expect: excluded-held, lock-order-inversion
  unlock(kvmLock);
}

export function groupThenKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}

// Near miss: called with nothing held.
export function releaseUnlocked(group: VfioGroup): void {
  group.release();
}
