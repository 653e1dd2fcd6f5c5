// arch/s390/kvm (v5.11): kvm->lock and vcpu->mutex, the crypto mask updates vfio_ap calls
// (kvm-s390.c), Secure Execution enablement (KVM_PV_ENABLE takes every vcpu->mutex inside
// kvm->lock), and the PQAP(AQIC) interception in the vCPU's KVM_RUN (priv.c), which calls the
// vfio_ap hook through kvm->arch.crypto.pqap_hook->hook.
import { defineLock, lock, lockInterruptible, unlock } from "lockorder";

const EINTR = 4;
const EINVAL = 22;
const EOPNOTSUPP = 95;
const KVM_RUN = 0xae80;
const KVM_S390_PV_COMMAND = 0xc018aec5;
const KVM_PV_ENABLE = 0;
const ICPT_INST = 0x04;

// Documentation/virt/kvm/locking.rst: "kvm->lock is taken outside vcpu->mutex"
export const kvmLock = defineLock("kvm->lock");
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });

// struct kvm_s390_module_hook: the hook and the module that owns it
export interface KvmS390ModuleHook {
  hook: (vcpu: KvmVcpu) => number;
  owner: string;
}

export class KvmS390Crypto {
  crycbd = 1;
  pqapHook: KvmS390ModuleHook | null = null;
  apm = new Set<number>();
  aqm = new Set<number>();
  adm = new Set<number>();
}

export class Kvm {
  readonly arch = { crypto: new KvmS390Crypto() };
  readonly vcpus: KvmVcpu[] = [];
  usersCount = 1;
  pv = false;
}

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);
  ipa = 0;
  icptcode = 0;
  pv = false;
  constructor(readonly kvm: Kvm) {}
}

export function kvmGetKvm(kvm: Kvm): void {
  kvm.usersCount++;
}

export function kvmPutKvm(kvm: Kvm): void {
  kvm.usersCount--;
}

// kvm_arch_crypto_set_masks(): mutex_lock(&kvm->lock); kvm_s390_vcpu_block_all(kvm); ...
export function kvmArchCryptoSetMasks(kvm: Kvm, apm: ReadonlySet<number>, aqm: ReadonlySet<number>, adm: ReadonlySet<number>): void {
  lock(kvmLock);
  kvm.arch.crypto.apm = new Set(apm);
  kvm.arch.crypto.aqm = new Set(aqm);
  kvm.arch.crypto.adm = new Set(adm);
  // kvm_s390_sync_request_broadcast(kvm, KVM_REQ_VSIE_RESTART); kvm_s390_vcpu_unblock_all(kvm);
  unlock(kvmLock);
}

// kvm_arch_crypto_clear_masks()
export function kvmArchCryptoClearMasks(kvm: Kvm): void {
  lock(kvmLock);
  kvm.arch.crypto.apm.clear();
  kvm.arch.crypto.aqm.clear();
  kvm.arch.crypto.adm.clear();
  unlock(kvmLock);
}

// kvm_s390_cpus_to_pv(): kvm_for_each_vcpu() { mutex_lock(&vcpu->mutex); ... }
function kvmS390CpusToPv(kvm: Kvm): number {
  let r = 0;
  for (const vcpu of kvm.vcpus) {
    lock(vcpuMutex);
    vcpu.pv = true; // kvm_s390_pv_create_cpu()
    unlock(vcpuMutex);
    if (r) break;
  }
  return r;
}

// kvm_s390_handle_pv()
function kvmS390HandlePv(kvm: Kvm, cmd: number): number {
  switch (cmd) {
    case KVM_PV_ENABLE:
      kvm.pv = true; // kvm_s390_pv_init_vm()
      return kvmS390CpusToPv(kvm);
    default:
      return -EINVAL;
  }
}

// kvm_arch_vm_ioctl(): KVM_S390_PV_COMMAND
export function kvmArchVmIoctl(kvm: Kvm, ioctl: number, cmd: number): number {
  let r = -EINVAL;
  if (ioctl === KVM_S390_PV_COMMAND) {
    lock(kvmLock);
    r = kvmS390HandlePv(kvm, cmd); // expect: lock-order-inversion
    unlock(kvmLock);
  }
  return r;
}

// handle_pqap() in arch/s390/kvm/priv.c: "Verify that the hook callback is registered, lock the
// owner and call the hook."
function handlePqap(vcpu: KvmVcpu): number {
  if (((vcpu.gprs[0] >> 24) & 0xff) !== 0x03) return -EOPNOTSUPP; // PQAP(AQIC) only
  if (vcpu.kvm.arch.crypto.pqapHook) {
    const { hook, owner } = vcpu.kvm.arch.crypto.pqapHook;
    if (!tryModuleGet(owner)) return -EOPNOTSUPP;
    const ret = hook(vcpu);
    modulePut(owner);
    return ret;
  }
  return -EOPNOTSUPP;
}

// try_module_get() / module_put() (kernel/module/main.c): pin the module that owns the hook
const moduleRefs = new Map<string, number>();

function tryModuleGet(owner: string): boolean {
  moduleRefs.set(owner, (moduleRefs.get(owner) ?? 0) + 1);
  return true;
}

function modulePut(owner: string): void {
  moduleRefs.set(owner, (moduleRefs.get(owner) ?? 1) - 1);
}

// kvm_s390_handle_b2(): the intercepted B2xx instructions
function kvmS390HandleB2(vcpu: KvmVcpu): number {
  switch (vcpu.ipa & 0x00ff) {
    case 0xaf:
      return handlePqap(vcpu);
    default:
      return -EOPNOTSUPP;
  }
}

// handle_instruction() and kvm_handle_sie_intercept() (intercept.c)
function kvmHandleSieIntercept(vcpu: KvmVcpu): number {
  if (vcpu.icptcode !== ICPT_INST) return -EOPNOTSUPP;
  if (vcpu.ipa >> 8 === 0xb2) return kvmS390HandleB2(vcpu);
  return -EOPNOTSUPP;
}

// kvm_arch_vcpu_ioctl_run() -> __vcpu_run() -> vcpu_post_run()
function kvmArchVcpuIoctlRun(vcpu: KvmVcpu): number {
  let rc = 0;
  while (!rc) rc = kvmHandleSieIntercept(vcpu);
  return rc;
}

// kvm_vcpu_ioctl() (virt/kvm/kvm_main.c): if (mutex_lock_killable(&vcpu->mutex)) return -EINTR;
export function kvmVcpuIoctl(vcpu: KvmVcpu, ioctl: number): number {
  if (!lockInterruptible(vcpuMutex)) return -EINTR;
  let r = -EINVAL;
  if (ioctl === KVM_RUN) r = kvmArchVcpuIoctlRun(vcpu); // expect: lock-order-inversion
  unlock(vcpuMutex);
  return r;
}
