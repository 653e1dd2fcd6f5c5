// Call resolution follows TypeScript's narrowing of the receiver: once `instanceof`, a type
// predicate (`d is T`, `this is T`) or an assertion function (`asserts d is T`) has narrowed a
// `VfioDevice` to a `VfioPciDevice`, `d.release()` runs the PCI override only, which takes
// vdev->igate; the base method takes dev_set->lock. A base method's `this.release()` does the same
// once `this instanceof VfioPciDevice` holds. Holding group_lock around a narrowed call is
// therefore fine, and only the call that is not narrowed closes an ABBA with groupUnbind.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const devSetLock = defineLock("dev_set->lock");
export const igate = defineLock("vdev->igate");

export class VfioDevice {
  release(): void {
    lock(devSetLock);
    unlock(devSetLock);
  }

  isPci(): this is VfioPciDevice {
    return false;
  }

  // `this` narrowed by instanceof is `this & VfioPciDevice`: an instance of both classes at once,
  // so `this.release()` runs the PCI override only (vdev->igate), never the base method that takes
  // dev_set->lock; holding group_lock around it closes no cycle.
  releaseUnderGroup(): void {
    lock(groupLock);
    if (this instanceof VfioPciDevice) this.release();
    unlock(groupLock);
  }

  describe(): string {
    // `this` narrowed by instanceof is `this & VfioPciDevice`, whose isPci has both declarations.
    return this instanceof VfioPciDevice && this.isPci() ? "pci" : "device";
  }
}

export class VfioPciDevice extends VfioDevice {
  // A member of its own: without one the types are the same to TypeScript, and a predicate narrows nothing.
  readonly barCount: number = 6;

  override release(): void {
    lock(igate);
    unlock(igate);
  }

  override isPci(): this is VfioPciDevice {
    return true;
  }
}

export function isPciDevice(d: VfioDevice): d is VfioPciDevice {
  return d instanceof VfioPciDevice;
}

export function assertPciDevice(d: VfioDevice): asserts d is VfioPciDevice {
  if (!(d instanceof VfioPciDevice)) throw new Error("not a PCI device");
}

export class VfioGroup {
  constructor(private readonly device: VfioDevice) {}

  releaseByInstanceof(): void {
    lock(groupLock);
    if (this.device instanceof VfioPciDevice) this.device.release();
    unlock(groupLock);
  }

  releaseByMethodPredicate(): void {
    lock(groupLock);
    if (this.device.isPci()) this.device.release();
    unlock(groupLock);
  }

  releaseByPredicate(d: VfioDevice): void {
    lock(groupLock);
    if (isPciDevice(d)) d.release();
    unlock(groupLock);
  }

  releaseByAssertion(d: VfioDevice): void {
    lock(groupLock);
    assertPciDevice(d);
    d.release();
    unlock(groupLock);
  }

  releaseAny(): void {
    lock(groupLock);
    this.device.release(); // expect: lock-order-inversion
    unlock(groupLock);
  }
}

export function groupUnbind(): void {
  lock(devSetLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(devSetLock);
}
