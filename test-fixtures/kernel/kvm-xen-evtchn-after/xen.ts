// arch/x86/kvm/xen.c as of v6.3: after 310bc39546a4 ("KVM: x86/xen: Avoid deadlock by adding
// kvm->arch.xen.xen_lock leaf node lock") and a79b53aaaa ("KVM: x86: fix deadlock for
// KVM_XEN_EVTCHN_RESET"). The Xen state has its own leaf mutex, so the vCPU path no longer takes
// kvm->lock; kvm_xen_eventfd_reset() removes the ports under xen_lock and calls
// synchronize_srcu() after dropping it ("Because synchronize_srcu() cannot be called inside the
// critical section, first collect all the evtchnfd objects in an array").
// xen_lock is taken inside kvm->srcu (the hypercall) and kvm->srcu is read inside xen_lock
// (kvm_xen_set_evtchn(), kvm_xen_vcpu_set_attr()): SRCU readers nested in either order do not
// deadlock. Clean: lockorder must report nothing.
import { lock, shared, unlock, waitFor } from "lockorder";
import { kvmSrcu, xenLock } from "./locks";
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

// kvm_xen_set_evtchn(): the slow path, serialized by kvm->arch.xen.xen_lock
function kvmXenSetEvtchn(port: number, kvm: Kvm): number {
  let rc: number;
  lock(xenLock);
  do {
    rc = kvmXenSetEvtchnFast(port, kvm);
    if (rc !== -EWOULDBLOCK) break;
    lock(shared(kvmSrcu)); // idx = srcu_read_lock(&kvm->srcu)
    rc = kvm.xen.sharedInfo ? 0 : -EFAULT; // kvm_gpc_refresh(gpc, PAGE_SIZE)
    unlock(shared(kvmSrcu));
  } while (!rc);
  unlock(xenLock);
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
  const allEvtchnfds: Evtchnfd[] = []; // kmalloc_array(n, sizeof(struct evtchnfd *), GFP_KERNEL)
  lock(xenLock);
  for (const [port, evtchnfd] of kvm.xen.evtchnPorts) {
    allEvtchnfds.push(evtchnfd);
    kvm.xen.evtchnPorts.delete(port); // idr_remove()
  }
  unlock(xenLock);

  waitFor(kvmSrcu); // synchronize_srcu(&kvm->srcu)

  while (allEvtchnfds.length) allEvtchnfds.pop(); // eventfd_ctx_put(); kfree(evtchnfd)
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
      lock(xenLock);
      kvm.xen.longMode = true;
      unlock(xenLock);
      r = 0;
      break;
    case KVM_XEN_ATTR_TYPE_SHARED_INFO:
      lock(xenLock);
      kvm.xen.sharedInfo = 1; // kvm_xen_shared_info_init()
      unlock(xenLock);
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
  lock(xenLock); // mutex_lock(&vcpu->kvm->arch.xen.xen_lock)
  lock(shared(kvmSrcu)); // idx = srcu_read_lock(&vcpu->kvm->srcu)
  const r = vcpu.kvm.xen.sharedInfo ? 0 : -EINVAL; // kvm_gpc_activate(...)
  unlock(shared(kvmSrcu));
  unlock(xenLock);
  return r;
}
