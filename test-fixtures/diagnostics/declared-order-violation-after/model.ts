// declared-order-violation: kvm->lock is declared `after` guests_lock (seed 002's documented
// order); one observed edge against it is reported at its site although no cycle is observed.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });

export function kvmThenGuests(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: declared-order-violation
  unlock(guestsLock);
  unlock(kvmLock);
}
