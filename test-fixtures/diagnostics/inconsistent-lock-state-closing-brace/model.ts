// inconsistent-lock-state with nothing after the `if`: reported on the closing brace of the
// enclosing block (the function body, or an outer block); then the lock counts as not held.
import { defineLock, lock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

function work(): void {}

export function lastStatement(x: boolean): void {
  if (x) {
    lock(kvmLock);
  }
} // expect: inconsistent-lock-state

export function lastInOuterBlock(x: boolean, y: boolean): void {
  if (y) {
    work();
    if (x) {
      lock(guestsLock);
    }
  } // expect: inconsistent-lock-state
  work();
}
