// Abstract method dispatch: `this.probe()` in the abstract base reaches each subclass's probe;
// only ApDriver's takes kvm->lock, closing the ABBA with kvmVfioGroupAdd.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export abstract class VfioDriver {
  abstract probe(): void;

  bind(): void {
    lock(groupLock);
    this.probe(); // expect: lock-order-inversion
    unlock(groupLock);
  }
}

export class ApDriver extends VfioDriver {
  probe(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }
}

export class PciDriver extends VfioDriver {
  probe(): void {}
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
