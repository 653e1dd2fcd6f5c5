// arch/x86/kvm/xen.c as of v6.1, after 2fd6df2f2b47 ("KVM: x86/xen: intercept EVTCHNOP_send from
// guests") and before 310bc39546a4 / a79b53aaaa. kvm_xen_set_evtchn() takes the main kvm->lock,
// under this comment:
//   "For the irqfd workqueue, using the main kvm->lock mutex is fine since this function is
//    invoked from kvm_set_irq() with no other lock held, no srcu. In future if it will be called
//    directly from a vCPU thread (e.g. on hypercall for an IPI) then it may need to switch to
//    using a leaf-node mutex for serializing the shared_info mapping."
// 2fd6df2f2b47 calls it from a vCPU thread, inside vcpu->mutex and kvm->srcu:
//   - vcpu->mutex -> kvm->lock, against "kvm->lock is taken outside vcpu->mutex"; SEV takes
//     vcpu->mutex inside kvm->lock (sev.ts): an ABBA;
//   - kvm->srcu -> kvm->lock, while kvm_xen_eventfd_reset() and kvm_vm_ioctl_set_msr_filter()
//     call synchronize_srcu(&kvm->srcu) inside kvm->lock: a deadlock too ("KVM: x86: fix
//     deadlock for KVM_XEN_EVTCHN_RESET", and the selftests hung on it).
import { lock, shared, unlock, waitFor } from "lockorder";
import { kvmLock, kvmSrcu } from "./locks";
import type { Kvm, KvmVcpu } from "./x86";

const EFAULT = 14;
const EINVAL = 22;
const ENOTCONN = 107;
const EWOULDBLOCK = 11;
const HYPERVISOR_EVENT_CHANNEL_OP = 32;
const EVTCHNOP_SEND = 4;
const KVM_XEN_ATTR_TYPE_LONG_MODE = 0;
const KVM_XEN_ATTR_TYPE_SHARED_INFO = 1;
const KVM_XEN_ATTR_TYPE_EVTCHN = 4;
const KVM_XEN_EVTCHN_RESET = 1 << 1;

interface Evtchnfd {
  sendPort: number;
  deliverPort: number; // deliver.port.port; 0 for an eventfd
}

export interface KvmXen {
  // kvm->arch.xen.evtchn_ports: "The evtchn_ports idr is protected by vcpu->kvm->srcu"
  evtchnPorts: Map<number, Evtchnfd>;
  longMode: boolean;
  sharedInfo: number;
}

// kvm_xen_set_evtchn_fast(): -EWOULDBLOCK when the shared_info cache must be refreshed
function kvmXenSetEvtchnFast(port: number, kvm: Kvm): number {
  return kvm.xen.sharedInfo ? port : -EWOULDBLOCK;
}

// kvm_xen_set_evtchn(): the slow path, serialized by kvm->lock
function kvmXenSetEvtchn(port: number, kvm: Kvm): number {
  let rc: number;
  lock(kvmLock);
  do {
    rc = kvmXenSetEvtchnFast(port, kvm);
    if (rc !== -EWOULDBLOCK) break;
    lock(shared(kvmSrcu)); // idx = srcu_read_lock(&kvm->srcu)
    rc = kvm.xen.sharedInfo ? 0 : -EFAULT; // kvm_gpc_refresh(gpc, PAGE_SIZE)
    unlock(shared(kvmSrcu));
  } while (!rc);
  unlock(kvmLock);
  return rc;
}

// kvm_xen_hcall_evtchn_send(): EVTCHNOP_send from the guest, in the vCPU thread
function kvmXenHcallEvtchnSend(vcpu: KvmVcpu, port: number): number {
  // The evtchn_ports idr is protected by vcpu->kvm->srcu (held by vcpu_run())
  const evtchnfd = vcpu.kvm.xen.evtchnPorts.get(port);
  if (!evtchnfd) return -EINVAL;
  if (evtchnfd.deliverPort) {
    const ret = kvmXenSetEvtchn(evtchnfd.deliverPort, vcpu.kvm);
    if (ret < 0 && ret !== -ENOTCONN) return ret;
  }
  return 0; // else eventfd_signal(evtchnfd->deliver.eventfd.ctx, 1)
}

// kvm_xen_hypercall()
export function kvmXenHypercall(vcpu: KvmVcpu): number {
  const input = vcpu.regs[0];
  if (input === HYPERVISOR_EVENT_CHANNEL_OP && vcpu.regs[1] === EVTCHNOP_SEND) {
    return kvmXenHcallEvtchnSend(vcpu, vcpu.regs[2]);
  }
  return 1;
}

// kvm_xen_eventfd_reset(): KVM_XEN_EVTCHN_RESET
function kvmXenEventfdReset(kvm: Kvm): number {
  lock(kvmLock);
  for (const [port, evtchnfd] of kvm.xen.evtchnPorts) { // idr_for_each_entry()
    kvm.xen.evtchnPorts.delete(port); // idr_remove(&kvm->arch.xen.evtchn_ports, evtchnfd->send_port)
    waitFor(kvmSrcu); // expect: lock-order-inversion
    void evtchnfd; // eventfd_ctx_put(); kfree(evtchnfd)
  }
  unlock(kvmLock);
  return 0;
}

// kvm_xen_setattr_evtchn()
function kvmXenSetattrEvtchn(kvm: Kvm, flags: number): number {
  if (flags & KVM_XEN_EVTCHN_RESET) return kvmXenEventfdReset(kvm);
  return -EINVAL;
}

// kvm_xen_hvm_set_attr(): KVM_XEN_HVM_SET_ATTR
export function kvmXenHvmSetAttr(kvm: Kvm, type: number): number {
  let r = -EINVAL;
  switch (type) {
    case KVM_XEN_ATTR_TYPE_LONG_MODE:
      lock(kvmLock);
      kvm.xen.longMode = true;
      unlock(kvmLock);
      r = 0;
      break;
    case KVM_XEN_ATTR_TYPE_SHARED_INFO:
      lock(kvmLock);
      kvm.xen.sharedInfo = 1; // kvm_xen_shared_info_init()
      unlock(kvmLock);
      r = 0;
      break;
    case KVM_XEN_ATTR_TYPE_EVTCHN:
      r = kvmXenSetattrEvtchn(kvm, KVM_XEN_EVTCHN_RESET);
      break;
  }
  return r;
}

// kvm_xen_vcpu_set_attr(): KVM_XEN_VCPU_SET_ATTR, a vCPU ioctl (vcpu->mutex held)
export function kvmXenVcpuSetAttr(vcpu: KvmVcpu, _type: number): number {
  lock(kvmLock); // mutex_lock(&vcpu->kvm->lock)
  lock(shared(kvmSrcu)); // idx = srcu_read_lock(&vcpu->kvm->srcu)
  const r = vcpu.kvm.xen.sharedInfo ? 0 : -EINVAL; // kvm_gpc_activate(...)
  unlock(shared(kvmSrcu));
  unlock(kvmLock);
  return r;
}
