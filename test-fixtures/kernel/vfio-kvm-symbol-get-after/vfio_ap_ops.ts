// drivers/s390/crypto/vfio_ap_ops.c (v6.3, unchanged by the fix): open_device/close_device set and clear the KVM
// pointer under the update locks of Documentation/s390/vfio-ap-locking.rst (seed 002):
//   matrix_dev->guests_lock -> kvm->lock -> matrix_dev->mdevs_lock
import { defineLock, lock, noLockAnalysis, releases, returnsHolding, unlock } from "lockorder";
import { kvmGetKvmSafe, kvmLock, kvmPutKvm, pqapHookRwsem, type CryptoHook, type Kvm } from "./kvm_main";
import type { VfioDevice, VfioDeviceOps } from "./vfio_main";

const EPERM = 1;
const EINVAL = 22;

export const guestsLock = defineLock("matrix_dev->guests_lock", { before: [kvmLock] });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock] });

const matrixDev = { mdevList: [] as ApMatrixMdev[] };

export class ApMatrixMdev {
  kvm: Kvm | null = null;
  readonly pqapHook: CryptoHook = (_vcpu) => 0; // handle_pqap()
  constructor(readonly vdev: VfioDevice) {}
}

// The update locks. The kernel takes kvm->lock only when a KVM pointer is passed; both callers
// here pass one. A lock taken on some paths only cannot be expressed, so the bodies are summaries.
class UpdateLocks {
  // get_update_locks_for_kvm()
  @returnsHolding(guestsLock, kvmLock, mdevsLock)
  @noLockAnalysis
  static forKvm(kvm: Kvm | null): void {
    lock(guestsLock);
    if (kvm) lock(kvmLock);
    lock(mdevsLock);
  }

  // release_update_locks_for_kvm()
  @releases(mdevsLock, kvmLock, guestsLock)
  @noLockAnalysis
  static releaseForKvm(kvm: Kvm | null): void {
    unlock(mdevsLock);
    if (kvm) unlock(kvmLock);
    unlock(guestsLock);
  }
}

// vfio_ap_mdev_set_kvm()
function vfioApMdevSetKvm(matrixMdev: ApMatrixMdev, kvm: Kvm): number {
  if (kvm.arch.crypto.crycbd) {
    lock(pqapHookRwsem); // down_write(&kvm->arch.crypto.pqap_hook_rwsem)
    kvm.arch.crypto.pqapHook = matrixMdev.pqapHook;
    unlock(pqapHookRwsem);

    UpdateLocks.forKvm(kvm);
    for (const m of matrixDev.mdevList) {
      if (m !== matrixMdev && m.kvm === kvm) {
        UpdateLocks.releaseForKvm(kvm);
        return -EPERM;
      }
    }
    kvmGetKvmSafe(kvm); // kvm_get_kvm(kvm)
    matrixMdev.kvm = kvm;
    // vfio_ap_mdev_update_guest_apcb(matrix_mdev)
    UpdateLocks.releaseForKvm(kvm);
  }
  return 0;
}

// vfio_ap_mdev_unset_kvm()
function vfioApMdevUnsetKvm(matrixMdev: ApMatrixMdev): void {
  const kvm = matrixMdev.kvm;
  if (kvm && kvm.arch.crypto.crycbd) {
    lock(pqapHookRwsem);
    kvm.arch.crypto.pqapHook = null;
    unlock(pqapHookRwsem);

    UpdateLocks.forKvm(kvm);
    // kvm_arch_crypto_clear_masks(kvm); vfio_ap_mdev_reset_queues(matrix_mdev);
    kvmPutKvm(kvm);
    matrixMdev.kvm = null;
    UpdateLocks.releaseForKvm(kvm);
  }
}

// vfio_ap_mdev_open_device(): container_of(vdev, struct ap_matrix_mdev, vdev)
function vfioApMdevOpenDevice(vdev: VfioDevice): number {
  const matrixMdev = matrixDev.mdevList.find((m) => m.vdev === vdev)!;
  if (!vdev.kvm) return -EINVAL;
  return vfioApMdevSetKvm(matrixMdev, vdev.kvm);
}

// vfio_ap_mdev_close_device()
function vfioApMdevCloseDevice(vdev: VfioDevice): void {
  const matrixMdev = matrixDev.mdevList.find((m) => m.vdev === vdev)!;
  vfioApMdevUnsetKvm(matrixMdev);
}

// static const struct vfio_device_ops vfio_ap_matrix_dev_ops
export const vfioApMatrixDevOps: VfioDeviceOps = {
  name: "vfio-ap-mdev",
  openDevice: vfioApMdevOpenDevice,
  closeDevice: vfioApMdevCloseDevice,
};
