// Seed 003 (after the fix): in_use and the assignments take matrix_dev->lock with mutex_trylock()
// and fail with -EBUSY when it is not available. A trylock never waits, so ap_perms_mutex ->
// matrix_dev->lock is no longer an edge and the ABBA is gone (the check-then-act race Halil points
// out is not a lock-order problem). Clean: no diagnostic.
import { defineLock, lock, tryAcquires, tryLock, unlock } from "lockorder";
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

  // vfio_ap_mdev_validate_masks()
  private validateMasks(): number {
    if (apApqnInMatrixOwnedByDefDrv(this.apm, this.aqm)) return -EADDRNOTAVAIL;
    return verifyNoSharing(this, this.apm, this.aqm);
  }

  // assign_adapter_store(): if (!mutex_trylock(&matrix_dev->lock)) return -EBUSY;
  assignAdapterStore(buf: string): number {
    if (this.kvm) return -EBUSY;
    const apid = Number.parseInt(buf, 0);
    if (!(apid >= 0 && apid <= 255)) return -ENODEV;
    if (!tryLock(matrixDevLock)) return -EBUSY;
    this.apm.add(apid);
    let ret = this.validateMasks();
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
    let ret: number;
    if (tryLock(matrixDevLock)) {
      this.aqm.add(apqi);
      ret = this.validateMasks();
      if (ret) this.aqm.delete(apqi);
      else ret = buf.length;
      unlock(matrixDevLock);
    } else {
      ret = -EBUSY;
    }
    return ret;
  }

  // unassign_adapter_store(): unassigning asks nobody, it may wait for matrix_dev->lock
  unassignAdapterStore(buf: string): number {
    const apid = Number.parseInt(buf, 0);
    lock(matrixDevLock);
    this.apm.delete(apid);
    unlock(matrixDevLock);
    return buf.length;
  }
}

export class VfioApQueueDriver {
  // vfio_ap_mdev_resource_in_use(): the body is the success path of
  // mutex_trylock(&matrix_dev->lock); when the trylock fails the callback returns -EBUSY
  @tryAcquires(matrixDevLock)
  static resourceInUse(apm: ReadonlySet<number>, aqm: ReadonlySet<number>): number {
    return verifyNoSharing(null, apm, aqm);
  }
}

// vfio_ap_drv (vfio_ap_drv.c): the in_use callback is the static method
export const vfioApDrv: ApDriver = {
  name: "vfio_ap",
  inUse: VfioApQueueDriver.resourceInUse,
};

export function vfioApInit(): number {
  return apDriverRegister(vfioApDrv);
}
