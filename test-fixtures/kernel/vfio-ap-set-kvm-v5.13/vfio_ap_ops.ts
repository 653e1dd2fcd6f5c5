// drivers/s390/crypto/vfio_ap_ops.c as of v5.13, after 0cc00c8d4050 ("s390/vfio-ap: fix circular
// lockdep when setting/clearing crypto masks"): the masks are set and cleared with
// matrix_dev->lock dropped, and an open-coded lock guards the KVM pointer meanwhile:
//   matrix_mdev->kvm_busy = true; ... kvm_busy = false; wake_up_all(&matrix_mdev->wait_for_kvm);
// with waiters in wait_event_cmd(matrix_mdev->wait_for_kvm, !matrix_mdev->kvm_busy,
// mutex_unlock(&matrix_dev->lock), mutex_lock(&matrix_dev->lock)).
// Seed 004: "Open coding a lock makes lockdep stop because the lockdep code is removed, but it
// doesn't fix anything." Modelled as the completion kvm_busy (SPEC 4.4), the deadlock is back as
// kvm_busy -> kvm->lock -> vcpu->mutex -> kvm_busy: set_kvm()/unset_kvm() are busy while they
// wait for kvm->lock; KVM_PV_ENABLE holds kvm->lock and waits for a vcpu->mutex; that vCPU's
// KVM_RUN holds it and waits in handle_pqap() for kvm_busy to clear.
// kvm_busy is set while matrix_dev->lock is held; entering the busy region never waits, so that
// is no matrix_dev->lock -> kvm_busy dependency, and the region's matrix_dev->lock (re)taken
// inside it closes no cycle.
import { defineLock, lock, unlock, waitFor } from "lockorder";
import {
  kvmArchCryptoClearMasks,
  kvmArchCryptoSetMasks,
  kvmGetKvm,
  kvmPutKvm,
  type Kvm,
  type KvmS390ModuleHook,
  type KvmVcpu,
} from "./kvm_s390";
import { NOTIFY_DONE, NOTIFY_OK, type NotifierBlock } from "./notifier";
import { MdevDevice, VFIO_GROUP_NOTIFY, VFIO_GROUP_NOTIFY_SET_KVM, vfioRegisterNotifier, type MdevParentOps, type VfioGroup } from "./vfio";

const EPERM = 1;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock: the one mutex of the vfio_ap driver at the time
export const matrixDevLock = defineLock("matrix_dev->lock");
// matrix_mdev->kvm_busy + matrix_mdev->wait_for_kvm: the open-coded lock
export const kvmBusy = defineLock("matrix_mdev->kvm_busy", { kind: "completion" });

const matrixDev = { mdevList: [] as ApMatrixMdev[] };

// struct ap_matrix_mdev
export class ApMatrixMdev {
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  readonly adm = new Set<number>();
  readonly queues = new Set<number>();
  kvm: Kvm | null = null;
  kvmBusy = false;
  readonly groupNotifier: NotifierBlock = { notifierCall: null, next: null, priority: 0 };
  readonly pqapHook: KvmS390ModuleHook = { hook: handlePqap, owner: "vfio_ap" };
  constructor(readonly mdev: MdevDevice) {}
}

// handle_pqap(): the PQAP(AQIC) hook. "We take the matrix_dev lock to ensure serialization on
// queues and mediated device access."
function handlePqap(vcpu: KvmVcpu): number {
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(matrixDevLock);
  const hook = vcpu.kvm.arch.crypto.pqapHook;
  if (hook) {
    // matrix_mdev = container_of(vcpu->kvm->arch.crypto.pqap_hook, struct ap_matrix_mdev, pqap_hook)
    const matrixMdev = matrixDev.mdevList.find((m) => m.pqapHook === hook)!;
    // If the KVM pointer is in the process of being set, wait until the process has completed.
    while (matrixMdev.kvmBusy) {
      unlock(matrixDevLock);
      waitFor(kvmBusy);
      lock(matrixDevLock);
    }
    // If the there is no guest using the mdev, there is nothing to do
    if (matrixMdev.kvm && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL;
  }
  vcpu.gprs[1] = status << 24;
  unlock(matrixDevLock);
  return 0;
}

/**
 * vfio_ap_mdev_set_kvm(): "The matrix_dev->lock must be taken prior to calling this function;
 * however, the lock will be temporarily released while the guest's AP configuration is set to
 * avoid a potential lockdep splat."
 * @requires matrixDevLock
 */
function vfioApMdevSetKvm(matrixMdev: ApMatrixMdev, kvm: Kvm): number {
  if (kvm.arch.crypto.crycbd) {
    for (const m of matrixDev.mdevList) {
      if (m !== matrixMdev && m.kvm === kvm) return -EPERM;
    }
    kvmGetKvm(kvm);
    matrixMdev.kvmBusy = true;
    lock(kvmBusy);
    unlock(matrixDevLock);
    kvmArchCryptoSetMasks(kvm, matrixMdev.apm, matrixMdev.aqm, matrixMdev.adm); // expect: lock-order-inversion
    lock(matrixDevLock);
    kvm.arch.crypto.pqapHook = matrixMdev.pqapHook;
    matrixMdev.kvm = kvm;
    matrixMdev.kvmBusy = false;
    unlock(kvmBusy); // wake_up_all(&matrix_mdev->wait_for_kvm)
  }
  return 0;
}

/**
 * vfio_ap_mdev_unset_kvm(): the same contract as vfio_ap_mdev_set_kvm()
 * @requires matrixDevLock
 */
function vfioApMdevUnsetKvm(matrixMdev: ApMatrixMdev): void {
  // If the KVM pointer is in the process of being set, wait until the process has completed.
  while (matrixMdev.kvmBusy) {
    unlock(matrixDevLock);
    waitFor(kvmBusy);
    lock(matrixDevLock);
  }
  if (matrixMdev.kvm) {
    const kvm = matrixMdev.kvm;
    matrixMdev.kvmBusy = true;
    lock(kvmBusy);
    unlock(matrixDevLock);
    kvmArchCryptoClearMasks(kvm); // expect: lock-order-inversion
    lock(matrixDevLock);
    matrixMdev.queues.clear(); // vfio_ap_mdev_reset_queues(matrix_mdev->mdev)
    kvm.arch.crypto.pqapHook = null;
    kvmPutKvm(kvm);
    matrixMdev.kvm = null;
    matrixMdev.kvmBusy = false;
    unlock(kvmBusy); // wake_up_all(&matrix_mdev->wait_for_kvm)
  }
}

// vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM
function vfioApMdevGroupNotifier(nb: NotifierBlock, action: number, data: unknown): number {
  let notifyRc = NOTIFY_OK;
  if (action !== VFIO_GROUP_NOTIFY_SET_KVM) return NOTIFY_OK;
  lock(matrixDevLock);
  // matrix_mdev = container_of(nb, struct ap_matrix_mdev, group_notifier)
  const matrixMdev = matrixDev.mdevList.find((m) => m.groupNotifier === nb)!;
  if (!data) vfioApMdevUnsetKvm(matrixMdev);
  else if (vfioApMdevSetKvm(matrixMdev, data as Kvm)) notifyRc = NOTIFY_DONE;
  unlock(matrixDevLock);
  return notifyRc;
}

// vfio_ap_mdev_create()
function vfioApMdevCreate(mdev: MdevDevice): number {
  const matrixMdev = new ApMatrixMdev(mdev);
  mdev.driverData = matrixMdev; // mdev_set_drvdata(mdev, matrix_mdev)
  lock(matrixDevLock);
  matrixDev.mdevList.push(matrixMdev);
  unlock(matrixDevLock);
  return 0;
}

// vfio_ap_mdev_open(): register the group notifier (which replays the current KVM)
function vfioApMdevOpen(mdev: MdevDevice): number {
  const matrixMdev = mdev.driverData as ApMatrixMdev;
  matrixMdev.groupNotifier.notifierCall = vfioApMdevGroupNotifier;
  const events = VFIO_GROUP_NOTIFY_SET_KVM;
  return vfioRegisterNotifier(mdev, VFIO_GROUP_NOTIFY, events, matrixMdev.groupNotifier);
}

// vfio_ap_mdev_release()
function vfioApMdevRelease(mdev: MdevDevice): void {
  const matrixMdev = mdev.driverData as ApMatrixMdev;
  lock(matrixDevLock);
  vfioApMdevUnsetKvm(matrixMdev);
  unlock(matrixDevLock);
  // vfio_unregister_notifier(mdev_dev(mdev), VFIO_GROUP_NOTIFY, &matrix_mdev->group_notifier)
}

// static const struct mdev_parent_ops vfio_ap_matrix_ops
export const vfioApMatrixOps: MdevParentOps = { name: "vfio_ap", open: vfioApMdevOpen, release: vfioApMdevRelease };

export function vfioApCreateMdev(group: VfioGroup): MdevDevice {
  const mdev = new MdevDevice(group, vfioApMatrixOps);
  vfioApMdevCreate(mdev);
  return mdev;
}
