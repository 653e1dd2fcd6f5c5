// KVM side of seed 004 after the fix: as before, except that kvm_arch_crypto_set_masks() and
// kvm_arch_crypto_clear_masks() no longer take kvm->lock; their caller (vfio_ap) holds it. The
// documented KVM order: kvm->lock is taken outside vcpu->mutex.
import { acquires, defineLock, lock, requires, unlock } from "lockorder";

const EOPNOTSUPP = 95;

// kvm->lock: one lock class for every guest
export const kvmLock = defineLock("kvm->lock");
// vcpu->mutex: one lock class for every vcpu
export const vcpuMutex = defineLock("vcpu->mutex", { after: [kvmLock] });

export type CryptoHook = (vcpu: KvmVcpu) => number;

export class KvmS390Crypto {
  crycbd = 1;
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

  // kvm_arch_vm_ioctl(KVM_S390_PV_COMMAND)
  @acquires(kvmLock)
  pvCommand(cmd: number): number {
    return kvmS390HandlePv(this, cmd);
  }

  // kvm_arch_crypto_set_masks(): the caller holds kvm->lock
  @requires(kvmLock)
  cryptoSetMasks(apm: ReadonlySet<number>, aqm: ReadonlySet<number>, adm: ReadonlySet<number>): void {
    this.arch.crypto.apm = new Set(apm);
    this.arch.crypto.aqm = new Set(aqm);
    this.arch.crypto.adm = new Set(adm);
  }

  // kvm_arch_crypto_clear_masks(): the caller holds kvm->lock
  @requires(kvmLock)
  cryptoClearMasks(): void {
    this.arch.crypto.apm.clear();
    this.arch.crypto.aqm.clear();
    this.arch.crypto.adm.clear();
  }
}

// kvm_s390_cpus_to_pv(): one vcpu->mutex at a time
function kvmS390CpusToPv(kvm: Kvm): number {
  for (const vcpu of kvm.vcpus) {
    lock(vcpuMutex);
    vcpu.pv = true;
    unlock(vcpuMutex);
  }
  return 0;
}

// kvm_s390_handle_pv()
function kvmS390HandlePv(kvm: Kvm, cmd: number): number {
  if (cmd !== 0) return -EOPNOTSUPP;
  kvm.pv = true;
  return kvmS390CpusToPv(kvm);
}

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);
  ipa = 0;
  pv = false;

  constructor(readonly kvm: Kvm) {}

  // kvm_vcpu_ioctl(KVM_RUN)
  @acquires(vcpuMutex)
  ioctlRun(): number {
    return this.handleSieIntercept();
  }

  // kvm_handle_sie_intercept() -> kvm_s390_handle_b2()
  handleSieIntercept(): number {
    if ((this.ipa & 0xff00) === 0xb200 && (this.ipa & 0xff) === 0xaf) return handlePqap(this);
    return -EOPNOTSUPP;
  }
}

// handle_pqap() in priv.c
export function handlePqap(vcpu: KvmVcpu): number {
  if (!vcpu.kvm.arch.crypto.pqapHook) return -EOPNOTSUPP;
  return vcpu.kvm.arch.crypto.pqapHook(vcpu);
}
