// drivers/s390/crypto/vfio_ap_private.h: the singleton matrix device, the AP matrix of a mediated
// device and the queue objects of the vfio_ap driver (seed 002).
import { requires } from "lockorder";
import type { ApConfigInfo } from "./ap_bus";
import { mdevsLock } from "./locks";
import type { ApMatrixMdev } from "./vfio_ap_ops";

const AP_RESPONSE_NORMAL = 0x00;
const AP_RESPONSE_INVALID_ADDRESS = 0x06;

// struct ap_matrix: the adapters (apm), domains (aqm) and control domains (adm) of a matrix
export class ApMatrix {
  apm = new Set<number>();
  aqm = new Set<number>();
  adm = new Set<number>();

  copyFrom(other: ApMatrix): void {
    this.apm = new Set(other.apm);
    this.aqm = new Set(other.aqm);
    this.adm = new Set(other.adm);
  }

  equals(other: ApMatrix): boolean {
    const same = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((x) => b.has(x));
    return same(this.apm, other.apm) && same(this.aqm, other.aqm) && same(this.adm, other.adm);
  }
}

// struct vfio_ap_queue: a queue device bound to vfio_ap
export class VfioApQueue {
  // q->matrix_mdev: the mediated device the queue is assigned to
  matrixMdev: ApMatrixMdev | null = null;
  savedIsc = -1;

  constructor(readonly apqn: number) {}

  // vfio_ap_irq_enable(): registers the guest's ISC and the notification indicator
  @requires(mdevsLock)
  irqEnable(isc: number): number {
    if (isc < 0 || isc > 7) return AP_RESPONSE_INVALID_ADDRESS;
    this.savedIsc = isc;
    return AP_RESPONSE_NORMAL;
  }

  // vfio_ap_irq_disable()
  @requires(mdevsLock)
  irqDisable(): number {
    this.savedIsc = -1;
    return AP_RESPONSE_NORMAL;
  }
}

// struct ap_matrix_dev: the singleton parent of every matrix_mdev
export class MatrixDev {
  // matrix_dev->mdev_list: added to and removed from holding guests_lock
  readonly mdevList: ApMatrixMdev[] = [];
  // the queue devices bound to vfio_ap, by APQN
  readonly queues = new Map<number, VfioApQueue>();
  // matrix_dev->info: the host's AP configuration
  config: ApConfigInfo = { apm: new Set(), aqm: new Set(), adm: new Set() };
}

export const matrixDev = new MatrixDev();
