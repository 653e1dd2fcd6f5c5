// Near miss for recursive-lock: a caller holding an rwlock for reading calls a function that
// read-locks it again; a recursive read nested in a read is allowed through a call too. Clean.
import { defineLock, lock, shared, unlock } from "lockorder";

export const tasklistLock = defineLock("tasklist_lock", { kind: "rwlock" });

function findTask(): void {
  lock(shared(tasklistLock));
  unlock(shared(tasklistLock));
}

export function walkTasks(): void {
  lock(shared(tasklistLock));
  findTask();
  unlock(shared(tasklistLock));
}
