// Seed 000 (after the fix): vfio_ap takes the PQAP hook's rwsem first, before matrix_dev->lock,
// in the order handle_pqap() in priv.c imposes (hook rwsem, then the hook, which takes
// matrix_dev->lock). vfio_ap_mdev_unset_kvm() reads matrix_mdev->kvm without matrix_dev->lock to
// reach the rwsem. Clean: no diagnostic.
import { acquires, defineLock, lock, unlock } from "lockorder";
import { pqapHookRwsem, type Kvm, type KvmVcpu } from "./kvm";

const EPERM = 1;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock, now documented as taken after the PQAP hook's rwsem
export const matrixDevLock = defineLock("matrix_dev->lock", { after: [pqapHookRwsem] });

const matrixMdevs: ApMatrixMdev[] = [];

// handle_pqap() in vfio_ap_ops.c: the hook function, called holding pqap_hook_rwsem for read
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

  // vfio_ap_mdev_set_kvm(): the hook's rwsem (write) first, then matrix_dev->lock
  @acquires(pqapHookRwsem, matrixDevLock)
  setKvm(kvm: Kvm): number {
    for (const m of matrixMdevs) {
      if (m !== this && m.kvm === kvm) return -EPERM;
    }
    kvm.arch.crypto.pqapHook = handlePqap;
    this.kvm = kvm;
    return 0;
  }

  // vfio_ap_mdev_unset_kvm(): the KVM pointer is read without matrix_dev->lock; the hook is
  // cleared holding the rwsem, which is dropped before matrix_dev->lock is taken
  unsetKvm(): void {
    const kvm = this.kvm;
    if (kvm) {
      lock(pqapHookRwsem);
      kvm.arch.crypto.pqapHook = null;
      unlock(pqapHookRwsem);
      lock(matrixDevLock);
      this.queues.clear(); // vfio_ap_mdev_reset_queues()
      this.kvm = null;
      unlock(matrixDevLock);
    }
  }

  // vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM, no longer holding matrix_dev->lock
  groupNotifier(kvm: Kvm | null): number {
    if (kvm) return this.setKvm(kvm);
    this.unsetKvm();
    return 0;
  }

  // vfio_ap_mdev_remove()
  remove(): void {
    this.unsetKvm();
    lock(matrixDevLock);
    const i = matrixMdevs.indexOf(this);
    if (i >= 0) matrixMdevs.splice(i, 1);
    unlock(matrixDevLock);
  }
}
