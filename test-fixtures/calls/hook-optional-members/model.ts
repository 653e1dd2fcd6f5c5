// Optional callbacks: the members of struct vfio_device_ops are optional, and vfio_main.c calls
// them only when set (`if (device->ops->open_device) ret = device->ops->open_device(device);`).
// Modelled with optional members (`openDevice?:`), `T | undefined` and `T | null` members, an ops
// table typed `VfioDeviceOps | undefined`, optional calls and non-null assertions: every form
// reaches vfio_ap's callbacks, which take kvm->lock or matrix_dev->mdevs_lock.
import { defineLock, lock, unlock } from "lockorder";

export const devSetLock = defineLock("dev_set->lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export interface VfioDeviceOps {
  openDevice?: (device: VfioDevice) => number;
  closeDevice: ((device: VfioDevice) => void) | undefined;
  request: ((device: VfioDevice, count: number) => void) | null;
}

export interface VfioDevice {
  ops?: VfioDeviceOps;
}

// vfio_ap_mdev_open_device() -> vfio_ap_mdev_set_kvm(): kvm->lock
function vfioApMdevOpenDevice(_device: VfioDevice): number {
  lock(kvmLock);
  unlock(kvmLock);
  return 0;
}

// vfio_ap_mdev_close_device() -> vfio_ap_mdev_unset_kvm(): kvm->lock
function vfioApMdevCloseDevice(_device: VfioDevice): void {
  lock(kvmLock);
  unlock(kvmLock);
}

// vfio_ap_mdev_request(): matrix_dev->mdevs_lock
function vfioApMdevRequest(_device: VfioDevice, _count: number): void {
  lock(mdevsLock);
  unlock(mdevsLock);
}

// vfio_ap_matrix_dev_ops, typed by a union with undefined
export const vfioApMatrixDevOps: VfioDeviceOps | undefined = {
  openDevice: vfioApMdevOpenDevice,
  closeDevice: vfioApMdevCloseDevice,
  request: vfioApMdevRequest,
};

// vfio_device_first_open(): an optional call of an optional member of an optional table
export function vfioDeviceFirstOpen(device: VfioDevice): number {
  lock(devSetLock);
  const ret = device.ops?.openDevice?.(device) ?? 0; // expect: lock-order-inversion
  unlock(devSetLock);
  return ret;
}

// vfio_device_last_close(): non-null assertions on a `T | undefined` member
export function vfioDeviceLastClose(device: VfioDevice): void {
  lock(devSetLock);
  device.ops!.closeDevice!(device); // expect: lock-order-inversion
  unlock(devSetLock);
}

// vfio_device_fops_release() -> vfio_device_put_registration(): a `T | null` member tested first
export function vfioUnregisterGroupDev(device: VfioDevice): void {
  lock(devSetLock);
  const ops = device.ops;
  if (ops && ops.request) ops.request(device, 0); // expect: lock-order-inversion
  unlock(devSetLock);
}

// kvm_vfio_file_set_kvm() order: kvm->lock, then the device set's lock
export function kvmVfioFileSetKvm(): void {
  lock(kvmLock);
  lock(devSetLock); // expect: lock-order-inversion
  unlock(devSetLock);
  unlock(kvmLock);
}

// vfio_ap_mdev_remove() order (modelled): matrix_dev->mdevs_lock, then the device set's lock
export function vfioApMdevRemove(): void {
  lock(mdevsLock);
  lock(devSetLock); // expect: lock-order-inversion
  unlock(devSetLock);
  unlock(mdevsLock);
}
