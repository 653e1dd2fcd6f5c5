// KVM x86 locks as of v6.3 (Documentation/virt/kvm/locking.rst): "kvm->lock is taken outside
// vcpu->mutex"; "kvm->lock is taken inside kvm->srcu, therefore synchronize_srcu(&kvm->srcu)
// cannot be called inside a kvm->lock critical section" (02d9a04da453, "Documentation: kvm:
// clarify SRCU locking order"). kvm->srcu protects the memslots, the buses and (for Xen) the
// evtchn_ports idr. kvm->arch.xen.xen_lock is the leaf-node lock of 310bc39546a4.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });
// The SRCU rule is about read-side sections and synchronize_srcu(), not an acquisition order:
// kvm->srcu is also read inside vcpu->mutex (vcpu_run()) and inside xen_lock
// (kvm_xen_set_evtchn()), so it gets no declared order.
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });
export const xenLock = defineLock("kvm->arch.xen.xen_lock", { after: [vcpuMutex] });
