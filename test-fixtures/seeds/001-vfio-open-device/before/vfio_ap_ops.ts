// vfio_ap side of seed 001 (drivers/s390/crypto/vfio_ap_ops.c, v6.2): open_device/close_device in
// the vfio ops table set and clear the KVM pointer holding matrix_dev->guests_lock, kvm->lock and
// matrix_dev->mdevs_lock (get_update_locks_for_kvm()). The PQAP hook rwsem is left out.
import { defineLock, lock, unlock } from "lockorder";
import { kvmLock, type Kvm } from "./kvm";
import { VfioDevice, type VfioDeviceOps, type VfioGroup } from "./vfio";

const EPERM = 1;
const EINVAL = 22;

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

const matrixMdevs: ApMatrixMdev[] = [];

export class ApMatrixMdev {
  readonly vdev: VfioDevice;
  kvm: Kvm | null = null;

  constructor(group: VfioGroup) {
    this.vdev = new VfioDevice(group, vfioApMatrixDevOps);
    this.vdev.driverData = this;
    matrixMdevs.push(this);
  }

  // vfio_ap_mdev_set_kvm()
  setKvm(kvm: Kvm): number {
    lock(guestsLock);
    lock(kvmLock); // expect: lock-order-inversion
    lock(mdevsLock);
    for (const m of matrixMdevs) {
      if (m !== this && m.kvm === kvm) {
        unlock(mdevsLock);
        unlock(kvmLock);
        unlock(guestsLock);
        return -EPERM;
      }
    }
    kvm.usersCount++; // kvm_get_kvm()
    this.kvm = kvm;
    unlock(mdevsLock);
    unlock(kvmLock);
    unlock(guestsLock);
    return 0;
  }

  // vfio_ap_mdev_unset_kvm()
  unsetKvm(): void {
    const kvm = this.kvm;
    if (!kvm) return;
    lock(guestsLock);
    lock(kvmLock); // expect: lock-order-inversion
    lock(mdevsLock);
    this.kvm = null;
    kvm.usersCount--; // kvm_put_kvm()
    unlock(mdevsLock);
    unlock(kvmLock);
    unlock(guestsLock);
  }
}

// vfio_ap_mdev_open_device(): container_of(vdev, struct ap_matrix_mdev, vdev)
function vfioApMdevOpenDevice(vdev: VfioDevice): number {
  const matrixMdev = vdev.driverData as ApMatrixMdev;
  if (!vdev.kvm) return -EINVAL;
  return matrixMdev.setKvm(vdev.kvm);
}

// vfio_ap_mdev_close_device()
function vfioApMdevCloseDevice(vdev: VfioDevice): void {
  const matrixMdev = vdev.driverData as ApMatrixMdev;
  matrixMdev.unsetKvm();
}

export const vfioApMatrixDevOps: VfioDeviceOps = {
  name: "vfio-ap-mdev",
  openDevice: vfioApMdevOpenDevice,
  closeDevice: vfioApMdevCloseDevice,
};
