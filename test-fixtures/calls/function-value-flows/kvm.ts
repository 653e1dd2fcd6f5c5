// The PQAP hook handed around as a value by KVM (arch/s390/kvm/priv.c, modelled): copied into a
// local and passed to a helper that calls its parameter, returned by a getter and called at once or
// kept, and called with .call and .apply. Every call, made holding kvm->arch.crypto.pqap_hook_rwsem,
// reaches vfio_ap's handle_pqap() (vfio_ap_ops.ts), which takes matrix_dev->mdevs_lock.
import { defineLock, lock, unlock } from "lockorder";

export const pqapHookRwsem = defineLock("kvm->arch.crypto.pqap_hook_rwsem");

export type CryptoHook = (vcpu: KvmVcpu) => number;

// struct kvm_s390_module_hook
export interface ModuleHook {
  hook: CryptoHook;
}

export class KvmVcpu {
  constructor(readonly pqapHook: ModuleHook) {}
}

// The hook of a vcpu's VM, as a value.
export function pqapHookOf(vcpu: KvmVcpu): CryptoHook {
  return vcpu.pqapHook.hook;
}

// A helper that calls whatever hook it is given.
export function callHook(hook: CryptoHook, vcpu: KvmVcpu): number {
  return hook(vcpu);
}

export function viaHelper(vcpu: KvmVcpu): number {
  lock(pqapHookRwsem);
  const pqapHook = vcpu.pqapHook.hook;
  const ret = callHook(pqapHook, vcpu); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}

export function viaGetter(vcpu: KvmVcpu): number {
  lock(pqapHookRwsem);
  const ret = pqapHookOf(vcpu)(vcpu); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}

export function viaGetterCopy(vcpu: KvmVcpu): number {
  lock(pqapHookRwsem);
  const pqapHook = pqapHookOf(vcpu);
  const ret = pqapHook(vcpu); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}

export function viaCall(vcpu: KvmVcpu): number {
  lock(pqapHookRwsem);
  const ret = vcpu.pqapHook.hook.call(null, vcpu); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}

export function viaApply(vcpu: KvmVcpu): number {
  lock(pqapHookRwsem);
  const args: [KvmVcpu] = [vcpu];
  const ret = pqapHookOf(vcpu).apply(undefined, args); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}
