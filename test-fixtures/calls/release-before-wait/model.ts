// A helper that drops the lock its caller took before it waits (the minimal model).
// swap() releases A and only then waits for S: lockdep records no A -> S dependency, so
// neither swap nor its caller orders A before S, and waiter's S -> A closes no cycle. Clean.
import { defineLock, lock, unlock, waitFor } from "lockorder";

export const A = defineLock("handoff A");
export const S = defineLock("handoff S", { kind: "completion" });

/** @releases A */
function swap(): void {
  unlock(A);
  waitFor(S);
}

export function caller(): void {
  lock(A);
  swap();
}

export function waiter(): void {
  lock(S);
  lock(A);
  unlock(A);
  unlock(S);
}
