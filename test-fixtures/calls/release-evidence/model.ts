// The evidence for an edge through a releasing helper goes through what happens before the
// release: dropAndRetake() takes X through takeX() while the caller's A is held, drops A, and
// takes X again. The first is an A -> X dependency (here and at caller's call); the second is not.
import { defineLock, lock, unlock } from "lockorder";

export const A = defineLock("evidence A");
export const X = defineLock("evidence X");

function takeX(): void {
  lock(X);
  unlock(X);
}

/** @releases A */
function dropAndRetake(): void {
  takeX(); // expect: lock-order-inversion
  unlock(A);
  lock(X);
  unlock(X);
}

export function caller(): void {
  lock(A);
  dropAndRetake(); // expect: lock-order-inversion
}

export function inverted(): void {
  lock(X);
  lock(A); // expect: lock-order-inversion
  unlock(A);
  unlock(X);
}
