// KVM side of seed 004 (arch/s390/kvm, v5.13): kvm->lock, vcpu->mutex, the protected-virtualization
// (Secure Execution) enable path that takes every vcpu->mutex under kvm->lock, the vcpu run ioctl
// that handles intercepts holding vcpu->mutex, and kvm_arch_crypto_set_masks()/clear_masks(),
// which take kvm->lock themselves at this time.
import { acquires, defineLock, lock, unlock } from "lockorder";

const EOPNOTSUPP = 95;

// kvm->lock: one lock class for every guest
export const kvmLock = defineLock("kvm->lock");
// vcpu->mutex: one lock class for every vcpu
export const vcpuMutex = defineLock("vcpu->mutex");

export type CryptoHook = (vcpu: KvmVcpu) => number;

export class KvmS390Crypto {
  crycbd = 1;
  // kvm->arch.crypto.pqap_hook (no rwsem yet)
  pqapHook: CryptoHook | null = null;
  apm = new Set<number>();
  aqm = new Set<number>();
  adm = new Set<number>();
}

export class Kvm {
  readonly arch = { crypto: new KvmS390Crypto() };
  readonly vcpus: KvmVcpu[] = [];
  usersCount = 1;
  pv = false;

  // kvm_arch_vm_ioctl(KVM_S390_PV_COMMAND): mutex_lock(&kvm->lock); kvm_s390_handle_pv()
  @acquires(kvmLock)
  pvCommand(cmd: number): number {
    return kvmS390HandlePv(this, cmd); // expect: lock-order-inversion
  }
}

// kvm_s390_cpus_to_pv(): one vcpu->mutex at a time
function kvmS390CpusToPv(kvm: Kvm): number {
  for (const vcpu of kvm.vcpus) {
    lock(vcpuMutex);
    vcpu.pv = true; // kvm_s390_pv_create_cpu()
    unlock(vcpuMutex);
  }
  return 0;
}

// kvm_s390_handle_pv(): KVM_PV_ENABLE converts the guest to a Secure Execution guest
function kvmS390HandlePv(kvm: Kvm, cmd: number): number {
  if (cmd !== 0) return -EOPNOTSUPP;
  kvm.pv = true;
  return kvmS390CpusToPv(kvm);
}

// kvm_arch_crypto_set_masks(): mutex_lock(&kvm->lock); block all vcpus; set the CRYCB masks
export function kvmArchCryptoSetMasks(kvm: Kvm, apm: ReadonlySet<number>, aqm: ReadonlySet<number>, adm: ReadonlySet<number>): void {
  lock(kvmLock);
  kvm.arch.crypto.apm = new Set(apm);
  kvm.arch.crypto.aqm = new Set(aqm);
  kvm.arch.crypto.adm = new Set(adm);
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

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);
  ipa = 0;
  pv = false;

  constructor(readonly kvm: Kvm) {}

  // kvm_vcpu_ioctl(KVM_RUN): vcpu->mutex is held for the whole ioctl; kvm_arch_vcpu_ioctl_run()
  // handles the SIE intercepts
  @acquires(vcpuMutex)
  ioctlRun(): number {
    return this.handleSieIntercept(); // expect: lock-order-inversion
  }

  // kvm_handle_sie_intercept() -> kvm_s390_handle_b2()
  handleSieIntercept(): number {
    if ((this.ipa & 0xff00) === 0xb200 && (this.ipa & 0xff) === 0xaf) return handlePqap(this);
    return -EOPNOTSUPP;
  }
}

// handle_pqap() in priv.c: calls the vfio_ap hook (no lock around the hook at this time)
export function handlePqap(vcpu: KvmVcpu): number {
  if (!vcpu.kvm.arch.crypto.pqapHook) return -EOPNOTSUPP;
  return vcpu.kvm.arch.crypto.pqapHook(vcpu);
}
