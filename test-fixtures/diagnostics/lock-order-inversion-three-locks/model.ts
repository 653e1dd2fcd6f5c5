// lock-order-inversion: a three-lock cycle A -> B -> C -> A with no two-lock inversion in it.
// Each of the three edge sites is reported.
import { defineLock, lock, unlock } from "lockorder";

export const lockA = defineLock("three->a");
export const lockB = defineLock("three->b");
export const lockC = defineLock("three->c");

export function aThenB(): void {
  lock(lockA);
  lock(lockB); // expect: lock-order-inversion
  unlock(lockB);
  unlock(lockA);
}

export function bThenC(): void {
  lock(lockB);
  lock(lockC); // expect: lock-order-inversion
  unlock(lockC);
  unlock(lockB);
}

export function cThenA(): void {
  lock(lockC);
  lock(lockA); // expect: lock-order-inversion
  unlock(lockA);
  unlock(lockC);
}
