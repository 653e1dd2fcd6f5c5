// unknown-lock: a misspelt identifier (kept type-correct with @ts-expect-error) is reported at each
// reference and skipped; the rest of the model is still analysed (a real ABBA is reported).
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function misspelt(): void {
  // @ts-expect-error: misspelt on purpose, the checker must say "did you mean 'kvmLock'?"
  lock(kvmLokc); // expect: unknown-lock
  // @ts-expect-error: misspelt on purpose
  unlock(kvmLokc); // expect: unknown-lock
}

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
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
