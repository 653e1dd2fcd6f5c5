// KVM x86 locks as of v6.1 (Documentation/virt/kvm/locking.rst): "kvm->lock is taken outside
// vcpu->mutex". kvm->srcu protects the memslots, the buses and (for Xen) the evtchn_ports idr.
import { defineLock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });
export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });
