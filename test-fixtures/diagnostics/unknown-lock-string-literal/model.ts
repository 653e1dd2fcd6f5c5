// unknown-lock: a string literal that is no declared display name ("kvm->lcok", did you mean
// "kvm->lock"?) is reported and skipped; the same function's correct string reference still counts.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioApMdevSetKvm(): void {
  lock(guestsLock);
  lock("kvm->lcok"); // expect: unknown-lock
  unlock("kvm->lcok"); // expect: unknown-lock
  lock("kvm->lock"); // expect: lock-order-inversion
  unlock("kvm->lock");
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
