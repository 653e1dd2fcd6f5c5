// A guard belongs to a field (the @guardedBy(L) decorator), not to a function: the JSDoc tag on a
// function is reported as misplaced, not answered with "did you mean @guardedBy?".
import { defineLock, lock, unlock } from "lockorder";

export const statsLock = defineLock("netdev->stats_lock", { kind: "spinlock" });

/** @guardedBy statsLock */ // expect: invalid-annotation
export function readStats(): number {
  lock(statsLock);
  unlock(statsLock);
  return 0;
}
