// drivers/s390/crypto/vfio_ap_ops.c as of v5.15, after 86956e70761b ("s390/vfio-ap: replace open
// coded locks for VFIO_GROUP_NOTIFY_SET_KVM notification"): kvm_busy and its wait queue are gone.
// The group notifier takes no lock; setting and clearing the KVM pointer take the PQAP hook's
// rwsem (write) alone, then kvm->lock before matrix_dev->lock, and the masks are set under
// kvm->lock. The vCPU's PQAP path takes pqap_hook_rwsem (read) then matrix_dev->lock, inside
// vcpu->mutex, and KVM_PV_ENABLE takes vcpu->mutex inside kvm->lock: all in one order.
// Clean: lockorder must report nothing.
import { defineLock, lock, unlock } from "lockorder";
import { KvmS390CryptoMasks, kvmGetKvm, kvmLock, kvmPutKvm, pqapHookRwsem, type CryptoHook, type Kvm, type KvmVcpu } from "./kvm_s390";
import { NOTIFY_DONE, NOTIFY_OK, type NotifierBlock } from "./notifier";
import { MdevDevice, VFIO_GROUP_NOTIFY, VFIO_GROUP_NOTIFY_SET_KVM, vfioRegisterNotifier, type MdevParentOps, type VfioGroup } from "./vfio";

const EPERM = 1;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock: the one mutex of the vfio_ap driver at the time
export const matrixDevLock = defineLock("matrix_dev->lock");

const matrixDev = { mdevList: [] as ApMatrixMdev[] };

// struct ap_matrix_mdev
export class ApMatrixMdev {
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  readonly adm = new Set<number>();
  readonly queues = new Set<number>();
  kvm: Kvm | null = null;
  readonly groupNotifier: NotifierBlock = { notifierCall: null, next: null, priority: 0 };
  // matrix_mdev->pqap_hook = handle_pqap (vfio_ap_mdev_probe())
  readonly pqapHook: CryptoHook = handlePqap;
  constructor(readonly mdev: MdevDevice) {}
}

// handle_pqap(): the PQAP(AQIC) hook. "We take the matrix_dev lock to ensure serialization on
// queues and mediated device access."
function handlePqap(vcpu: KvmVcpu): number {
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(matrixDevLock);
  if (vcpu.kvm.arch.crypto.pqapHook) {
    // matrix_mdev = container_of(vcpu->kvm->arch.crypto.pqap_hook, struct ap_matrix_mdev, pqap_hook)
    const matrixMdev = matrixDev.mdevList.find((m) => m.kvm === vcpu.kvm);
    // If the there is no guest using the mdev, there is nothing to do
    if (matrixMdev && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL;
  }
  vcpu.gprs[1] = status << 24;
  unlock(matrixDevLock);
  return 0;
}

// vfio_ap_mdev_set_kvm()
function vfioApMdevSetKvm(matrixMdev: ApMatrixMdev, kvm: Kvm): number {
  if (kvm.arch.crypto.crycbd) {
    lock(pqapHookRwsem); // down_write(&kvm->arch.crypto.pqap_hook_rwsem)
    kvm.arch.crypto.pqapHook = matrixMdev.pqapHook; // = &matrix_mdev->pqap_hook
    unlock(pqapHookRwsem);

    lock(kvmLock);
    lock(matrixDevLock);
    for (const m of matrixDev.mdevList) {
      if (m !== matrixMdev && m.kvm === kvm) {
        unlock(kvmLock);
        unlock(matrixDevLock);
        return -EPERM;
      }
    }
    kvmGetKvm(kvm);
    matrixMdev.kvm = kvm;
    KvmS390CryptoMasks.set(kvm, matrixMdev.apm, matrixMdev.aqm, matrixMdev.adm);
    unlock(kvmLock);
    unlock(matrixDevLock);
  }
  return 0;
}

// vfio_ap_mdev_unset_kvm(): the KVM pointer is passed in, read by the caller without a lock
function vfioApMdevUnsetKvm(matrixMdev: ApMatrixMdev, kvm: Kvm | null): void {
  if (kvm && kvm.arch.crypto.crycbd) {
    lock(pqapHookRwsem);
    kvm.arch.crypto.pqapHook = null;
    unlock(pqapHookRwsem);

    lock(kvmLock);
    lock(matrixDevLock);
    KvmS390CryptoMasks.clear(kvm);
    matrixMdev.queues.clear(); // vfio_ap_mdev_reset_queues(matrix_mdev)
    kvmPutKvm(kvm);
    matrixMdev.kvm = null;
    unlock(kvmLock);
    unlock(matrixDevLock);
  }
}

// vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM, no longer under matrix_dev->lock
function vfioApMdevGroupNotifier(nb: NotifierBlock, action: number, data: unknown): number {
  let notifyRc = NOTIFY_OK;
  if (action !== VFIO_GROUP_NOTIFY_SET_KVM) return NOTIFY_OK;
  // matrix_mdev = container_of(nb, struct ap_matrix_mdev, group_notifier)
  const matrixMdev = matrixDev.mdevList.find((m) => m.groupNotifier === nb)!;
  if (!data) vfioApMdevUnsetKvm(matrixMdev, matrixMdev.kvm);
  else if (vfioApMdevSetKvm(matrixMdev, data as Kvm)) notifyRc = NOTIFY_DONE;
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
  vfioApMdevUnsetKvm(matrixMdev, matrixMdev.kvm);
  // vfio_unregister_notifier(mdev_dev(mdev), VFIO_GROUP_NOTIFY, &matrix_mdev->group_notifier)
}

// static const struct mdev_parent_ops vfio_ap_matrix_ops
export const vfioApMatrixOps: MdevParentOps = { name: "vfio_ap", open: vfioApMdevOpen, release: vfioApMdevRelease };

export function vfioApCreateMdev(group: VfioGroup): MdevDevice {
  const mdev = new MdevDevice(group, vfioApMatrixOps);
  vfioApMdevCreate(mdev);
  return mdev;
}
