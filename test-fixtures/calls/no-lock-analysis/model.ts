// @noLockAnalysis: the body is ignored (its lock(mdevs) makes no guests -> mdevs edge, so
// mdevsThenGuests is no cycle), but its @acquires(kvm) still applies at the call (an ABBA with kvmThenGuests).
import { acquires, defineLock, lock, noLockAnalysis, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export class VfioAp {
  // Not analysed: no kvm -> mdevs edge, no recursive-lock, no lock-held-at-exit from this body.
  @noLockAnalysis
  @acquires(kvmLock)
  openCoded(): void {
    lock(mdevsLock);
    lock(mdevsLock);
  }
}

export function guestsThenOpenCoded(ap: VfioAp): void {
  lock(guestsLock);
  ap.openCoded(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function kvmThenGuests(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}

// Would close guests -> mdevs -> guests if the ignored body counted.
export function mdevsThenGuests(): void {
  lock(mdevsLock);
  lock(guestsLock);
  unlock(guestsLock);
  unlock(mdevsLock);
}
