// declared-order-violation with `before:`: guests_lock must be taken before mdevs_lock; taking it
// under mdevs_lock (directly, or through a call) is reported at the site of the edge.
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const guestsLock = defineLock("matrix_dev->guests_lock", { before: [mdevsLock] });

function takeGuests(): void {
  lock(guestsLock);
  unlock(guestsLock);
}

export function mdevsThenGuests(): void {
  lock(mdevsLock);
  lock(guestsLock); // expect: declared-order-violation
  unlock(guestsLock);
  unlock(mdevsLock);
}

export function mdevsThenGuestsViaCall(): void {
  lock(mdevsLock);
  takeGuests(); // expect: declared-order-violation
  unlock(mdevsLock);
}
