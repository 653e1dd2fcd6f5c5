// KVM side of the vfio_ap locking model (seed 002): struct kvm and struct kvm_s390_crypto
// (arch/s390/include/asm/kvm_host.h), the crypto mask updates of arch/s390/kvm/kvm-s390.c and the
// PQAP interception of arch/s390/kvm/priv.c, which calls the vfio_ap hook through a function pointer.
import { lock, requires, shared, unlock } from "lockorder";
import { kvmLock, pqapHookRwsem } from "./locks";

const EOPNOTSUPP = 95;

// typedef int (*crypto_hook)(struct kvm_vcpu *vcpu);
export type CryptoHook = (vcpu: KvmVcpu) => number;

export class KvmS390Crypto {
  crycbd = 1;
  // kvm->arch.crypto.pqap_hook: protected by pqap_hook_rwsem
  pqapHook: CryptoHook | null = null;
  apm = new Set<number>();
  aqm = new Set<number>();
  adm = new Set<number>();
}

export class KvmArch {
  readonly crypto = new KvmS390Crypto();
}

export class Kvm {
  readonly arch = new KvmArch();
  usersCount = 1;
  blocked = false;

  // kvm_get_kvm() / kvm_put_kvm()
  get(): void {
    this.usersCount++;
  }

  put(): void {
    this.usersCount--;
  }

  // kvm_arch_crypto_set_masks(): plugs the AP configuration into the guest's CRYCB; the caller
  // (vfio_ap) holds kvm->lock.
  @requires(kvmLock)
  cryptoSetMasks(apm: ReadonlySet<number>, aqm: ReadonlySet<number>, adm: ReadonlySet<number>): void {
    this.blocked = true; // kvm_s390_vcpu_block_all()
    this.arch.crypto.apm = new Set(apm);
    this.arch.crypto.aqm = new Set(aqm);
    this.arch.crypto.adm = new Set(adm);
    this.blocked = false; // kvm_s390_vcpu_unblock_all()
  }

  // kvm_arch_crypto_clear_masks()
  @requires(kvmLock)
  cryptoClearMasks(): void {
    this.blocked = true;
    this.arch.crypto.apm.clear();
    this.arch.crypto.aqm.clear();
    this.arch.crypto.adm.clear();
    this.blocked = false;
  }
}

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);
  ipa = 0;

  constructor(readonly kvm: Kvm) {}
}

// handle_pqap() in arch/s390/kvm/priv.c: the AQIC sub-function is handed to the vfio_ap driver
// through kvm->arch.crypto.pqap_hook, called holding pqap_hook_rwsem for read.
export function handlePqap(vcpu: KvmVcpu): number {
  const fc = (vcpu.gprs[0] >> 24) & 0xff;
  if (fc !== 0x03) return -EOPNOTSUPP; // only PQAP(AQIC) is intercepted
  let ret = -EOPNOTSUPP;
  lock(shared(pqapHookRwsem));
  if (vcpu.kvm.arch.crypto.pqapHook) {
    ret = vcpu.kvm.arch.crypto.pqapHook(vcpu);
  }
  unlock(shared(pqapHookRwsem));
  return ret;
}

// kvm_s390_handle_b2(): dispatch of the intercepted B2xx instructions.
export function kvmS390HandleB2(vcpu: KvmVcpu): number {
  switch (vcpu.ipa & 0xff) {
    case 0xaf:
      return handlePqap(vcpu);
    default:
      return -EOPNOTSUPP;
  }
}
