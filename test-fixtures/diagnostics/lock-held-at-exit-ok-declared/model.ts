// Near miss for lock-held-at-exit: a lock held at exit is fine when @returnsHolding or @requires
// declares it, and a throw path is not checked. The caller releases what it was handed. Clean.
import { defineLock, lock, requires, returnsHolding, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");

export class Kvm {
  @returnsHolding(kvmLock)
  lockKvm(): void {
    lock(kvmLock);
  }

  @requires(kvmLock)
  checkMasks(): void {}
}

export function user(kvm: Kvm): void {
  kvm.lockKvm();
  kvm.checkMasks();
  unlock(kvmLock);
}

export function failsWhileHolding(): void {
  lock(guestsLock);
  throw new Error("EBUSY");
}
