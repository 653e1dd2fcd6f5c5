// recursive-lock on an rwlock outside the read-in-read exception: write under own read and read
// under own write both self-deadlock. The recursive acquisition adds no hold.
import { defineLock, lock, shared, unlock } from "lockorder";

export const tasklistLock = defineLock("tasklist_lock", { kind: "rwlock" });

export function writeUnderRead(): void {
  lock(shared(tasklistLock));
  lock(tasklistLock); // expect: recursive-lock
  unlock(shared(tasklistLock));
}

export function readUnderWrite(): void {
  lock(tasklistLock);
  lock(shared(tasklistLock)); // expect: recursive-lock
  unlock(tasklistLock);
}
