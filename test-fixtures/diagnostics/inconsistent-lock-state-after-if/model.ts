// inconsistent-lock-state: a lock taken (or released) in only one branch of an `if` is reported on
// the first statement after the `if`; from there on it counts as not held (no recursive-lock, no leak).
import { defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

function work(): void {}

export function lockInThenOnly(x: boolean): void {
  if (x) {
    lock(kvmLock);
  }
  lock(kvmLock); // expect: inconsistent-lock-state
  unlock(kvmLock);
}

export function unlockInElseOnly(x: boolean): void {
  lock(guestsLock);
  if (x) {
    work();
  } else {
    unlock(guestsLock);
  }
  work(); // expect: inconsistent-lock-state
}
