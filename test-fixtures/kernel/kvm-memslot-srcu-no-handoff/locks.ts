// The KVM locks of Documentation/virt/kvm/locking.rst, "1. Acquisition Orders":
//
//   - kvm->lock is taken outside vcpu->mutex
//   - kvm->lock is taken outside kvm->slots_lock and kvm->irq_lock
//   - synchronize_srcu(&kvm->srcu) is called _inside_ the kvm->slots_lock critical section,
//     therefore kvm->slots_lock cannot be taken inside a kvm->srcu read-side critical section.
//     Instead, kvm->slots_arch_lock is released before the call to synchronize_srcu() and _can_
//     be taken inside a kvm->srcu read-side critical section.
//   - kvm->mn_active_invalidate_count ... kvm->slots_lock and kvm->slots_arch_lock are taken on
//     the waiting side in install_new_memslots, so MMU notifiers must not take either lock.
//
// Each lock is a lockdep class: one for every VM (kvm->lock) or every vCPU (vcpu->mutex).
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });
export const slotsLock = defineLock("kvm->slots_lock", { after: [kvmLock] });
// struct srcu_struct srcu: protects kvm->memslots and kvm->buses
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu", after: [slotsLock, vcpuMutex] });
// "can be taken inside a kvm->srcu read-side critical section"
export const slotsArchLock = defineLock("kvm->slots_arch_lock", { after: [kvmSrcu] });
// spinlock_t mn_invalidate_lock: protects mn_active_invalidate_count and mn_memslots_update_rcuwait
export const mnInvalidateLock = defineLock("kvm->mn_invalidate_lock", { kind: "spinlock", after: [slotsArchLock] });
// x86: kvm->mmu_lock is an rwlock_t (read_lock for the TDP MMU fault path)
export const mmuLock = defineLock("kvm->mmu_lock", { kind: "rwlock", after: [kvmSrcu] });
