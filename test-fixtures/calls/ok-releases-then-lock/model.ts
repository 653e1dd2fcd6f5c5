// Near miss: @releases changes the caller's held set: after kvm.putKvm() kvm->lock is no longer
// held, so the later lock(groupLock) is no kvm -> group edge and groupThenKvm makes no cycle. Clean.
import { defineLock, lock, releases, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @releases(kvmLock)
  putKvm(): void {}
}

export function releaseThenGroup(kvm: Kvm): void {
  lock(kvmLock);
  kvm.putKvm();
  lock(groupLock);
  unlock(groupLock);
}

export function groupThenKvm(): void {
  lock(groupLock);
  lock(kvmLock);
  unlock(kvmLock);
  unlock(groupLock);
}
