// Ops table through a local alias: `const ops = device.ops; ops.openDevice(dev)` is still a call
// through DeviceOps.openDevice, which vfioApOpen (kvm->lock) was stored into.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export interface DeviceOps {
  openDevice: (dev: Device) => void;
}

export interface Device {
  ops: DeviceOps;
}

function vfioApOpen(_dev: Device): void {
  lock(kvmLock);
  unlock(kvmLock);
}

export const vfioApOps: DeviceOps = { openDevice: vfioApOpen };

export function vfioDeviceOpen(device: Device): void {
  const ops = device.ops;
  lock(groupLock);
  ops.openDevice(device); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
