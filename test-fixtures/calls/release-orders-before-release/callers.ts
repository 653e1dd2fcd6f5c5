// The callers of the hand-off (helpers.ts), and a made-up path taking the locks the other way.
import { lock, unlock, waitFor } from "lockorder";
import { kvmActivateMemslot } from "./activate";
import { memslotsUpdate, mnInvalidateLock, slotsArchLock } from "./locks";

export function kvmSetMemslot(): void {
  lock(slotsArchLock);
  kvmActivateMemslot(); // expect: lock-order-inversion
}

// A made-up inverted path, so that the edge through the hand-off is on a cycle.
export function invertedPath(): void {
  lock(mnInvalidateLock);
  lock(slotsArchLock); // expect: lock-order-inversion
  unlock(slotsArchLock);
  unlock(mnInvalidateLock);
}

// Waiting for the memslot update while holding only mn_invalidate_lock is no cycle: nothing
// takes mn_invalidate_lock while the update is being waited for.
export function waitUnderInvalidate(): void {
  lock(mnInvalidateLock);
  waitFor(memslotsUpdate);
  unlock(mnInvalidateLock);
}
