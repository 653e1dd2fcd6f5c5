// KVM side of seed 000: struct kvm_s390_crypto with the PQAP hook pointer and its rw_semaphore
// (arch/s390/include/asm/kvm_host.h), and handle_pqap() of arch/s390/kvm/priv.c, which calls the
// hook holding the rwsem for read. KVM cannot see matrix_dev->lock, so it cannot order it.
import { defineLock, lock, shared, unlock } from "lockorder";

const EOPNOTSUPP = 95;

// kvm->arch.crypto.pqap_hook_rwsem
export const pqapHookRwsem = defineLock("pqap_hook_rwsem", { kind: "rwsem" });

export type CryptoHook = (vcpu: KvmVcpu) => number;

export class KvmS390Crypto {
  crycbd = 1;
  // kvm->arch.crypto.pqap_hook: written holding pqap_hook_rwsem for write
  pqapHook: CryptoHook | null = null;
}

export class Kvm {
  readonly arch = { crypto: new KvmS390Crypto() };
}

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);
  ipa = 0;

  constructor(readonly kvm: Kvm) {}
}

// handle_pqap() in priv.c: the hook must be held for the whole execution of the hook function
export function handlePqap(vcpu: KvmVcpu): number {
  if (((vcpu.gprs[0] >> 24) & 0xff) !== 0x03) return -EOPNOTSUPP; // AQIC only
  let ret = -EOPNOTSUPP;
  lock(shared(pqapHookRwsem));
  if (vcpu.kvm.arch.crypto.pqapHook) {
    ret = vcpu.kvm.arch.crypto.pqapHook(vcpu);
  }
  unlock(shared(pqapHookRwsem));
  return ret;
}

// kvm_s390_handle_b2(): intercepted B2xx instructions
export function kvmS390HandleB2(vcpu: KvmVcpu): number {
  if ((vcpu.ipa & 0xff) === 0xaf) return handlePqap(vcpu);
  return -EOPNOTSUPP;
}
