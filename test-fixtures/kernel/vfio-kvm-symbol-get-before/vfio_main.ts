// drivers/vfio/vfio_main.c as of v6.2-rc (seed 001, "vfio: fix deadlock between group lock and
// kvm lock"): group->kvm is set and read under the group's group_lock, and the driver's
// open_device / close_device run inside it:
//   "in vfio_open_device, vfio holds the vfio group_lock when issuing device->ops->open_device
//    but some drivers (like vfio-ap) need to acquire kvm->lock during their open_device routine;
//    Meanwhile, kvm_vfio_release will acquire the kvm->lock first before calling
//    vfio_file_set_kvm which will acquire the vfio group_lock."
import { defineLock, lock, requires, unlock } from "lockorder";
import type { Kvm } from "./kvm_main";

const ENODEV = 19;

// group->group_lock and device->dev_set->lock: one class each
export const groupLock = defineLock("vfio_group->group_lock");
export const devSetLock = defineLock("vfio_device_set->lock");

export class VfioGroup {
  kvm: Kvm | null = null;
}

// the struct file of a vfio group (file->private_data)
export class File {
  constructor(readonly privateData: VfioGroup | null) {}
}

// struct vfio_device_ops: open_device and close_device are optional
export interface VfioDeviceOps {
  name: string;
  openDevice?: (device: VfioDevice) => number;
  closeDevice?: (device: VfioDevice) => void;
}

export class VfioDevice {
  openCount = 0;
  kvm: Kvm | null = null;
  constructor(readonly group: VfioGroup, readonly ops: VfioDeviceOps) {}
}

export type VfioFileSetKvmFn = (file: File, kvm: Kvm | null) => void;

// vfio_file_set_kvm(): "Link the given KVM with the VFIO group"
export function vfioFileSetKvm(file: File, kvm: Kvm | null): void {
  const group = file.privateData;
  if (!group) return; // if (!vfio_file_is_group(file)) return;
  lock(groupLock);
  group.kvm = kvm;
  unlock(groupLock);
}

// EXPORT_SYMBOL_GPL(vfio_file_set_kvm)
export const vfioFileSetKvmExport = new Map<string, VfioFileSetKvmFn>([["vfio_file_set_kvm", vfioFileSetKvm]]);

/**
 * vfio_device_first_open(): "Here we pass the KVM pointer with the group under the read lock. If
 * the device driver will use it, it must obtain a reference and release it during close_device."
 * @requires devSetLock
 */
function vfioDeviceFirstOpen(device: VfioDevice): number {
  let ret = 0;
  lock(groupLock);
  device.kvm = device.group.kvm;
  if (device.ops.openDevice) {
    ret = device.ops.openDevice(device); // expect: lock-order-inversion
    if (ret) device.kvm = null;
  }
  unlock(groupLock);
  return ret;
}

/**
 * vfio_device_last_close()
 * @requires devSetLock
 */
function vfioDeviceLastClose(device: VfioDevice): void {
  lock(groupLock);
  if (device.ops.closeDevice) device.ops.closeDevice(device); // expect: lock-order-inversion
  device.kvm = null;
  unlock(groupLock);
}

// vfio_device_open()
export function vfioDeviceOpen(device: VfioDevice): number {
  let ret = 0;
  lock(devSetLock);
  device.openCount++;
  if (device.openCount === 1) {
    ret = vfioDeviceFirstOpen(device);
    if (ret) device.openCount--;
  }
  unlock(devSetLock);
  return ret ? -ENODEV : 0;
}

// vfio_device_fops_release()
export function vfioDeviceFopsRelease(device: VfioDevice): number {
  lock(devSetLock);
  if (device.openCount === 1) vfioDeviceLastClose(device);
  device.openCount--;
  unlock(devSetLock);
  return 0;
}
