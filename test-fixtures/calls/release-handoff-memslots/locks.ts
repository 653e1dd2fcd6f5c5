// The memslot locks of virt/kvm/kvm_main.c (Documentation/virt/kvm/locking.rst):
// kvm->slots_lock is taken outside kvm->slots_arch_lock; kvm->srcu protects the memslots array,
// read by vCPUs and waited for by memslot updates.
import { defineLock } from "lockorder";

export const slotsLock = defineLock("memslots kvm->slots_lock");
export const slotsArchLock = defineLock("memslots kvm->slots_arch_lock", { after: [slotsLock] });
export const kvmSrcu = defineLock("memslots kvm->srcu", { kind: "srcu" });
export const mmuLock = defineLock("memslots kvm->mmu_lock", { kind: "rwlock" });
