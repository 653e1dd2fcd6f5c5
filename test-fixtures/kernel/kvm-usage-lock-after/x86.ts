// arch/x86/kvm (v6.11, unchanged by the fix): KVM_SET_MSRS, whose APIC base write flips a static key (cpus_read_lock)
// inside the kvm->srcu read section, and the nx_huge_pages module parameter, whose setter walks
// vm_list under kvm_lock taking each VM's slots_lock.
import { lock, shared, unlock } from "lockorder";
import { paramAttrStore, staticKeySlowInc, type KernelParam, type KernelParamOps } from "./kernel";
import { vmList, type Kvm } from "./kvm_main";
import { kvmLockGlobal, kvmSrcu, slotsLock } from "./locks";

const EPERM = 1;
const EBUSY = 16;
const EINVAL = 22;
const KVM_SET_MSRS = 0x4008ae89;
const MSR_IA32_APICBASE = 0x1b;
const MSR_IA32_APICBASE_ENABLE = 1 << 11;

export class KvmVcpu {
  apicBase = MSR_IA32_APICBASE_ENABLE;
  constructor(readonly kvm: Kvm) {}
}

interface MsrData {
  index: number;
  data: number;
  hostInitiated: boolean;
}

// struct kvm_x86_ops: the vendor module's callbacks, reached through static_call(kvm_x86_*)
interface KvmX86Ops {
  name: string;
  setMsr: (vcpu: KvmVcpu, msr: MsrData) => number;
}

// arch/x86/kvm/lapic.c: apic_hw_disabled, a deferred static key
const apicHwDisabled = { enabled: 0 };

// kvm_lapic_set_base(): disabling the APIC bumps the static key apic_hw_disabled
function kvmLapicSetBase(vcpu: KvmVcpu, value: number): void {
  const old = vcpu.apicBase;
  vcpu.apicBase = value;
  if ((old ^ value) & MSR_IA32_APICBASE_ENABLE) {
    if (!(value & MSR_IA32_APICBASE_ENABLE)) staticKeySlowInc(apicHwDisabled); // static_branch_inc(&apic_hw_disabled.key)
    else apicHwDisabled.enabled--; // static_branch_slow_dec_deferred(&apic_hw_disabled)
  }
}

// kvm_set_msr_common()
function kvmSetMsrCommon(vcpu: KvmVcpu, msr: MsrData): number {
  switch (msr.index) {
    case MSR_IA32_APICBASE:
      kvmLapicSetBase(vcpu, msr.data); // kvm_set_apic_base()
      return 0;
    default:
      return 1;
  }
}

// vmx_set_msr() (vmx.c) and svm_set_msr() (svm.c): the common MSRs fall through to
// kvm_set_msr_common()
function vmxSetMsr(vcpu: KvmVcpu, msr: MsrData): number {
  return kvmSetMsrCommon(vcpu, msr);
}

function svmSetMsr(vcpu: KvmVcpu, msr: MsrData): number {
  return kvmSetMsrCommon(vcpu, msr);
}

export const vtX86Ops: KvmX86Ops = { name: "kvm_intel", setMsr: vmxSetMsr };
export const svmX86Ops: KvmX86Ops = { name: "kvm_amd", setMsr: svmSetMsr };
// kvm_x86_ops, filled in by kvm_ops_update() when the vendor module loads
export const kvmX86Ops: KvmX86Ops = { ...vtX86Ops };

// do_set_msr() -> kvm_set_msr_with_filter() -> __kvm_set_msr(): static_call(kvm_x86_set_msr),
// a call through the ops table (here with the table as `this`)
function doSetMsr(vcpu: KvmVcpu, index: number, data: number): number {
  const msr: MsrData = { index, data, hostInitiated: true };
  return kvmX86Ops.setMsr.call(kvmX86Ops, vcpu, msr);
}

// __msr_io(): "if (do_msr(vcpu, entries[i].index, &entries[i].data)) break;"
function msrIo(vcpu: KvmVcpu, entries: { index: number; data: number }[], doMsr: (vcpu: KvmVcpu, index: number, data: number) => number): number {
  let i = 0;
  for (; i < entries.length; ++i) if (doMsr(vcpu, entries[i].index, entries[i].data)) break;
  return i;
}

// kvm_arch_vcpu_ioctl(): case KVM_SET_MSRS: idx = srcu_read_lock(&vcpu->kvm->srcu);
// r = msr_io(vcpu, argp, do_set_msr, 0); srcu_read_unlock(&vcpu->kvm->srcu, idx);
export function kvmArchVcpuIoctl(vcpu: KvmVcpu, ioctl: number, entries: { index: number; data: number }[]): number {
  if (ioctl !== KVM_SET_MSRS) return -EINVAL;
  lock(shared(kvmSrcu));
  const r = msrIo(vcpu, entries, doSetMsr);
  unlock(shared(kvmSrcu));
  return r;
}

let nxHugePages = false;
let nxHugepageMitigationHardDisabled = false;

// set_nx_huge_pages() (mmu/mmu.c): the kernel_param_ops .set of the nx_huge_pages parameter
function setNxHugePages(val: string, _kp: KernelParam): number {
  const oldVal = nxHugePages;
  let newVal: boolean;
  if (nxHugepageMitigationHardDisabled) return -EPERM;
  if (val === "off") newVal = false;
  else if (val === "force") newVal = true;
  else if (val === "never") {
    newVal = false;
    lock(kvmLockGlobal);
    if (vmList.length) {
      unlock(kvmLockGlobal);
      return -EBUSY;
    }
    nxHugepageMitigationHardDisabled = true;
    unlock(kvmLockGlobal);
  } else return -EINVAL;

  nxHugePages = newVal; // __set_nx_huge_pages()
  if (newVal !== oldVal) {
    lock(kvmLockGlobal);
    for (const kvm of vmList) {
      lock(slotsLock);
      // kvm_mmu_zap_all_fast(kvm)
      unlock(slotsLock);
      kvm.nxHugePageRecoveryThread.woken++; // wake_up_process()
    }
    unlock(kvmLockGlobal);
  }
  return 0;
}

// get_nx_huge_pages()
function getNxHugePages(_kp: KernelParam): string {
  return nxHugePages ? "Y" : "N";
}

const nxHugePagesOps: KernelParamOps = { set: setNxHugePages, get: getNxHugePages };
// module_param_cb(nx_huge_pages, &nx_huge_pages_ops, &nx_huge_pages, 0644);
export const nxHugePagesParam: KernelParam = { name: "nx_huge_pages", ops: nxHugePagesOps };

// echo never > /sys/module/kvm/parameters/nx_huge_pages
export function writeNxHugePages(val: string): number {
  return paramAttrStore(nxHugePagesParam, val);
}
