// sleep-in-atomic through a call: a function that takes an rwsem is called while an rwlock is
// held (write or read mode: both spin); reported at the call expression.
import { defineLock, lock, shared, unlock } from "lockorder";

export const mapLock = defineLock("ap->map_rwlock", { kind: "rwlock" });
export const hookSem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });

function readHook(): void {
  lock(shared(hookSem));
  unlock(shared(hookSem));
}

export function underWriteLock(): void {
  lock(mapLock);
  readHook(); // expect: sleep-in-atomic
  unlock(mapLock);
}

export function underReadLock(): void {
  lock(shared(mapLock));
  readHook(); // expect: sleep-in-atomic
  unlock(shared(mapLock));
}
