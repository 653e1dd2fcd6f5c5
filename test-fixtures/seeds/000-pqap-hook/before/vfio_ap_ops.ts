// Seed 000 (before the fix): "Why can't you put the locks in the right order?" - the PQAP hook
// pointer of KVM (kvm->arch.crypto.pqap_hook, guarded by pqap_hook_rwsem) and vfio_ap's
// matrix_dev->lock, drivers/s390/crypto/vfio_ap_ops.c as in the r/w-lock patch series under review.
// Deadlock (ABBA): handle_pqap() in priv.c holds pqap_hook_rwsem (read) and calls the vfio_ap hook,
// which takes matrix_dev->lock; vfio_ap_mdev_set_kvm()/unset_kvm() run holding matrix_dev->lock
// and take pqap_hook_rwsem (write) to set/clear the hook pointer.
import { defineLock, lock, requires, unlock } from "lockorder";
import { pqapHookRwsem, type Kvm, type KvmVcpu } from "./kvm";

const EPERM = 1;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock: the single vfio_ap mutex of that time
export const matrixDevLock = defineLock("matrix_dev->lock");

const matrixMdevs: ApMatrixMdev[] = [];

// handle_pqap() in vfio_ap_ops.c: the hook function; it has to lock matrix_dev->lock to do its thing
function handlePqap(vcpu: KvmVcpu): number {
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(matrixDevLock);
  const matrixMdev = matrixMdevs.find((m) => m.kvm === vcpu.kvm);
  if (matrixMdev && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL;
  unlock(matrixDevLock);
  vcpu.gprs[1] = status << 24;
  return 0;
}

export class ApMatrixMdev {
  kvm: Kvm | null = null;
  readonly queues = new Set<number>();

  // vfio_ap_mdev_set_kvm(): called by the group notifier holding matrix_dev->lock
  @requires(matrixDevLock)
  setKvm(kvm: Kvm): number {
    for (const m of matrixMdevs) {
      if (m !== this && m.kvm === kvm) return -EPERM;
    }
    lock(pqapHookRwsem); // expect: lock-order-inversion
    kvm.arch.crypto.pqapHook = handlePqap;
    unlock(pqapHookRwsem);
    this.kvm = kvm;
    return 0;
  }

  // vfio_ap_mdev_unset_kvm(): the KVM pointer, and through it the hook's rwsem, can only be
  // reached from the matrix_mdev, which needs matrix_dev->lock - "therein lies the rub"
  @requires(matrixDevLock)
  unsetKvm(): void {
    const kvm = this.kvm;
    if (kvm) {
      lock(pqapHookRwsem); // expect: lock-order-inversion
      kvm.arch.crypto.pqapHook = null;
      unlock(pqapHookRwsem);
      this.queues.clear(); // vfio_ap_mdev_reset_queues()
      this.kvm = null;
    }
  }

  // vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM
  groupNotifier(kvm: Kvm | null): number {
    let ret = 0;
    lock(matrixDevLock);
    if (kvm) ret = this.setKvm(kvm);
    else this.unsetKvm();
    unlock(matrixDevLock);
    return ret;
  }

  // vfio_ap_mdev_remove(): also clears the KVM pointer
  remove(): void {
    lock(matrixDevLock);
    this.unsetKvm();
    const i = matrixMdevs.indexOf(this);
    if (i >= 0) matrixMdevs.splice(i, 1);
    unlock(matrixDevLock);
  }
}
