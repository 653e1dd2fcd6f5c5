// Near miss for recursive-lock: nested(L, 1) under L, and nested(L, 2) under both, are separate
// lockdep subclasses (like mutex_lock_nested with SINGLE_DEPTH_NESTING), not recursion. Clean.
import { defineLock, lock, nested, unlock } from "lockorder";

export const bdevLock = defineLock("bdev->bd_mutex");

export function wholeDiskThenPartition(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  unlock(nested(bdevLock, 1));
  unlock(bdevLock);
}

export function threeLevels(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  lock(nested(bdevLock, 2));
  unlock(nested(bdevLock, 2));
  unlock(nested(bdevLock, 1));
  unlock(bdevLock);
}
