// What a releasing helper acquires before its release is still ordered after the caller's lock:
// kvm_swap_active_memslots() takes kvm->mn_invalidate_lock while slots_arch_lock is held, then
// drops slots_arch_lock and waits. The edge slots_arch_lock -> mn_invalidate_lock stays (in the
// helper and at the call, with the call chain), and a path taking them the other way deadlocks;
// the wait after the release orders nothing.
import { lock, unlock, waitFor } from "lockorder";
import { memslotsUpdate, mnInvalidateLock, slotsArchLock } from "./locks";

/** @releases slotsArchLock */
export function kvmSwapActiveMemslots(): void {
  lock(mnInvalidateLock); // expect: lock-order-inversion
  unlock(mnInvalidateLock);
  unlock(slotsArchLock);
  waitFor(memslotsUpdate);
}
