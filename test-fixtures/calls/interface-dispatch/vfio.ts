// Interface dispatch (seed 001's device->ops->open_device): one diagnostic at the interface call,
// which is the site of both group_lock -> kvm->lock and group_lock -> igate.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";
import type { VfioDeviceOps } from "./ops";

export function vfioDeviceOpen(ops: VfioDeviceOps): void {
  lock(groupLock);
  ops.openDevice(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
