// Seed 004 (after): the kvm_busy flag and its wait queue are gone. Setting and clearing the KVM
// pointer holds a proper lock instead, kvm->lock, taken before matrix_dev->lock (the documented
// order), and kvm_arch_crypto_set_masks()/clear_masks() run under it. Nobody waits for an
// open-coded lock any more. Clean: no diagnostic.
import { acquires, defineLock, lock, unlock } from "lockorder";
import { kvmLock, type Kvm, type KvmVcpu } from "./kvm";

const EPERM = 1;
const EBUSY = 16;
const ENODEV = 19;
const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

// matrix_dev->lock: taken after kvm->lock
export const matrixDevLock = defineLock("matrix_dev->lock", { after: [kvmLock] });

const matrixMdevs: ApMatrixMdev[] = [];

// handle_pqap() in vfio_ap_ops.c: no more waiting for kvm_busy
function handlePqap(vcpu: KvmVcpu): number {
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(matrixDevLock);
  const matrixMdev = matrixMdevs.find((m) => m.hookKvm === vcpu.kvm);
  if (matrixMdev && matrixMdev.kvm && matrixMdev.queues.has(vcpu.gprs[0] & 0xffff)) status = AP_RESPONSE_NORMAL;
  unlock(matrixDevLock);
  vcpu.gprs[1] = status << 24;
  return 0;
}

export class ApMatrixMdev {
  kvm: Kvm | null = null;
  hookKvm: Kvm | null = null;
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  readonly adm = new Set<number>();
  readonly queues = new Set<number>();

  constructor() {
    matrixMdevs.push(this);
  }

  // vfio_ap_mdev_set_kvm(): mutex_lock(&kvm->lock); mutex_lock(&matrix_dev->lock);
  @acquires(kvmLock, matrixDevLock)
  setKvm(kvm: Kvm): number {
    for (const m of matrixMdevs) {
      if (m !== this && m.kvm === kvm) return -EPERM;
    }
    kvm.usersCount++; // kvm_get_kvm()
    this.kvm = kvm;
    kvm.cryptoSetMasks(this.apm, this.aqm, this.adm);
    kvm.arch.crypto.pqapHook = handlePqap;
    this.hookKvm = kvm;
    return 0;
  }

  // vfio_ap_mdev_unset_kvm(): the KVM pointer is read first, then kvm->lock, matrix_dev->lock
  unsetKvm(): void {
    const kvm = this.kvm;
    if (kvm) {
      lock(kvmLock);
      lock(matrixDevLock);
      kvm.cryptoClearMasks();
      this.queues.clear(); // vfio_ap_mdev_reset_queues()
      kvm.arch.crypto.pqapHook = null;
      this.hookKvm = null;
      kvm.usersCount--; // kvm_put_kvm()
      this.kvm = null;
      unlock(matrixDevLock);
      unlock(kvmLock);
    }
  }

  // vfio_ap_mdev_group_notifier(): VFIO_GROUP_NOTIFY_SET_KVM, without matrix_dev->lock
  groupNotifier(kvm: Kvm | null): number {
    if (kvm) return this.setKvm(kvm);
    this.unsetKvm();
    return 0;
  }

  // assign_adapter_store()
  assignAdapterStore(buf: string): number {
    const apid = Number.parseInt(buf, 0);
    if (!(apid >= 0 && apid <= 255)) return -ENODEV;
    let ret = buf.length;
    lock(matrixDevLock);
    if (this.kvm) ret = -EBUSY;
    else this.apm.add(apid);
    unlock(matrixDevLock);
    return ret;
  }
}
