// Object-literal ops tables: vfio_ap's open_device takes kvm->lock (closing the ABBA with
// kvmVfioGroupAdd); vfio-pci's table points at a function with no locks.
import { defineLock, lock, unlock } from "lockorder";
import { groupLock, type Device, type DeviceOps } from "./vfio";

export const kvmLock = defineLock("kvm->lock");

function vfioApOpen(_dev: Device): void {
  lock(kvmLock);
  unlock(kvmLock);
}

function vfioPciOpen(_dev: Device): void {}

export const vfioApOps: DeviceOps = { openDevice: vfioApOpen };
export const vfioPciOps: DeviceOps = { openDevice: vfioPciOpen };

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
