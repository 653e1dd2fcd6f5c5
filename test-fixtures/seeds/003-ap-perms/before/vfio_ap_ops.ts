// Seed 003 (before the fix): "s390/vfio-ap: implement in-use callback for vfio_ap driver" (2020),
// the scenario courtesy of Halil Pasic. drivers/s390/crypto/vfio_ap_ops.c with the single
// matrix_dev->lock of that time.
// Deadlock (ABBA): apmask_store() holds ap_perms_mutex and calls vfio_ap's in_use callback, which
// takes matrix_dev->lock; assign_adapter_store() holds matrix_dev->lock and calls
// ap_apqn_in_matrix_owned_by_def_drv(), which takes ap_perms_mutex. BANG!
import { defineLock, lock, unlock } from "lockorder";
import { apApqnInMatrixOwnedByDefDrv, apDriverRegister, type ApDriver } from "./ap_bus";

const EBUSY = 16;
const ENODEV = 19;
const EADDRINUSE = 98;
const EADDRNOTAVAIL = 99;

// matrix_dev->lock
export const matrixDevLock = defineLock("matrix_dev->lock");

const matrixMdevs: ApMatrixMdev[] = [];

// vfio_ap_mdev_verify_no_sharing(): the caller holds matrix_dev->lock
function verifyNoSharing(self: ApMatrixMdev | null, apm: ReadonlySet<number>, aqm: ReadonlySet<number>): number {
  for (const m of matrixMdevs) {
    if (m === self) continue;
    if ([...apm].some((a) => m.apm.has(a)) && [...aqm].some((q) => m.aqm.has(q))) return -EADDRINUSE;
  }
  return 0;
}

export class ApMatrixMdev {
  readonly apm = new Set<number>();
  readonly aqm = new Set<number>();
  kvm: object | null = null;

  constructor() {
    matrixMdevs.push(this);
  }

  // vfio_ap_mdev_validate_masks(): the new APQNs are not reserved for the default drivers and not
  // assigned to another mdev
  private validateMasks(): number {
    if (apApqnInMatrixOwnedByDefDrv(this.apm, this.aqm)) return -EADDRNOTAVAIL;
    return verifyNoSharing(this, this.apm, this.aqm);
  }

  // assign_adapter_store(): 2) takes matrix_dev->lock, 4) asks the AP bus
  assignAdapterStore(buf: string): number {
    if (this.kvm) return -EBUSY; // the guest is running
    const apid = Number.parseInt(buf, 0);
    if (!(apid >= 0 && apid <= 255)) return -ENODEV;
    lock(matrixDevLock);
    this.apm.add(apid);
    let ret = this.validateMasks(); // expect: lock-order-inversion
    if (ret) this.apm.delete(apid);
    else ret = buf.length;
    unlock(matrixDevLock);
    return ret;
  }

  // assign_domain_store()
  assignDomainStore(buf: string): number {
    if (this.kvm) return -EBUSY;
    const apqi = Number.parseInt(buf, 0);
    if (!(apqi >= 0 && apqi <= 255)) return -ENODEV;
    lock(matrixDevLock);
    this.aqm.add(apqi);
    let ret = this.validateMasks(); // expect: lock-order-inversion
    if (ret) this.aqm.delete(apqi);
    else ret = buf.length;
    unlock(matrixDevLock);
    return ret;
  }
}

// vfio_ap_mdev_resource_in_use(): the in_use callback, called by the AP bus holding ap_perms_mutex
function vfioApMdevResourceInUse(apm: ReadonlySet<number>, aqm: ReadonlySet<number>): number {
  lock(matrixDevLock);
  const ret = verifyNoSharing(null, apm, aqm);
  unlock(matrixDevLock);
  return ret;
}

// vfio_ap_drv (vfio_ap_drv.c): the callbacks registered with the AP bus
export const vfioApDrv: ApDriver = {
  name: "vfio_ap",
  inUse: vfioApMdevResourceInUse,
};

export function vfioApInit(): number {
  return apDriverRegister(vfioApDrv);
}
