// Near miss for lock-order-inversion: every nesting follows A -> B -> C, and the one
// "reverse" sequence takes C and A one after the other, never nested. Clean.
import { defineLock, lock, unlock } from "lockorder";

export const lockA = defineLock("ok->a");
export const lockB = defineLock("ok->b");
export const lockC = defineLock("ok->c");

export function aThenB(): void {
  lock(lockA);
  lock(lockB);
  unlock(lockB);
  unlock(lockA);
}

export function bThenC(): void {
  lock(lockB);
  lock(lockC);
  unlock(lockC);
  unlock(lockB);
}

export function aThenC(): void {
  lock(lockA);
  lock(lockC);
  unlock(lockC);
  unlock(lockA);
}

export function cThenASequential(): void {
  lock(lockC);
  unlock(lockC);
  lock(lockA);
  unlock(lockA);
}

export function outOfOrderUnlock(): void {
  lock(lockA);
  lock(lockB);
  unlock(lockA);
  unlock(lockB);
  lock(lockA);
  unlock(lockA);
}
