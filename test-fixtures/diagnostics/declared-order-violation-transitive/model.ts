// declared-order-violation through the transitive declared order guests < kvm < mdevs: an observed
// mdevs -> guests edge violates it although no single declaration relates the two locks.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock] });

export function mdevsThenGuests(): void {
  lock(mdevsLock);
  lock(guestsLock); // expect: declared-order-violation
  unlock(guestsLock);
  unlock(mdevsLock);
}
