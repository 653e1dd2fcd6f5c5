// lock-order-inversion through an SRCU grace period. KVM's Documentation/virt/kvm/locking.rst:
// synchronize_srcu(&kvm->srcu) is called inside kvm->slots_lock (kvm_set_memslot() ->
// kvm_swap_active_memslots()), so slots_lock cannot be taken inside a kvm->srcu read-side critical
// section: "srcu_read_lock(&kvm->srcu); mutex_lock(&kvm->slots_lock);" is broken. The reader holds
// the domain while it waits for slots_lock; the updater holds slots_lock while it waits for every
// reader. Lockdep reports it since synchronize_srcu() does lock_sync().
import { defineLock, lock, shared, unlock, waitFor } from "lockorder";

export const slotsLock = defineLock("kvm->slots_lock");
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });

// A vCPU path that takes slots_lock inside the read side (the pattern locking.rst forbids).
export function vcpuReadMemslots(): void {
  lock(shared(kvmSrcu)); // srcu_read_lock(&kvm->srcu)
  lock(slotsLock); // expect: lock-order-inversion
  unlock(slotsLock);
  unlock(shared(kvmSrcu)); // srcu_read_unlock()
}

// kvm_set_memslot(): slots_lock held across the grace period of kvm_swap_active_memslots().
export function kvmSetMemslot(): void {
  lock(slotsLock);
  waitFor(kvmSrcu); // expect: lock-order-inversion
  unlock(slotsLock);
}

// Near miss: a grace period waited for after slots_lock is dropped orders nothing.
export function kvmFreeMemslotsLater(): void {
  lock(slotsLock);
  unlock(slotsLock);
  waitFor(kvmSrcu); // synchronize_srcu(&kvm->srcu)
}
