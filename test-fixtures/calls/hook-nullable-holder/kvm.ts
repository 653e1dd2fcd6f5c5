// The PQAP hook copied out of its holder (arch/s390/kvm/priv.c, handle_pqap():
// `pqap_hook = *vcpu->kvm->arch.crypto.pqap_hook; ret = pqap_hook(vcpu);`) and called holding
// kvm->arch.crypto.pqap_hook_rwsem. KVM declares the holder `Cell | null` (no hook registered yet),
// so the hook that vfio-ap.ts stores is an object literal typed by a union with null; the local
// copy must still reach it.
import { defineLock, lock, unlock } from "lockorder";

export const pqapHookRwsem = defineLock("kvm->arch.crypto.pqap_hook_rwsem");

// struct kvm_s390_module_hook: the hook function
export interface Cell {
  hook: () => number;
}

// handle_pqap(): the hook is called through a local copy, under the rwsem
export function viaLocal(c: Cell): number {
  lock(pqapHookRwsem);
  const f = c.hook;
  const ret = f(); // expect: lock-order-inversion
  unlock(pqapHookRwsem);
  return ret;
}
