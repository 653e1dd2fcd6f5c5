// requires-not-held from assertHeld (lockdep_assert_held): reported at assertHeld(...) when the lock
// is not held, or held on only some paths; fine when held.
import { assertHeld, defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");

export function notHeld(): void {
  assertHeld(guestsLock); // expect: requires-not-held
}

export function held(): void {
  lock(guestsLock);
  assertHeld(guestsLock);
  unlock(guestsLock);
}

// Held on one path only: the join reports inconsistent-lock-state on the assertHeld statement,
// after which the lock counts as not held, so the assertion fails too.
export function heldOnOnePath(x: boolean): void {
  if (x) {
    lock(guestsLock);
  }
  assertHeld(guestsLock); // expect: inconsistent-lock-state, requires-not-held
}
