// @returnsHolding changes the caller's held set: after kvm.lockKvm() the caller holds kvm->lock, so
// lock(groupLock) is the edge kvm -> group, sited at lock(groupLock); with groupThenKvm it is an ABBA.
import { defineLock, lock, returnsHolding, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @returnsHolding(kvmLock)
  lockKvm(): void {}
}

export function kvmThenGroup(kvm: Kvm): void {
  kvm.lockKvm();
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}

export function groupThenKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}
