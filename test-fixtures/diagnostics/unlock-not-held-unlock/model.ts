// unlock-not-held: unlock() of a lock that is not held (never taken, or already released),
// reported at the argument of unlock.
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export function unlockNeverLocked(): void {
  unlock(mdevsLock); // expect: unlock-not-held
}

export function doubleUnlock(): void {
  lock(mdevsLock);
  unlock(mdevsLock);
  unlock(mdevsLock); // expect: unlock-not-held
}
