// The near miss of release-before-wait: this helper waits for S *before* it drops A, so A -> S
// is a real dependency, sited in the helper and at every call made holding A, and waiter's
// S -> A closes the cycle.
import { defineLock, lock, unlock, waitFor } from "lockorder";

export const A = defineLock("late A");
export const S = defineLock("late S", { kind: "completion" });

/** @releases A */
function swapLate(): void {
  waitFor(S); // expect: lock-order-inversion
  unlock(A);
}

export function caller(): void {
  lock(A);
  swapLate(); // expect: lock-order-inversion
}

export function waiter(): void {
  lock(S);
  lock(A); // expect: lock-order-inversion
  unlock(A);
  unlock(S);
}
