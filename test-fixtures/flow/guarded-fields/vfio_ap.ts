// A fragment of the vfio_ap driver (drivers/s390/crypto/vfio_ap_ops.c and
// arch/s390/kvm/priv.c, the v18 locking series). Seed 002's locking document says that the
// KVM pointer (matrix_mdev->kvm) "is set and cleared under the protection of the Matrix
// Devices Lock" and must be read under matrix_dev->mdevs_lock; matrix_dev->mdev_list is
// protected by the Guests Lock; kvm->arch.crypto.pqap_hook by the PQAP hook rwsem (written in
// write mode, called in read mode). The order is pqap_hook_rwsem, guests_lock, kvm->lock,
// mdevs_lock. vfio_ap_mdev_unset_kvm reads matrix_mdev->kvm before taking any lock.
import { defineLock, guardedBy, lock, releases, returnsHolding, shared, unlock } from "lockorder";

export const pqapHookRwsem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });
export const guestsLock = defineLock("matrix_dev->guests_lock", { after: [pqapHookRwsem] });
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock] });

const EPERM = 1;
const EOPNOTSUPP = 95;

type CryptoHook = (vcpu: KvmVcpu) => number;

class KvmS390Crypto {
  crycbd = 0;

  @guardedBy(pqapHookRwsem)
  pqapHook: CryptoHook | null = null;
}

class Kvm {
  arch = { crypto: new KvmS390Crypto() };
}

class KvmVcpu {
  constructor(readonly kvm: Kvm) {}
}

class ApMatrixMdev {
  @guardedBy(mdevsLock)
  kvm: Kvm | null = null;

  @guardedBy(mdevsLock)
  apm = 0;

  pqapHook: CryptoHook = (vcpu) => handlePqap(vcpu);
}

class ApMatrixDev {
  @guardedBy(guestsLock)
  mdevList: ApMatrixMdev[] = [];
}

declare const matrixDev: ApMatrixDev;
declare function vfioApMdevUpdateGuestApcb(matrixMdev: ApMatrixMdev): void;
declare function vfioApMdevResetQueues(matrixMdev: ApMatrixMdev): void;
declare function kvmArchCryptoClearMasks(kvm: Kvm): void;
declare function kvmGetKvm(kvm: Kvm): void;
declare function kvmPutKvm(kvm: Kvm): void;
declare function vfioApFindMdevForVcpu(vcpu: KvmVcpu): ApMatrixMdev | null;
declare function vfioApIrqEnable(matrixMdev: ApMatrixMdev, kvm: Kvm): number;

class VfioApOps {
  // get_update_locks_for_kvm
  @returnsHolding(guestsLock, kvmLock, mdevsLock)
  static getUpdateLocksForKvm(kvm: Kvm): void {
    lock(guestsLock);
    lock(kvmLock);
    lock(mdevsLock);
  }

  // release_update_locks_for_kvm
  @releases(mdevsLock, kvmLock, guestsLock)
  static releaseUpdateLocksForKvm(kvm: Kvm): void {
    unlock(mdevsLock);
    unlock(kvmLock);
    unlock(guestsLock);
  }

  // vfio_ap_mdev_set_kvm: every access to the KVM pointer is under mdevs_lock
  static setKvm(matrixMdev: ApMatrixMdev, kvm: Kvm): number {
    if (kvm.arch.crypto.crycbd) {
      lock(pqapHookRwsem);
      kvm.arch.crypto.pqapHook = matrixMdev.pqapHook;
      unlock(pqapHookRwsem);

      VfioApOps.getUpdateLocksForKvm(kvm);
      for (const m of matrixDev.mdevList) {
        if (m !== matrixMdev && m.kvm === kvm) {
          VfioApOps.releaseUpdateLocksForKvm(kvm);
          return -EPERM;
        }
      }
      kvmGetKvm(kvm);
      matrixMdev.kvm = kvm;
      vfioApMdevUpdateGuestApcb(matrixMdev);
      VfioApOps.releaseUpdateLocksForKvm(kvm);
    }
    return 0;
  }

  // vfio_ap_mdev_unset_kvm: reads matrix_mdev->kvm before taking mdevs_lock
  static unsetKvm(matrixMdev: ApMatrixMdev): void {
    const kvm = matrixMdev.kvm; // expect: guarded-access
    if (kvm && kvm.arch.crypto.crycbd) {
      lock(pqapHookRwsem);
      kvm.arch.crypto.pqapHook = null;
      unlock(pqapHookRwsem);

      VfioApOps.getUpdateLocksForKvm(kvm);
      kvmArchCryptoClearMasks(kvm);
      vfioApMdevResetQueues(matrixMdev);
      kvmPutKvm(kvm);
      matrixMdev.kvm = null;
      VfioApOps.releaseUpdateLocksForKvm(kvm);
    }
  }
}

// arch/s390/kvm/priv.c handle_pqap: the hook is fetched and called with the rwsem held for read
function kvmS390HandlePqap(vcpu: KvmVcpu): number {
  let ret = -EOPNOTSUPP;
  lock(shared(pqapHookRwsem));
  const hook = vcpu.kvm.arch.crypto.pqapHook;
  if (hook) {
    ret = hook(vcpu);
  }
  unlock(shared(pqapHookRwsem));
  return ret;
}

// vfio_ap_ops.c handle_pqap: only mdevs_lock is needed to read the KVM pointer
function handlePqap(vcpu: KvmVcpu): number {
  let status = -EOPNOTSUPP;
  lock(mdevsLock);
  const matrixMdev = vfioApFindMdevForVcpu(vcpu);
  if (matrixMdev && matrixMdev.kvm === vcpu.kvm) {
    status = vfioApIrqEnable(matrixMdev, vcpu.kvm);
  }
  unlock(mdevsLock);
  return status;
}

export { Kvm, KvmVcpu, ApMatrixMdev, ApMatrixDev, VfioApOps, kvmS390HandlePqap };
