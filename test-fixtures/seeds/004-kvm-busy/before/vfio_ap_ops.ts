// Seed 004 (before): "s390/vfio-ap: do not use open locks during VFIO_GROUP_NOTIFY_SET_KVM
// notification" (2021). drivers/s390/crypto/vfio_ap_ops.c after commit 0cc00c8d4050: the
// matrix_mdev->kvm_busy flag plus the wait_for_kvm wait queue is an open-coded lock. It is modelled
// as the completion pseudo-lock kvm_busy: the setter's busy region is lock(kvmBusy) ... unlock(kvmBusy),
// the wait_event_cmd() waiters call waitFor(kvmBusy).
// Deadlock (what lockdep could no longer see): vfio_ap_mdev_set_kvm() is busy (kvm_busy set) and
// waits for kvm->lock in kvm_arch_crypto_set_masks(); KVM_PV_ENABLE holds kvm->lock and waits for a
// vcpu->mutex; that vcpu's KVM_RUN holds vcpu->mutex and, intercepting PQAP, waits in handle_pqap()
// for kvm_busy to clear: kvm_busy -> kvm->lock -> vcpu->mutex -> kvm_busy. It is the cycle lockdep
// reported before 0cc00c8d4050 (matrix_dev->lock -> kvm->lock -> vcpu->mutex -> matrix_dev->lock)
// with the open-coded lock in the place of matrix_dev->lock.
import { defineLock, lock, unlock, waitFor } from "lockorder";
import { kvmArchCryptoClearMasks, kvmArchCryptoSetMasks, type Kvm, type KvmVcpu } from "./kvm";

const EPERM = 1;
const EBUSY = 16;
const ENODEV = 19;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock
export const matrixDevLock = defineLock("matrix_dev->lock");
// matrix_mdev->kvm_busy + matrix_mdev->wait_for_kvm: the open-coded lock
export const kvmBusy = defineLock("matrix_mdev->kvm_busy", { kind: "completion" });

const matrixMdevs: ApMatrixMdev[] = [];

// handle_pqap() in vfio_ap_ops.c: the PQAP hook, called in the vcpu's KVM_RUN (vcpu->mutex held)
function handlePqap(vcpu: KvmVcpu): number {
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(matrixDevLock);
  const matrixMdev = matrixMdevs.find((m) => m.hookKvm === vcpu.kvm);
  if (matrixMdev) {
    // wait_event_cmd(matrix_mdev->wait_for_kvm, !matrix_mdev->kvm_busy,
    //                mutex_unlock(&matrix_dev->lock), mutex_lock(&matrix_dev->lock));
    if (matrixMdev.kvmBusy) {
      unlock(matrixDevLock);
      waitFor(kvmBusy);
      lock(matrixDevLock);
    }
    if (matrixMdev.kvm && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL;
  }
  unlock(matrixDevLock);
  vcpu.gprs[1] = status << 24;
  return 0;
}

export class ApMatrixMdev {
  kvm: Kvm | null = null;
  // the guest whose pqap_hook points at this mdev
  hookKvm: Kvm | null = null;
  kvmBusy = false;
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  readonly adm = new Set<number>();
  readonly queues = new Set<number>();

  constructor() {
    matrixMdevs.push(this);
  }

  // vfio_ap_mdev_set_kvm() with the group notifier's mutex_lock(&matrix_dev->lock) around it.
  // kvm_busy is set under matrix_dev->lock; the waiters can see it once the lock is dropped, so the
  // busy region starts there, and it ends with kvm_busy = false and wake_up_all().
  setKvm(kvm: Kvm): number {
    lock(matrixDevLock);
    for (const m of matrixMdevs) {
      if (m !== this && m.kvm === kvm) {
        unlock(matrixDevLock);
        return -EPERM;
      }
    }
    kvm.usersCount++; // kvm_get_kvm()
    this.kvmBusy = true;
    unlock(matrixDevLock);
    lock(kvmBusy);
    kvmArchCryptoSetMasks(kvm, this.apm, this.aqm, this.adm); // expect: lock-order-inversion
    lock(matrixDevLock);
    kvm.arch.crypto.pqapHook = handlePqap;
    this.hookKvm = kvm;
    this.kvm = kvm;
    this.kvmBusy = false;
    unlock(kvmBusy); // wake_up_all(&matrix_mdev->wait_for_kvm)
    unlock(matrixDevLock);
    return 0;
  }

  // vfio_ap_mdev_unset_kvm() with the caller's matrix_dev->lock around it (group notifier, release)
  unsetKvm(): void {
    lock(matrixDevLock);
    if (this.kvmBusy) {
      unlock(matrixDevLock);
      waitFor(kvmBusy);
      lock(matrixDevLock);
    }
    const kvm = this.kvm;
    if (kvm) {
      this.kvmBusy = true;
      unlock(matrixDevLock);
      lock(kvmBusy);
      kvmArchCryptoClearMasks(kvm); // expect: lock-order-inversion
      lock(matrixDevLock);
      this.queues.clear(); // vfio_ap_mdev_reset_queues()
      kvm.arch.crypto.pqapHook = null;
      this.hookKvm = null;
      kvm.usersCount--; // kvm_put_kvm()
      this.kvm = null;
      this.kvmBusy = false;
      unlock(kvmBusy); // wake_up_all(&matrix_mdev->wait_for_kvm)
    }
    unlock(matrixDevLock);
  }

  // vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM
  groupNotifier(kvm: Kvm | null): number {
    if (kvm) return this.setKvm(kvm);
    this.unsetKvm();
    return 0;
  }

  // assign_adapter_store(): no assignment while a guest uses the mdev or while it is busy
  assignAdapterStore(buf: string): number {
    const apid = Number.parseInt(buf, 0);
    if (!(apid >= 0 && apid <= 255)) return -ENODEV;
    let ret = buf.length;
    lock(matrixDevLock);
    if (this.kvm || this.kvmBusy) ret = -EBUSY;
    else this.apm.add(apid);
    unlock(matrixDevLock);
    return ret;
  }
}
