// arch/x86/kvm/xen.c: xen_lock, the leaf lock of the Xen emulation, is taken inside the vCPU's
// read section (EVTCHNOP_send from KVM_RUN) and, by the VM ioctl, outside one around its own read
// section. Two readers nested in either order with another lock never wait for each other: only a
// synchronize_srcu() would, and none runs under xen_lock. No deadlock.
import { lock, shared, unlock } from "lockorder";
import { kvmSrcu, xenLock } from "./kvm_host";

// kvm_xen_set_evtchn(): mutex_lock(&kvm->arch.xen.xen_lock)
function kvmXenSetEvtchn(): number {
  lock(xenLock);
  unlock(xenLock);
  return 0;
}

// kvm_xen_hypercall() -> kvm_xen_hcall_evtchn_send(), inside KVM_RUN's read section
export function kvmXenHypercall(): number {
  return kvmXenSetEvtchn();
}

// kvm_xen_hvm_set_attr(KVM_XEN_ATTR_TYPE_SHARED_INFO): mutex_lock(&kvm->arch.xen.xen_lock);
// idx = srcu_read_lock(&kvm->srcu); kvm_xen_shared_info_init(); srcu_read_unlock(&kvm->srcu, idx)
export function kvmXenHvmSetAttr(): number {
  lock(xenLock);
  lock(shared(kvmSrcu));
  unlock(shared(kvmSrcu));
  unlock(xenLock);
  return 0;
}
