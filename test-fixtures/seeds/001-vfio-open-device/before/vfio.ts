// Seed 001 (before the fix): "vfio: fix deadlock between group lock and kvm lock" (v3, Feb 2023).
// VFIO core: drivers/vfio/group.c and drivers/vfio/vfio_main.c as of v6.2-rc.
// Deadlock (ABBA): vfio_device_group_open() holds the vfio group_lock (and dev_set->lock) while
// calling device->ops->open_device, and vfio_ap's open_device takes kvm->lock; kvm_vfio_release()
// runs holding kvm->lock and calls vfio_file_set_kvm(), which takes the vfio group_lock.
import { defineLock, lock, requires, unlock } from "lockorder";
import type { Kvm } from "./kvm";

const EINVAL = 22;

// group->group_lock: one lock class for every vfio group
export const groupLock = defineLock("vfio group_lock");
// device->dev_set->lock
export const devSetLock = defineLock("vfio dev_set->lock");

// struct vfio_device_ops: the driver's ops table
export interface VfioDeviceOps {
  readonly name: string;
  openDevice?: (vdev: VfioDevice) => number;
  closeDevice?: (vdev: VfioDevice) => void;
}

export class VfioGroup {
  // group->kvm: protected by group_lock
  kvm: Kvm | null = null;
  hasIommu = true;
}

// the file of a vfio group as KVM sees it (file->private_data is the group)
export class VfioFile {
  constructor(readonly group: VfioGroup | null) {}
}

export class VfioDevice {
  openCount = 0;
  // device->kvm: for the driver's open_device
  kvm: Kvm | null = null;
  driverData: unknown = null;

  constructor(
    readonly group: VfioGroup,
    readonly ops: VfioDeviceOps,
  ) {}

  // vfio_device_open(): lockdep_assert_held(&device->dev_set->lock)
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
      const ret = this.ops.openDevice(this); // expect: lock-order-inversion
      if (ret) {
        this.kvm = null;
        return ret;
      }
    }
    return 0;
  }

  // vfio_device_close()
  @requires(devSetLock)
  close(): void {
    if (this.openCount === 1) this.lastClose();
    this.openCount--;
  }

  // vfio_device_last_close()
  @requires(devSetLock)
  private lastClose(): void {
    if (this.ops.closeDevice) {
      this.ops.closeDevice(this); // expect: lock-order-inversion
    }
    this.kvm = null;
  }
}

// vfio_device_group_open(): group_lock, then dev_set->lock, then the driver's open_device
export function vfioDeviceGroupOpen(device: VfioDevice): number {
  lock(groupLock);
  if (!device.group.hasIommu) {
    unlock(groupLock);
    return -EINVAL;
  }
  lock(devSetLock); // expect: lock-order-inversion
  const ret = device.open(device.group.kvm); // expect: lock-order-inversion
  unlock(devSetLock);
  unlock(groupLock);
  return ret;
}

// vfio_device_group_close()
export function vfioDeviceGroupClose(device: VfioDevice): void {
  lock(groupLock);
  lock(devSetLock); // expect: lock-order-inversion
  device.close(); // expect: lock-order-inversion
  unlock(devSetLock);
  unlock(groupLock);
}

// vfio_file_set_kvm(): KVM associates (or disassociates) the group with a guest
export function vfioFileSetKvm(file: VfioFile, kvm: Kvm | null): void {
  const group = file.group;
  if (!group) return;
  lock(groupLock);
  group.kvm = kvm;
  unlock(groupLock);
}
