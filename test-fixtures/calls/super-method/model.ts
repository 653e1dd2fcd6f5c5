// Call resolution: `super.m()` from an override reaches the base class's method (which takes
// kvm->lock), so holding group_lock around it closes an ABBA.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class VfioDevice {
  open(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }
}

export class VfioApDevice extends VfioDevice {
  override open(): void {
    lock(groupLock);
    super.open(); // expect: lock-order-inversion
    unlock(groupLock);
  }
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
