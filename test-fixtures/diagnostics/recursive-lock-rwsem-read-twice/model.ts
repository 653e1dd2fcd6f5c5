// recursive-lock: rwsem readers are not recursive (down_read twice can deadlock behind a waiting
// writer), so shared(rwsem) twice is reported, directly and through a call.
import { defineLock, lock, shared, unlock } from "lockorder";

export const hookSem = defineLock("kvm->arch.crypto.pqap_hook_rwsem", { kind: "rwsem" });

export function readTwice(): void {
  lock(shared(hookSem));
  lock(shared(hookSem)); // expect: recursive-lock
  unlock(shared(hookSem));
}

function readHook(): void {
  lock(shared(hookSem));
  unlock(shared(hookSem));
}

export function readTwiceThroughCall(): void {
  lock(shared(hookSem));
  readHook(); // expect: recursive-lock
  unlock(shared(hookSem));
}
