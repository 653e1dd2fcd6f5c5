// Lockorder model of the vfio_ap device driver (drivers/s390/crypto/vfio_ap_ops.c) as described by
// Documentation/s390/vfio-ap-locking.rst, seed 002, with ONE operation broken: the AP bus scan
// complete handler (VfioApBusCallbacks.onScanComplete) takes matrix_dev->mdevs_lock before kvm->lock.
// Everything else is the clean model of ../vfio-ap. The documented order is
//   pqap_hook_rwsem -> matrix_dev->guests_lock -> kvm->lock -> matrix_dev->mdevs_lock
// Deadlock: onScanComplete holds mdevs_lock and waits for kvm->lock while every other operation that
// plugs/unplugs a guest holds kvm->lock and waits for mdevs_lock (cycle kvm->lock -> mdevs_lock -> kvm->lock).
// Expected: lock-order-inversion at every site of kvm->lock -> mdevs_lock (7 sites) and at the one
// site of mdevs_lock -> kvm->lock, which also goes against the declared order.
import {
  acquires,
  guard,
  lock,
  noLockAnalysis,
  releases,
  requires,
  returnsHolding,
  tryLock,
  unlock,
} from "lockorder";
import { apApqnInMatrixOwnedByDefDrv, apqnCard, apqnQueue, type ApConfigInfo, type ApQueue } from "./ap_bus";
import type { Kvm, KvmVcpu } from "./kvm";
import { guestsLock, kvmLock, mdevsLock, pqapHookRwsem } from "./locks";
import { MdevDevice, VfioDevice, type MdevDriver, type VfioDeviceOps } from "./vfio";
import { ApMatrix, matrixDev, VfioApQueue } from "./vfio_ap_private";

const EPERM = 1;
const EBUSY = 16;
const ENODEV = 19;
const EINVAL = 22;
const EADDRINUSE = 98;
const EADDRNOTAVAIL = 99;

const AP_RESPONSE_Q_NOT_AVAIL = 0x01;

function parseId(buf: string, max: number): number {
  const id = Number.parseInt(buf, 0);
  return id >= 0 && id <= max ? id : -1;
}

// vfio_ap_mdev_verify_no_sharing(): no APQN of apm x aqm is assigned to another matrix_mdev.
// Reads every matrix_mdev: the callers hold guests_lock and mdevs_lock.
function verifyNoSharing(self: ApMatrixMdev | null, apm: ReadonlySet<number>, aqm: ReadonlySet<number>): number {
  for (const m of matrixDev.mdevList) {
    if (m === self) continue;
    const sharesAdapter = [...apm].some((apid) => m.matrix.apm.has(apid));
    const sharesDomain = [...aqm].some((apqi) => m.matrix.aqm.has(apqi));
    if (sharesAdapter && sharesDomain) return -EADDRINUSE;
  }
  return 0;
}

// The lock helpers of vfio_ap_ops.c. The kernel takes kvm->lock in them only when the mediated
// device is passed through (matrix_mdev->kvm != NULL); a lock held on some paths only cannot be
// expressed, so their bodies are not analysed and the model always holds kvm->lock.
export class UpdateLocks {
  // get_update_locks_for_kvm()
  @returnsHolding(guestsLock, kvmLock, mdevsLock) // expect: lock-order-inversion
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

  // get_update_locks_for_mdev()
  @returnsHolding(guestsLock, kvmLock, mdevsLock) // expect: lock-order-inversion
  @noLockAnalysis
  static forMdev(matrixMdev: ApMatrixMdev | null): void {
    lock(guestsLock);
    if (matrixMdev && matrixMdev.kvm) lock(kvmLock);
    lock(mdevsLock);
  }

  // release_update_locks_for_mdev()
  @releases(mdevsLock, kvmLock, guestsLock)
  @noLockAnalysis
  static releaseForMdev(matrixMdev: ApMatrixMdev | null): void {
    unlock(mdevsLock);
    if (matrixMdev && matrixMdev.kvm) unlock(kvmLock);
    unlock(guestsLock);
  }
}

// struct ap_matrix_mdev: one mediated device of the vfio_ap driver
export class ApMatrixMdev {
  readonly vdev: VfioDevice;
  // matrix_mdev->matrix: what was assigned through sysfs
  readonly matrix = new ApMatrix();
  // matrix_mdev->shadow_apcb: what is plugged into the guest
  readonly shadowApcb = new ApMatrix();
  // matrix_mdev->qtable: the queues assigned to this mdev and bound to vfio_ap
  readonly qtable = new Map<number, VfioApQueue>();
  // matrix_mdev->kvm: set and cleared holding guests_lock, kvm->lock and mdevs_lock
  kvm: Kvm | null = null;

  constructor(readonly mdev: MdevDevice, ops: VfioDeviceOps) {
    this.vdev = new VfioDevice(ops);
    this.vdev.driverData = this;
  }

  // ---- helpers; the callers hold the Matrix Devices Lock ----

  // vfio_ap_mdev_filter_matrix(): the shadow APCB is what is assigned and available on the host;
  // returns whether it changed.
  @requires(mdevsLock)
  filterMatrix(): boolean {
    const next = new ApMatrix();
    for (const apid of this.matrix.apm) if (matrixDev.config.apm.has(apid)) next.apm.add(apid);
    for (const apqi of this.matrix.aqm) if (matrixDev.config.aqm.has(apqi)) next.aqm.add(apqi);
    for (const id of this.matrix.adm) if (matrixDev.config.adm.has(id)) next.adm.add(id);
    if (next.equals(this.shadowApcb)) return false;
    this.shadowApcb.copyFrom(next);
    return true;
  }

  // vfio_ap_mdev_update_guest_apcb(): plug/unplug through the KVM pointer, holding kvm->lock
  @requires(kvmLock, mdevsLock)
  updateGuestApcb(): void {
    if (this.kvm) this.kvm.cryptoSetMasks(this.shadowApcb.apm, this.shadowApcb.aqm, this.shadowApcb.adm);
  }

  // vfio_ap_mdev_validate_masks(): the new APQNs are neither reserved for the default drivers
  // (asks the AP bus, which takes ap_perms_mutex) nor assigned to another mdev
  @requires(mdevsLock)
  validateMasks(): number {
    if (apApqnInMatrixOwnedByDefDrv(this.matrix.apm, this.matrix.aqm)) return -EADDRNOTAVAIL;
    return verifyNoSharing(this, this.matrix.apm, this.matrix.aqm);
  }

  // vfio_ap_mdev_link_queue() / vfio_ap_mdev_link_apqn()
  @requires(mdevsLock)
  linkQueue(q: VfioApQueue): void {
    q.matrixMdev = this;
    this.qtable.set(q.apqn, q);
  }

  @requires(mdevsLock)
  unlinkQueue(q: VfioApQueue): void {
    q.matrixMdev = null;
    this.qtable.delete(q.apqn);
  }

  // link every bound queue whose APQN is now assigned, unlink the ones no longer assigned
  @requires(mdevsLock)
  relinkQueues(): void {
    for (const q of matrixDev.queues.values()) {
      const assigned = this.matrix.apm.has(apqnCard(q.apqn)) && this.matrix.aqm.has(apqnQueue(q.apqn));
      if (assigned && q.matrixMdev === null) this.linkQueue(q);
      else if (!assigned && q.matrixMdev === this) this.unlinkQueue(q);
    }
  }

  // vfio_ap_mdev_reset_queues()
  @requires(mdevsLock)
  resetQueues(): void {
    for (const q of this.qtable.values()) q.irqDisable();
  }

  // ---- Operations: setting or clearing the KVM pointer ----
  // 1. PQAP Hook Lock (write), 2. Guests Lock, 3. KVM Lock, 4. Matrix Devices Lock

  // vfio_ap_mdev_set_kvm()
  setKvm(kvm: Kvm): number {
    if (!kvm.arch.crypto.crycbd) return 0;

    lock(pqapHookRwsem);
    kvm.arch.crypto.pqapHook = handlePqap; // &matrix_mdev->pqap_hook, which is handle_pqap
    unlock(pqapHookRwsem);

    UpdateLocks.forKvm(kvm);
    for (const m of matrixDev.mdevList) {
      if (m !== this && m.kvm === kvm) {
        UpdateLocks.releaseForKvm(kvm);
        return -EPERM;
      }
    }
    kvm.get();
    this.kvm = kvm;
    this.updateGuestApcb();
    UpdateLocks.releaseForKvm(kvm);
    return 0;
  }

  // vfio_ap_mdev_unset_kvm()
  unsetKvm(): void {
    const kvm = this.kvm;
    if (kvm && kvm.arch.crypto.crycbd) {
      lock(pqapHookRwsem);
      kvm.arch.crypto.pqapHook = null;
      unlock(pqapHookRwsem);

      UpdateLocks.forKvm(kvm);
      kvm.cryptoClearMasks();
      this.resetQueues();
      kvm.put();
      this.kvm = null;
      UpdateLocks.releaseForKvm(kvm);
    }
  }

  // ---- Operations: assign or unassign an adapter, domain or control domain ----
  // 1. Guests Lock, 2. KVM Lock, 3. Matrix Devices Lock; assigning also asks the AP bus
  // (ap_perms_mutex) whether the new queues are reserved for the default drivers.

  // assign_adapter_store()
  assignAdapterStore(buf: string): number {
    const apid = parseId(buf, 255);
    if (apid < 0) return -ENODEV;
    UpdateLocks.forMdev(this);
    try {
      if (this.matrix.apm.has(apid)) return buf.length;
      this.matrix.apm.add(apid);
      const ret = this.validateMasks();
      if (ret) {
        this.matrix.apm.delete(apid);
        return ret;
      }
      this.relinkQueues();
      if (this.filterMatrix()) this.updateGuestApcb();
      return buf.length;
    } finally {
      UpdateLocks.releaseForMdev(this);
    }
  }

  // unassign_adapter_store()
  unassignAdapterStore(buf: string): number {
    const apid = parseId(buf, 255);
    if (apid < 0) return -ENODEV;
    UpdateLocks.forMdev(this);
    if (this.matrix.apm.has(apid)) {
      this.matrix.apm.delete(apid);
      this.relinkQueues();
      if (this.filterMatrix()) this.updateGuestApcb();
    }
    UpdateLocks.releaseForMdev(this);
    return buf.length;
  }

  // assign_domain_store()
  assignDomainStore(buf: string): number {
    const apqi = parseId(buf, 255);
    if (apqi < 0) return -ENODEV;
    let ret = buf.length;
    UpdateLocks.forMdev(this);
    if (!this.matrix.aqm.has(apqi)) {
      this.matrix.aqm.add(apqi);
      const rc = this.validateMasks();
      if (rc) {
        this.matrix.aqm.delete(apqi);
        ret = rc;
      } else {
        this.relinkQueues();
        if (this.filterMatrix()) this.updateGuestApcb();
      }
    }
    UpdateLocks.releaseForMdev(this);
    return ret;
  }

  // unassign_domain_store()
  unassignDomainStore(buf: string): number {
    const apqi = parseId(buf, 255);
    if (apqi < 0) return -ENODEV;
    UpdateLocks.forMdev(this);
    if (this.matrix.aqm.has(apqi)) {
      this.matrix.aqm.delete(apqi);
      this.relinkQueues();
      if (this.filterMatrix()) this.updateGuestApcb();
    }
    UpdateLocks.releaseForMdev(this);
    return buf.length;
  }

  // assign_control_domain_store(): here the update locks are taken by the annotation
  @acquires(guestsLock, kvmLock, mdevsLock) // expect: lock-order-inversion
  assignControlDomainStore(buf: string): number {
    const id = parseId(buf, 255);
    if (id < 0) return -ENODEV;
    if (!this.matrix.adm.has(id)) {
      this.matrix.adm.add(id);
      if (this.filterMatrix()) this.updateGuestApcb();
    }
    return buf.length;
  }

  // unassign_control_domain_store()
  @acquires(guestsLock, kvmLock, mdevsLock) // expect: lock-order-inversion
  unassignControlDomainStore(buf: string): number {
    const id = parseId(buf, 255);
    if (id < 0) return -ENODEV;
    if (this.matrix.adm.delete(id) && this.filterMatrix()) this.updateGuestApcb();
    return buf.length;
  }

  // ---- Operations: probe or remove a mediated device ----
  // 1. Guests Lock, 2. Matrix Devices Lock

  // the locked part of vfio_ap_mdev_probe()
  @acquires(guestsLock, mdevsLock)
  probe(): number {
    this.filterMatrix();
    matrixDev.mdevList.push(this);
    return 0;
  }

  // the locked part of vfio_ap_mdev_remove()
  remove(): void {
    using guests = guard(guestsLock);
    using mdevs = guard(mdevsLock);
    this.resetQueues();
    for (const q of [...this.qtable.values()]) this.unlinkQueue(q);
    const i = matrixDev.mdevList.indexOf(this);
    if (i >= 0) matrixDev.mdevList.splice(i, 1);
  }
}

// ---- Operations: probe or remove an AP queue device ----
// 1. Guests Lock (for the duration), 2. KVM Lock, 3. Matrix Devices Lock

// The matrix_mdev the APQN is assigned to; walks matrix_dev->mdev_list, the caller holds guests_lock.
function findMdevForApqn(apqn: number): ApMatrixMdev | null {
  for (const m of matrixDev.mdevList) {
    if (m.matrix.apm.has(apqnCard(apqn)) && m.matrix.aqm.has(apqnQueue(apqn))) return m;
  }
  return null;
}

// vfio_ap_mdev_probe_queue()
export function vfioApMdevProbeQueue(queue: ApQueue): number {
  const q = new VfioApQueue(queue.qid);
  lock(guestsLock);
  const matrixMdev = findMdevForApqn(q.apqn);
  if (matrixMdev && matrixMdev.kvm) {
    lock(kvmLock);
    lock(mdevsLock); // expect: lock-order-inversion
    matrixDev.queues.set(q.apqn, q);
    matrixMdev.linkQueue(q);
    if (matrixMdev.filterMatrix()) matrixMdev.updateGuestApcb();
    unlock(mdevsLock);
    unlock(kvmLock);
  } else {
    lock(mdevsLock);
    matrixDev.queues.set(q.apqn, q);
    if (matrixMdev) {
      matrixMdev.linkQueue(q);
      matrixMdev.filterMatrix();
    }
    unlock(mdevsLock);
  }
  unlock(guestsLock);
  return 0;
}

// vfio_ap_mdev_remove_queue()
export function vfioApMdevRemoveQueue(queue: ApQueue): void {
  lock(guestsLock);
  const matrixMdev = findMdevForApqn(queue.qid);
  if (matrixMdev && matrixMdev.kvm) {
    lock(kvmLock);
    lock(mdevsLock); // expect: lock-order-inversion
    const q = matrixMdev.qtable.get(queue.qid);
    if (q) {
      q.irqDisable();
      matrixMdev.unlinkQueue(q);
    }
    if (matrixMdev.filterMatrix()) matrixMdev.updateGuestApcb();
    matrixDev.queues.delete(queue.qid);
    unlock(mdevsLock);
    unlock(kvmLock);
  } else {
    lock(mdevsLock);
    const q = matrixDev.queues.get(queue.qid);
    if (q && matrixMdev) matrixMdev.unlinkQueue(q);
    matrixDev.queues.delete(queue.qid);
    unlock(mdevsLock);
  }
  unlock(guestsLock);
}

// vfio_ap_mdev_probe() / vfio_ap_mdev_remove(): the mdev driver callbacks
function vfioApMdevProbe(mdev: MdevDevice): number {
  const matrixMdev = new ApMatrixMdev(mdev, vfioApMatrixDevOps);
  mdev.driverData = matrixMdev;
  return matrixMdev.probe();
}

function vfioApMdevRemove(mdev: MdevDevice): void {
  const matrixMdev = mdev.driverData as ApMatrixMdev;
  matrixMdev.unsetKvm();
  matrixMdev.remove();
}

// vfio_ap_mdev_open_device() / vfio_ap_mdev_close_device(): set and clear the KVM pointer
function vfioApMdevOpenDevice(vdev: VfioDevice): number {
  const matrixMdev = vdev.driverData as ApMatrixMdev;
  if (!vdev.kvm) return -EINVAL;
  return matrixMdev.setKvm(vdev.kvm);
}

function vfioApMdevCloseDevice(vdev: VfioDevice): void {
  const matrixMdev = vdev.driverData as ApMatrixMdev;
  matrixMdev.unsetKvm();
}

// ---- Operation: handle interception of the PQAP(AQIC) instruction sub-function ----
// 1. PQAP Hook Lock (read, held by handle_pqap() in priv.c around the call of this hook),
// 2. Matrix Devices Lock. Neither the Guests Lock nor the KVM Lock.

// handle_pqap() in vfio_ap_ops.c, installed as kvm->arch.crypto.pqap_hook
function handlePqap(vcpu: KvmVcpu): number {
  const apqn = vcpu.gprs[0] & 0xffff;
  const enable = (vcpu.gprs[0] & 0x800000) !== 0;
  let status = AP_RESPONSE_Q_NOT_AVAIL;
  lock(mdevsLock);
  // container_of(vcpu->kvm->arch.crypto.pqap_hook, struct ap_matrix_mdev, pqap_hook)
  const matrixMdev = matrixDev.mdevList.find((m) => m.kvm === vcpu.kvm);
  const q = matrixMdev ? matrixMdev.qtable.get(apqn) : undefined;
  if (q) status = enable ? q.irqEnable(vcpu.gprs[1] & 0x7) : q.irqDisable();
  unlock(mdevsLock);
  vcpu.gprs[1] = status << 24;
  return 0;
}

// ---- Operations: AP configuration changed, AP bus scan complete ----
// 1. Guests Lock (for the duration), then for each affected matrix_mdev, re-acquired each time:
// 2. KVM Lock, 3. Matrix Devices Lock

export class VfioApBusCallbacks {
  // vfio_ap_on_cfg_changed()
  @acquires(guestsLock)
  static onCfgChanged(newInfo: ApConfigInfo, oldInfo: ApConfigInfo): void {
    const removed: ApConfigInfo = {
      apm: new Set([...oldInfo.apm].filter((apid) => !newInfo.apm.has(apid))),
      aqm: new Set([...oldInfo.aqm].filter((apqi) => !newInfo.aqm.has(apqi))),
      adm: new Set([...oldInfo.adm].filter((id) => !newInfo.adm.has(id))),
    };
    matrixDev.config = { apm: new Set(newInfo.apm), aqm: new Set(newInfo.aqm), adm: new Set(newInfo.adm) };
    VfioApBusCallbacks.cfgRemove(removed);
  }

  // vfio_ap_mdev_cfg_remove(): unplug what the host no longer has from each affected guest
  @requires(guestsLock)
  static cfgRemove(removed: ApConfigInfo): void {
    for (const matrixMdev of matrixDev.mdevList) {
      const affected =
        [...removed.apm].some((apid) => matrixMdev.shadowApcb.apm.has(apid)) ||
        [...removed.aqm].some((apqi) => matrixMdev.shadowApcb.aqm.has(apqi)) ||
        [...removed.adm].some((id) => matrixMdev.shadowApcb.adm.has(id));
      if (!affected) continue;
      lock(kvmLock);
      lock(mdevsLock); // expect: lock-order-inversion
      if (matrixMdev.filterMatrix()) matrixMdev.updateGuestApcb();
      unlock(mdevsLock);
      unlock(kvmLock);
    }
  }

  // vfio_ap_on_scan_complete(): plug the new queues into each affected guest
  @acquires(guestsLock)
  static onScanComplete(_newInfo: ApConfigInfo, _oldInfo: ApConfigInfo): void {
    for (const matrixMdev of matrixDev.mdevList) {
      if (matrixMdev.kvm) {
        lock(mdevsLock); // BROKEN: the Matrix Devices Lock before the KVM Lock
        lock(kvmLock); // expect: lock-order-inversion, declared-order-violation
        matrixMdev.relinkQueues();
        if (matrixMdev.filterMatrix()) matrixMdev.updateGuestApcb();
        unlock(kvmLock);
        unlock(mdevsLock);
      } else {
        lock(mdevsLock);
        matrixMdev.relinkQueues();
        matrixMdev.filterMatrix();
        unlock(mdevsLock);
      }
    }
  }
}

// ---- Operation: handle resource in use query ----
// The AP bus calls this holding ap_perms_mutex while an assignment (guests_lock, ...) may be asking
// the AP bus for ap_perms_mutex: both locks are taken with mutex_trylock(), -EBUSY when one fails.
// 1. Guests Lock, 2. Matrix Devices Lock

// vfio_ap_mdev_resource_in_use()
export function vfioApMdevResourceInUse(apm: ReadonlySet<number>, aqm: ReadonlySet<number>): number {
  if (!tryLock(guestsLock)) return -EBUSY;
  if (!tryLock(mdevsLock)) {
    unlock(guestsLock);
    return -EBUSY;
  }
  const ret = verifyNoSharing(null, apm, aqm);
  unlock(mdevsLock);
  unlock(guestsLock);
  return ret;
}

// ---- the ops tables of the mediated device ----

export const vfioApMatrixDevOps: VfioDeviceOps = {
  name: "vfio-ap-mdev",
  openDevice: vfioApMdevOpenDevice,
  closeDevice: vfioApMdevCloseDevice,
};

export const vfioApMatrixDriver: MdevDriver = {
  name: "vfio_ap_mdev",
  probe: vfioApMdevProbe,
  remove: vfioApMdevRemove,
};

// the sysfs attributes of the mediated device (DEVICE_ATTR_WO(assign_adapter), ...)
export interface MdevAttribute {
  readonly name: string;
  store: (matrixMdev: ApMatrixMdev, buf: string) => number;
}

export const vfioApMdevAttrs: readonly MdevAttribute[] = [
  { name: "assign_adapter", store: (m, buf) => m.assignAdapterStore(buf) },
  { name: "unassign_adapter", store: (m, buf) => m.unassignAdapterStore(buf) },
  { name: "assign_domain", store: (m, buf) => m.assignDomainStore(buf) },
  { name: "unassign_domain", store: (m, buf) => m.unassignDomainStore(buf) },
  { name: "assign_control_domain", store: (m, buf) => m.assignControlDomainStore(buf) },
  { name: "unassign_control_domain", store: (m, buf) => m.unassignControlDomainStore(buf) },
];
