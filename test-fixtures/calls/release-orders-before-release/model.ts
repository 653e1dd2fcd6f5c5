// What a releasing helper acquires before its release is still ordered after the caller's lock:
// kvm_swap_active_memslots() takes kvm->mn_invalidate_lock while slots_arch_lock is held, then
// drops slots_arch_lock and waits. The edge slots_arch_lock -> mn_invalidate_lock stays (in the
// helper and at the call, with the call chain), and a path taking them the other way deadlocks;
// the wait after the release orders nothing.
import { defineLock, lock, unlock, waitFor } from "lockorder";

export const slotsArchLock = defineLock("swap kvm->slots_arch_lock");
export const mnInvalidateLock = defineLock("swap kvm->mn_invalidate_lock");
export const memslotsUpdate = defineLock("swap kvm->mn_memslots_update_rcuwait", { kind: "completion" });

/** @releases slotsArchLock */
function kvmSwapActiveMemslots(): void {
  lock(mnInvalidateLock); // expect: lock-order-inversion
  unlock(mnInvalidateLock);
  unlock(slotsArchLock);
  waitFor(memslotsUpdate);
}

/** @releases slotsArchLock */
function kvmActivateMemslot(): void {
  kvmSwapActiveMemslots(); // expect: lock-order-inversion
}

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
