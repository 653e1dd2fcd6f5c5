// vfio_ap's side (drivers/s390/crypto/vfio_ap_ops.c) before the fix: vfio_ap_mdev_probe() sets
// matrix_mdev->pqap_hook = handle_pqap, and vfio_ap_mdev_set_kvm() publishes a pointer to it in
// kvm->arch.crypto.pqap_hook holding matrix_dev->mdevs_lock; handle_pqap() takes
// matrix_dev->mdevs_lock. With KVM calling the hook under pqap_hook_rwsem, that is an ABBA.
import { defineLock, lock, unlock } from "lockorder";
import { pqapHookRwsem, type CryptoHookRef, type Kvm, type KvmVcpu } from "./kvm";

// matrix_dev->mdevs_lock
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

// handle_pqap() in vfio_ap_ops.c: the hook function
function handlePqap(vcpu: KvmVcpu): number {
  lock(mdevsLock);
  vcpu.gprs[1] = 0;
  unlock(mdevsLock);
  return 0;
}

export class ApMatrixMdev {
  // matrix_mdev->pqap_hook
  readonly pqapHook: CryptoHookRef = {};
  kvm: Kvm | null = null;

  // vfio_ap_mdev_probe()
  probe(): void {
    this.pqapHook.hook = handlePqap;
  }

  // vfio_ap_mdev_set_kvm(): the hook published while matrix_dev->mdevs_lock is held
  setKvm(kvm: Kvm): void {
    lock(mdevsLock);
    if (kvm.arch.crypto.crycbd) {
      lock(pqapHookRwsem); // expect: lock-order-inversion
      kvm.arch.crypto.pqapHook = this.pqapHook;
      unlock(pqapHookRwsem);
      this.kvm = kvm;
    }
    unlock(mdevsLock);
  }
}
