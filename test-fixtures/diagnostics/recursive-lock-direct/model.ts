// recursive-lock: a mutex acquired twice in one function, reported at the second acquisition.
// The recursive acquisition adds no second hold, so one unlock balances it (SPEC 4.2).
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export function doubleLock(): void {
  lock(mdevsLock);
  lock(mdevsLock); // expect: recursive-lock
  unlock(mdevsLock);
}

// Near miss: the second acquisition comes after the release.
export function relockAfterUnlock(): void {
  lock(mdevsLock);
  unlock(mdevsLock);
  lock(mdevsLock);
  unlock(mdevsLock);
}
