// kvm->arch.crypto.pqap_hook (seed 000): KVM calls the hook with kvm->lock held. The hook is a
// function-typed property; vfio-ap.ts stores an arrow wrapper into it later.
import { defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

function noHook(_apqn: number): void {}

export class KvmArchCrypto {
  pqapHook: (apqn: number) => void = noHook;
}

export class Kvm {
  crypto: KvmArchCrypto = new KvmArchCrypto();
}

export function handlePqapIntercept(kvm: Kvm, apqn: number): void {
  lock(kvmLock);
  kvm.crypto.pqapHook(apqn); // expect: lock-order-inversion
  unlock(kvmLock);
}
