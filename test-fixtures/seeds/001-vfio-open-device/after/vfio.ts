// Seed 001 (after the fix): "vfio: fix deadlock between group lock and kvm lock" (v3, Feb 2023).
// A new spinlock, group->kvm_ref_lock, protects group->kvm: vfio_file_set_kvm() takes it instead of
// the group_lock, so kvm->lock (held by kvm_vfio_release()) is no longer ordered before group_lock.
// vfio_device_group_open() takes a kvm reference under the spinlock, held until the last close.
// Clean: no diagnostic.
import { defineLock, lock, requires, unlock } from "lockorder";
import type { Kvm } from "./kvm";

const EINVAL = 22;

// group->group_lock: one lock class for every vfio group
export const groupLock = defineLock("vfio group_lock");
// device->dev_set->lock
export const devSetLock = defineLock("vfio dev_set->lock");
// group->kvm_ref_lock: protects group->kvm
export const kvmRefLock = defineLock("vfio group->kvm_ref_lock", { kind: "spinlock" });

// struct vfio_device_ops: the driver's ops table
export interface VfioDeviceOps {
  readonly name: string;
  openDevice?: (vdev: VfioDevice) => number;
  closeDevice?: (vdev: VfioDevice) => void;
}

export class VfioGroup {
  // group->kvm: protected by kvm_ref_lock
  kvm: Kvm | null = null;
  hasIommu = true;
}

// the file of a vfio group as KVM sees it (file->private_data is the group)
export class VfioFile {
  constructor(readonly group: VfioGroup | null) {}
}

export class VfioDevice {
  openCount = 0;
  // device->kvm: a referenced guest, for the driver's open_device
  kvm: Kvm | null = null;
  driverData: unknown = null;

  constructor(
    readonly group: VfioGroup,
    readonly ops: VfioDeviceOps,
  ) {}

  // _vfio_device_get_kvm_safe(): lockdep_assert_held(&device->dev_set->lock); kvm_get_kvm_safe()
  @requires(devSetLock)
  getKvmSafe(kvm: Kvm): void {
    if (kvm.usersCount === 0) return;
    kvm.usersCount++;
    this.kvm = kvm;
  }

  // vfio_device_group_get_kvm_safe(): reads group->kvm under the new spinlock
  @requires(devSetLock)
  groupGetKvmSafe(): void {
    lock(kvmRefLock);
    if (this.group.kvm) this.getKvmSafe(this.group.kvm);
    unlock(kvmRefLock);
  }

  // vfio_device_put_kvm()
  @requires(devSetLock)
  putKvm(): void {
    if (!this.kvm) return;
    this.kvm.usersCount--;
    this.kvm = null;
  }

  // vfio_device_open()
  @requires(devSetLock)
  open(kvm: Kvm | null): number {
    this.openCount++;
    if (this.openCount === 1) {
      const ret = this.firstOpen(kvm);
      if (ret) this.openCount--;
      return ret;
    }
    return 0;
  }

  // vfio_device_first_open()
  @requires(devSetLock)
  private firstOpen(kvm: Kvm | null): number {
    this.kvm = kvm;
    if (this.ops.openDevice) {
      const ret = this.ops.openDevice(this);
      if (ret) return ret;
    }
    return 0;
  }

  // vfio_device_close()
  @requires(devSetLock)
  close(): void {
    if (this.openCount === 1) this.lastClose();
    this.openCount--;
  }

  // vfio_device_last_close(): drops the kvm reference taken at the first open
  @requires(devSetLock)
  private lastClose(): void {
    if (this.ops.closeDevice) {
      this.ops.closeDevice(this);
    }
    this.putKvm();
  }
}

// vfio_device_group_open()
export function vfioDeviceGroupOpen(device: VfioDevice): number {
  lock(groupLock);
  if (!device.group.hasIommu) {
    unlock(groupLock);
    return -EINVAL;
  }
  lock(devSetLock);
  // before the first open, take a reference on the group's guest, held until the last close
  if (device.openCount === 0) device.groupGetKvmSafe();
  const ret = device.open(device.kvm);
  if (ret && device.openCount === 0) device.putKvm();
  unlock(devSetLock);
  unlock(groupLock);
  return ret;
}

// vfio_device_group_close()
export function vfioDeviceGroupClose(device: VfioDevice): void {
  lock(groupLock);
  lock(devSetLock);
  device.close();
  unlock(devSetLock);
  unlock(groupLock);
}

// vfio_file_set_kvm(): takes kvm_ref_lock instead of group_lock
export function vfioFileSetKvm(file: VfioFile, kvm: Kvm | null): void {
  const group = file.group;
  if (!group) return;
  lock(kvmRefLock);
  group.kvm = kvm;
  unlock(kvmRefLock);
}
