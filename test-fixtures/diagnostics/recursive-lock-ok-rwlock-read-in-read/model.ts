// Near miss for recursive-lock: a recursive read (shared on an rwlock) nested in a read of the
// same rwlock is allowed. Each read acquisition is a hold of its own (as in the kernel), so two unlocks.
import { defineLock, lock, shared, unlock } from "lockorder";

export const tasklistLock = defineLock("tasklist_lock", { kind: "rwlock" });

export function readInRead(): void {
  lock(shared(tasklistLock));
  lock(shared(tasklistLock));
  unlock(shared(tasklistLock));
  unlock(shared(tasklistLock));
}
