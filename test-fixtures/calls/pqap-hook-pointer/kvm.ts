// KVM's side of the PQAP hook as the kernel writes it since the r/w-lock series
// (arch/s390/include/asm/kvm_host.h, arch/s390/kvm/priv.c): kvm->arch.crypto.pqap_hook is a
// pointer to the hook function pointer that vfio_ap keeps in its matrix_mdev, optional and null
// until a guest is attached; handle_pqap() dereferences it into a local and calls the local,
// holding pqap_hook_rwsem for read.
import { defineLock, lock, shared, unlock } from "lockorder";

const EOPNOTSUPP = 95;

// kvm->arch.crypto.pqap_hook_rwsem
export const pqapHookRwsem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });

// typedef int (*crypto_hook)(struct kvm_vcpu *vcpu);
export type CryptoHook = (vcpu: KvmVcpu) => number;

// What kvm->arch.crypto.pqap_hook points to: matrix_mdev->pqap_hook, a crypto_hook that may be unset.
export interface CryptoHookRef {
  hook?: CryptoHook;
}

export class KvmS390Crypto {
  crycbd = 1;
  // crypto_hook *pqap_hook: written holding pqap_hook_rwsem for write
  pqapHook?: CryptoHookRef | null;
}

export class Kvm {
  readonly arch = { crypto: new KvmS390Crypto() };
}

export class KvmVcpu {
  readonly gprs: number[] = new Array<number>(16).fill(0);

  constructor(readonly kvm: Kvm) {}
}

// handle_pqap() in priv.c
export function handlePqap(vcpu: KvmVcpu): number {
  let ret = -EOPNOTSUPP;
  lock(shared(pqapHookRwsem));
  if (vcpu.kvm.arch.crypto.pqapHook) {
    // pqap_hook = *vcpu->kvm->arch.crypto.pqap_hook; ret = pqap_hook(vcpu);
    const pqapHook = vcpu.kvm.arch.crypto.pqapHook.hook!;
    ret = pqapHook(vcpu); // expect: lock-order-inversion
  }
  unlock(shared(pqapHookRwsem));
  return ret;
}
