// KVM's memslot update against its vCPUs' SRCU read sections (include/linux/kvm_host.h,
// Documentation/virt/kvm/locking.rst, "For SRCU"):
// * kvm->srcu: each vCPU reads the memslots inside an SRCU read section while it runs
//   (kvm_vcpu_srcu_read_lock() in KVM_RUN); kvm_swap_active_memslots() waits for those readers
//   with synchronize_srcu_expedited().
// * synchronize_srcu() runs inside kvm->slots_lock, so slots_lock must not be taken inside a
//   read section (x86.ts has a handler that does: the deadlock of this model).
// * kvm->slots_arch_lock is released before synchronize_srcu(), so a read section may take it
//   (mmu.ts), and xen_lock is taken both inside and outside read sections (xen.ts): no deadlock.
import { defineLock } from "lockorder";

export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });
export const vcpuMutex = defineLock("vcpu->mutex");
export const slotsLock = defineLock("kvm->slots_lock");
export const slotsArchLock = defineLock("kvm->slots_arch_lock", { after: [slotsLock] });
export const xenLock = defineLock("kvm->arch.xen.xen_lock");

export const EINTR = 4;
export const KVM_RUN = 0xae80;
