// Seed 000 (vfio_ap PQAP hook), decorator form: KVM's priv.c side. handle_pqap() holds the
// pqap_hook rw_semaphore for reading while it calls the hook function pointer that vfio_ap
// installed; the hook takes matrix_dev->lock. The fix upstream takes the hook lock first in
// vfio_ap_mdev_set_kvm(); here that is exactly the "Reorder locks" quick fix on setKvm.
import { defineLock, lock, shared, unlock } from "lockorder";

export const hookRwsem = defineLock("pqap_hook_rwsem", { kind: "rwsem" });

export interface KvmS390Crypto {
  pqapHook?: (vcpu: number) => number;
}

export const crypto: KvmS390Crypto = {};

// priv.c: handle_pqap()
export function handlePqap(vcpu: number): number {
  lock(shared(hookRwsem));
  const rc = crypto.pqapHook ? crypto.pqapHook(vcpu) : -95; // expect: lock-order-inversion
  unlock(shared(hookRwsem));
  return rc;
}
