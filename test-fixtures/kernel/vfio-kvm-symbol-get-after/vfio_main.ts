// drivers/vfio/group.c and vfio_main.c as of v6.3, after 2b48f52f2bff ("vfio: fix deadlock
// between group lock and kvm lock", seed 001): "remove the need for the vfio group_lock from the
// kvm_vfio_release codepath. This is done by introducing a new spinlock to protect modifications
// to the vfio group kvm pointer, and acquiring a kvm ref from within vfio while holding this
// spinlock, with the reference held until the last close for the device in question."
// kvm->lock -> kvm_ref_lock and group_lock -> kvm->lock close no cycle.
// Clean: lockorder must report nothing.
import { assertHeld, defineLock, lock, unlock } from "lockorder";
import { kvmGetKvmSafeExport, kvmPutKvmExport, type Kvm } from "./kvm_main";

const ENODEV = 19;

// group->group_lock and device->dev_set->lock: one class each
export const groupLock = defineLock("vfio_group->group_lock");
export const devSetLock = defineLock("vfio_device_set->lock");
// group->kvm_ref_lock: "protect modifications to the vfio group kvm pointer"
export const kvmRefLock = defineLock("vfio_group->kvm_ref_lock", { kind: "spinlock" });

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
  // device->put_kvm: the kvm_put_kvm that symbol_get() returned, called at the last close
  putKvm: ((kvm: Kvm) => void) | null = null;
  constructor(readonly group: VfioGroup, readonly ops: VfioDeviceOps) {}
}

export type VfioFileSetKvmFn = (file: File, kvm: Kvm | null) => void;

// vfio_file_set_kvm(): "Link the given KVM with the VFIO group"
export function vfioFileSetKvm(file: File, kvm: Kvm | null): void {
  const group = file.privateData;
  if (!group) return; // if (!vfio_file_is_group(file)) return;
  lock(kvmRefLock); // spin_lock(&group->kvm_ref_lock)
  group.kvm = kvm;
  unlock(kvmRefLock);
}

// EXPORT_SYMBOL_GPL(vfio_file_set_kvm)
export const vfioFileSetKvmExport = new Map<string, VfioFileSetKvmFn>([["vfio_file_set_kvm", vfioFileSetKvm]]);

// symbol_get(kvm_put_kvm) / symbol_get(kvm_get_kvm_safe)
function symbolGetKvmPutKvm(): ((kvm: Kvm) => void) | undefined {
  return kvmPutKvmExport.get("kvm_put_kvm");
}

function symbolGetKvmGetKvmSafe(): ((kvm: Kvm) => boolean) | undefined {
  return kvmGetKvmSafeExport.get("kvm_get_kvm_safe");
}

/**
 * vfio_device_get_kvm_safe(): lockdep_assert_held(&device->dev_set->lock)
 * @requires devSetLock
 */
function vfioDeviceGetKvmSafe(device: VfioDevice, kvm: Kvm | null): void {
  assertHeld(devSetLock);
  if (!kvm) return;
  const pfn = symbolGetKvmPutKvm();
  if (!pfn) return; // WARN_ON(!pfn)
  const fn = symbolGetKvmGetKvmSafe();
  if (!fn) return; // WARN_ON(!fn): symbol_put(kvm_put_kvm)
  const ret = fn(kvm);
  if (!ret) return; // symbol_put(kvm_put_kvm)
  device.putKvm = pfn;
  device.kvm = kvm;
}

/**
 * vfio_device_put_kvm()
 * @requires devSetLock
 */
function vfioDevicePutKvm(device: VfioDevice): void {
  assertHeld(devSetLock);
  if (!device.kvm) return;
  if (device.putKvm) {
    device.putKvm(device.kvm);
    device.putKvm = null; // symbol_put(kvm_put_kvm)
  }
  device.kvm = null;
}

/**
 * vfio_device_group_get_kvm_safe() (group.c)
 * @requires devSetLock
 */
function vfioDeviceGroupGetKvmSafe(device: VfioDevice): void {
  lock(kvmRefLock);
  vfioDeviceGetKvmSafe(device, device.group.kvm);
  unlock(kvmRefLock);
}

/**
 * vfio_device_first_open()
 * @requires devSetLock
 */
function vfioDeviceFirstOpen(device: VfioDevice): number {
  let ret = 0;
  if (device.ops.openDevice) ret = device.ops.openDevice(device);
  return ret;
}

/**
 * vfio_device_last_close()
 * @requires devSetLock
 */
function vfioDeviceLastClose(device: VfioDevice): void {
  if (device.ops.closeDevice) device.ops.closeDevice(device);
}

// vfio_device_group_open() (group.c): group_lock, then dev_set->lock
export function vfioDeviceGroupOpen(device: VfioDevice): number {
  let ret = 0;
  lock(groupLock);
  lock(devSetLock);
  // Before the first device open, get the KVM pointer currently associated with the group (if
  // there is one) and obtain a reference now that will be held until the open_count reaches 0
  // again.
  if (device.openCount === 0) vfioDeviceGroupGetKvmSafe(device);
  device.openCount++;
  if (device.openCount === 1) {
    ret = vfioDeviceFirstOpen(device);
    if (ret) {
      device.openCount--;
      vfioDevicePutKvm(device);
    }
  }
  unlock(devSetLock);
  unlock(groupLock);
  return ret ? -ENODEV : 0;
}

// vfio_device_group_close() (group.c)
export function vfioDeviceGroupClose(device: VfioDevice): void {
  lock(groupLock);
  lock(devSetLock);
  if (device.openCount === 1) {
    vfioDeviceLastClose(device);
    vfioDevicePutKvm(device);
  }
  device.openCount--;
  unlock(devSetLock);
  unlock(groupLock);
}
