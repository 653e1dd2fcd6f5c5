// Object-literal ops tables (seed 001's device->ops->open_device): `device.ops.openDevice(dev)`
// reaches every function initialised into DeviceOps.openDevice in the program.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");

export interface DeviceOps {
  openDevice: (dev: Device) => void;
}

export interface Device {
  ops: DeviceOps;
}

export function vfioDeviceOpen(device: Device): void {
  lock(groupLock);
  device.ops.openDevice(device); // expect: lock-order-inversion
  unlock(groupLock);
}
