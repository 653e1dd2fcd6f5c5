// invalid-annotation: defineLock's name must be a string literal; a concatenation and a template
// with a substitution are reported at the argument. A real ABBA elsewhere is still reported.
import { defineLock, lock, unlock } from "lockorder";

const prefix = "matrix_dev";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const concatLock = defineLock(prefix + "->mdevs_lock"); // expect: invalid-annotation
export const templateLock = defineLock(`${prefix}->cfg_lock`); // expect: invalid-annotation

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
