// The subclass is named only in JSDoc tags: `nested` is imported, never called in code. Its class
// must be the same one in every analysis, whichever file is edited (lock ids depend only on the
// declarations).
import { lock, unlock } from "lockorder";
import type { nested } from "lockorder";
import { bdevLock, diskLock } from "./locks";

/** @acquires nested(bdevLock, 1) */
export function openPartition(): void {}

/** @requires nested(bdevLock, 1) */
export function rescanPartition(): void {
  lock(diskLock); // expect: lock-order-inversion
  unlock(diskLock);
}

export type Subclass = typeof nested;
export const partitionLock = bdevLock;
