// The VFIO and mediated-device cores as far as vfio_ap sees them: ops tables of function pointers
// the cores call. Their own locks (group_lock, dev_set->lock) are outside the vfio_ap locking
// document (seed 001 models them), so the cores here take none.
import type { Kvm } from "./kvm";

export interface VfioDeviceOps {
  readonly name: string;
  openDevice?: (vdev: VfioDevice) => number;
  closeDevice?: (vdev: VfioDevice) => void;
}

export class VfioDevice {
  openCount = 0;
  // device->kvm: the guest the device's file was associated with
  kvm: Kvm | null = null;
  driverData: unknown = null;

  constructor(readonly ops: VfioDeviceOps) {}
}

// vfio_device_first_open() / vfio_device_last_close()
export function vfioDeviceOpen(device: VfioDevice, kvm: Kvm | null): number {
  if (device.openCount++ > 0) return 0;
  device.kvm = kvm;
  if (device.ops.openDevice) {
    const ret = device.ops.openDevice(device);
    if (ret) {
      device.openCount--;
      device.kvm = null;
      return ret;
    }
  }
  return 0;
}

export function vfioDeviceClose(device: VfioDevice): void {
  if (--device.openCount > 0) return;
  if (device.ops.closeDevice) device.ops.closeDevice(device);
  device.kvm = null;
}

export class MdevDevice {
  driverData: unknown = null;

  constructor(readonly uuid: string) {}
}

export interface MdevDriver {
  readonly name: string;
  probe: (mdev: MdevDevice) => number;
  remove: (mdev: MdevDevice) => void;
}

const mdevDrivers: MdevDriver[] = [];

export function mdevRegisterDriver(drv: MdevDriver): number {
  mdevDrivers.push(drv);
  return 0;
}

// mdev_probe() / mdev_remove(): the driver callbacks of the mdev bus
export function mdevProbe(drv: MdevDriver, mdev: MdevDevice): number {
  return drv.probe(mdev);
}

export function mdevRemove(drv: MdevDriver, mdev: MdevDevice): void {
  drv.remove(mdev);
}
