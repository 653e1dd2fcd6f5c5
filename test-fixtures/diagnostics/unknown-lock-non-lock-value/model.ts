// unknown-lock: a reference that resolves to a value that is not a defineLock result (here an
// object cast to Lock) is reported and skipped; a real ABBA elsewhere is still reported.
import { defineLock, lock, unlock, type Lock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const notALock = {} as unknown as Lock;

export function usesNonLock(): void {
  lock(guestsLock);
  lock(notALock); // expect: unknown-lock
  unlock(notALock); // expect: unknown-lock
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
