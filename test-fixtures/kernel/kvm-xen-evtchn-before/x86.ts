// arch/x86/kvm (v6.1): the run loop and its exit handlers (vmx.c's kvm_vmx_exit_handlers[] and
// svm.c's svm_exit_handlers[], reached through the vendor's kvm_x86_ops), the vCPU and VM
// ioctls, and KVM_SET_MSR_FILTER, which calls synchronize_srcu() inside kvm->lock.
import { lock, shared, unlock, waitFor } from "lockorder";
import { kvmLock, kvmSrcu } from "./locks";
import { sevMemEncIoctl } from "./sev";
import { kvmXenHvmSetAttr, kvmXenHypercall, kvmXenVcpuSetAttr, type KvmXen } from "./xen";

const ENOTTY = 25;
const EINVAL = 22;
const EXIT_REASON_EXCEPTION_NMI = 0;
const EXIT_REASON_HLT = 12;
const EXIT_REASON_VMCALL = 18;
const SVM_EXIT_HLT = 0x078;
const SVM_EXIT_VMMCALL = 0x081;
const KVM_XEN_VCPU_SET_ATTR = 0x4088aecb;
const KVM_XEN_HVM_SET_ATTR = 0x4048aec9;
const KVM_X86_SET_MSR_FILTER = 0x4188aec6;
const KVM_MEMORY_ENCRYPT_OP = 0xc008aeba;

export class Kvm {
  readonly vcpus: KvmVcpu[] = [];
  readonly xen: KvmXen = { evtchnPorts: new Map(), longMode: false, sharedInfo: 0 };
  msrFilter: object | null = null;
  xenHypercallsEnabled = true;
  vmDead = false;
}

export class KvmVcpu {
  exitReason = 0;
  guestStateProtected = false;
  regs: number[] = new Array<number>(16).fill(0);
  constructor(readonly kvm: Kvm) {}
}

type ExitHandler = (vcpu: KvmVcpu) => number;

// struct kvm_x86_ops: mem_enc_ioctl is NULL for VMX ("if (!kvm_x86_ops.mem_enc_ioctl)")
export interface KvmX86Ops {
  name: string;
  handleExit: (vcpu: KvmVcpu) => number;
  memEncIoctl?: (kvm: Kvm, arg: number) => number;
}

function handleExceptionNmi(_vcpu: KvmVcpu): number {
  return 1;
}

// kvm_emulate_halt()
function kvmEmulateHalt(_vcpu: KvmVcpu): number {
  return 0;
}

// kvm_emulate_hypercall(): "if (kvm_xen_hypercall_enabled(vcpu->kvm)) return kvm_xen_hypercall(vcpu);"
function kvmEmulateHypercall(vcpu: KvmVcpu): number {
  if (vcpu.kvm.xenHypercallsEnabled) return kvmXenHypercall(vcpu);
  return 1;
}

// vmx.c: static int (*kvm_vmx_exit_handlers[])(struct kvm_vcpu *vcpu) = { [EXIT_REASON_...] = ... };
const kvmVmxExitHandlers: (ExitHandler | undefined)[] = [];
kvmVmxExitHandlers[EXIT_REASON_EXCEPTION_NMI] = handleExceptionNmi;
kvmVmxExitHandlers[EXIT_REASON_HLT] = kvmEmulateHalt;
kvmVmxExitHandlers[EXIT_REASON_VMCALL] = kvmEmulateHypercall;

// __vmx_handle_exit()
function vmxHandleExit(vcpu: KvmVcpu): number {
  const exitHandlerIndex = vcpu.exitReason & 0xffff;
  if (!kvmVmxExitHandlers[exitHandlerIndex]) return 0; // unexpected_vmexit
  return kvmVmxExitHandlers[exitHandlerIndex]!(vcpu);
}

// svm.c: svm_exit_handlers[], svm_invoke_exit_handler()
const svmExitHandlers = new Map<number, ExitHandler>([
  [SVM_EXIT_HLT, kvmEmulateHalt],
  [SVM_EXIT_VMMCALL, kvmEmulateHypercall],
]);

function svmHandleExit(vcpu: KvmVcpu): number {
  const handler = svmExitHandlers.get(vcpu.exitReason);
  if (!handler) return 0;
  return handler(vcpu);
}

export const vtX86Ops: KvmX86Ops = { name: "kvm_intel", handleExit: vmxHandleExit };
export const svmX86Ops: KvmX86Ops = { name: "kvm_amd", handleExit: svmHandleExit, memEncIoctl: sevMemEncIoctl };
// kvm_x86_ops: the loaded vendor module's table (kvm_ops_update())
export let kvmX86Ops: KvmX86Ops = vtX86Ops;

export function kvmX86VendorInit(ops: KvmX86Ops): void {
  kvmX86Ops = ops;
}

// vcpu_enter_guest(): static_call(kvm_x86_handle_exit)(vcpu, exit_fastpath)
function vcpuEnterGuest(vcpu: KvmVcpu): number {
  vcpu.exitReason = vcpu.regs[0]; // static_call(kvm_x86_vcpu_run)(vcpu)
  return kvmX86Ops.handleExit(vcpu);
}

// vcpu_run(): kvm_vcpu_srcu_read_lock(vcpu) around the run loop
function vcpuRun(vcpu: KvmVcpu): number {
  let r: number;
  lock(shared(kvmSrcu));
  for (;;) {
    r = vcpuEnterGuest(vcpu); // expect: lock-order-inversion
    if (r <= 0) break;
  }
  unlock(shared(kvmSrcu));
  return r;
}

// kvm_arch_vcpu_ioctl_run()
export function kvmArchVcpuIoctlRun(vcpu: KvmVcpu): number {
  return vcpuRun(vcpu);
}

// kvm_arch_vcpu_ioctl()
export function kvmArchVcpuIoctl(vcpu: KvmVcpu, ioctl: number, arg: number): number {
  switch (ioctl) {
    case KVM_XEN_VCPU_SET_ATTR:
      return kvmXenVcpuSetAttr(vcpu, arg);
    default:
      return -EINVAL;
  }
}

// kvm_vm_ioctl_set_msr_filter(): publish the new filter and wait for the readers of the old one,
// all inside kvm->lock
function kvmVmIoctlSetMsrFilter(kvm: Kvm, newFilter: object): number {
  lock(kvmLock);
  const oldFilter = kvm.msrFilter; // srcu_dereference_check(kvm->arch.msr_filter, &kvm->srcu, 1)
  kvm.msrFilter = newFilter; // rcu_assign_pointer()
  waitFor(kvmSrcu); // expect: lock-order-inversion
  void oldFilter; // kvm_free_msr_filter(old_filter)
  unlock(kvmLock);
  return 0;
}

// kvm_arch_vm_ioctl()
export function kvmArchVmIoctl(kvm: Kvm, ioctl: number, arg: number): number {
  switch (ioctl) {
    case KVM_XEN_HVM_SET_ATTR:
      return kvmXenHvmSetAttr(kvm, arg);
    case KVM_X86_SET_MSR_FILTER:
      return kvmVmIoctlSetMsrFilter(kvm, { arg });
    case KVM_MEMORY_ENCRYPT_OP: {
      if (!kvmX86Ops.memEncIoctl) return -ENOTTY;
      return kvmX86Ops.memEncIoctl(kvm, arg); // static_call(kvm_x86_mem_enc_ioctl)(kvm, argp)
    }
    default:
      return -EINVAL;
  }
}
