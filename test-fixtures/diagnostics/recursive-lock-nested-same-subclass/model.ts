// recursive-lock: nested(L, 1) acquired while nested(L, 1) is already held is recursion of the
// class L/1 (only a *new* subclass is exempt).
import { defineLock, lock, nested, unlock } from "lockorder";

export const bdevLock = defineLock("bdev->bd_mutex");

export function sameSubclassTwice(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  lock(nested(bdevLock, 1)); // expect: recursive-lock
  unlock(nested(bdevLock, 1));
  unlock(bdevLock);
}
