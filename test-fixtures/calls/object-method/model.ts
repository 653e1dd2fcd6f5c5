// Call resolution: `obj.m()` on a local instance, on a parameter and on a property of another
// object; each call takes kvm->lock under guests_lock and closes an ABBA only if resolved.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  getKvm(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }
}

export class Matrix {
  kvm: Kvm = new Kvm();
}

export function onLocal(): void {
  const kvm = new Kvm();
  lock(guestsLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function onParameter(kvm: Kvm): void {
  lock(guestsLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function onProperty(matrix: Matrix): void {
  lock(guestsLock);
  matrix.kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
