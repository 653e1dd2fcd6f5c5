// lock-order-inversion with rwsems: rwsem readers are not recursive (they queue behind a waiting
// writer), so read-read in both orders is a strong cycle (-(SN)-> edges), unlike rwlock readers.
import { defineLock, lock, shared, unlock } from "lockorder";

export const hookSem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });
export const cfgSem = defineLock("matrix_dev->cfg_rwsem", { kind: "rwsem" });

export function hookThenCfg(): void {
  lock(shared(hookSem));
  lock(shared(cfgSem)); // expect: lock-order-inversion
  unlock(shared(cfgSem));
  unlock(shared(hookSem));
}

export function cfgThenHook(): void {
  lock(shared(cfgSem));
  lock(shared(hookSem)); // expect: lock-order-inversion
  unlock(shared(hookSem));
  unlock(shared(cfgSem));
}
