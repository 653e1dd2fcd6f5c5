// lock-held-at-exit: lock() without unlock() in a plain function, an arrow function stored in a
// const, a method and a constructor; reported on the function's name (or `constructor`).
import { defineLock, lock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const groupLock = defineLock("vfio_group->group_lock");

export function forgetsUnlock(): void { // expect: lock-held-at-exit
  lock(guestsLock);
}

export const arrowForgetsUnlock = (): void => { // expect: lock-held-at-exit
  lock(kvmLock);
};

export class VfioApMdev {
  constructor() { // expect: lock-held-at-exit
    lock(mdevsLock);
  }

  probe(): void { // expect: lock-held-at-exit
    lock(groupLock);
  }
}
