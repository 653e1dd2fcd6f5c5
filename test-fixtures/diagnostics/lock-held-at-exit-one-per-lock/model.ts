// lock-held-at-exit: one diagnostic per lock still held, however many exits hold it:
// two locks leaked give two diagnostics; one lock leaked on two return paths gives one.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export function leaksTwo(): void { // expect: lock-held-at-exit, lock-held-at-exit
  lock(guestsLock);
  lock(kvmLock);
}

export function leaksOnTwoPaths(early: boolean): void { // expect: lock-held-at-exit
  lock(mdevsLock);
  if (early) {
    return;
  }
}

export function leaksOnEarlyReturnOnly(early: boolean): void { // expect: lock-held-at-exit
  lock(mdevsLock);
  if (early) {
    return;
  }
  unlock(mdevsLock);
}
