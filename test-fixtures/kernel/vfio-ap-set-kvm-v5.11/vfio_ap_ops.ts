// drivers/s390/crypto/vfio_ap_ops.c as of v5.11, after f21916ec4826 ("s390/vfio-ap: clean up
// vfio_ap resources when KVM pointer invalidated"): the group notifier sets the guest's AP masks
// holding matrix_dev->lock. Lockdep reported the circular dependency that 0cc00c8d4050
// ("s390/vfio-ap: fix circular lockdep when setting/clearing crypto masks") set out to fix:
//   matrix_dev->lock -> kvm->lock        group notifier -> kvm_arch_crypto_set_masks()
//   kvm->lock -> vcpu->mutex             KVM_PV_ENABLE -> kvm_s390_cpus_to_pv()
//   vcpu->mutex -> matrix_dev->lock      KVM_RUN -> handle_pqap() -> the vfio_ap hook
// "The lockdep splat only occurs when starting a Secure Execution guest."
import { defineLock, lock, unlock } from "lockorder";
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

const matrixDev = { mdevList: [] as ApMatrixMdev[] };

// struct ap_matrix_mdev
export class ApMatrixMdev {
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  readonly adm = new Set<number>();
  readonly queues = new Set<number>();
  kvm: Kvm | null = null;
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
    const matrixMdev = matrixDev.mdevList.find((m) => m.pqapHook === hook);
    if (matrixMdev && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL; // vfio_ap_irq_enable()
  }
  vcpu.gprs[1] = status << 24;
  unlock(matrixDevLock);
  return 0;
}

/**
 * vfio_ap_mdev_set_kvm()
 * @requires matrixDevLock
 */
function vfioApMdevSetKvm(matrixMdev: ApMatrixMdev, kvm: Kvm): number {
  for (const m of matrixDev.mdevList) {
    if (m !== matrixMdev && m.kvm === kvm) return -EPERM;
  }
  matrixMdev.kvm = kvm;
  kvmGetKvm(kvm);
  kvm.arch.crypto.pqapHook = matrixMdev.pqapHook;
  return 0;
}

/**
 * vfio_ap_mdev_unset_kvm(): called holding matrix_dev->lock
 * @requires matrixDevLock
 */
function vfioApMdevUnsetKvm(matrixMdev: ApMatrixMdev): void {
  const kvm = matrixMdev.kvm!;
  kvmArchCryptoClearMasks(kvm); // expect: lock-order-inversion
  kvm.arch.crypto.pqapHook = null;
  matrixMdev.queues.clear(); // vfio_ap_mdev_reset_queues(matrix_mdev->mdev)
  kvmPutKvm(kvm);
  matrixMdev.kvm = null;
}

// vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM
function vfioApMdevGroupNotifier(nb: NotifierBlock, action: number, data: unknown): number {
  let notifyRc = NOTIFY_OK;
  if (action !== VFIO_GROUP_NOTIFY_SET_KVM) return NOTIFY_OK;
  // matrix_mdev = container_of(nb, struct ap_matrix_mdev, group_notifier)
  const matrixMdev = matrixDev.mdevList.find((m) => m.groupNotifier === nb)!;
  lock(matrixDevLock);
  if (!data) {
    if (matrixMdev.kvm) vfioApMdevUnsetKvm(matrixMdev);
  } else if (vfioApMdevSetKvm(matrixMdev, data as Kvm)) {
    notifyRc = NOTIFY_DONE;
  } else if (!matrixMdev.kvm!.arch.crypto.crycbd) {
    // If there is no CRYCB pointer, then we can't copy the masks
    notifyRc = NOTIFY_DONE;
  } else {
    kvmArchCryptoSetMasks(matrixMdev.kvm!, matrixMdev.apm, matrixMdev.aqm, matrixMdev.adm); // expect: lock-order-inversion
  }
  unlock(matrixDevLock); // notify_done:
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
  if (matrixMdev.kvm) vfioApMdevUnsetKvm(matrixMdev);
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
