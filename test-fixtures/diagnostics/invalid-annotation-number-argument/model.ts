// invalid-annotation: a decorator argument that is not a lock reference (a number) is reported and
// skipped; the next argument still applies: @acquires(42, kvmLock) takes kvm->lock and closes an ABBA.
import { acquires, defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  // @ts-expect-error: a number is not a lock reference, on purpose
  @acquires(42, kvmLock) // expect: invalid-annotation
  getKvm(): void {}
}

export function vfioApMdevSetKvm(kvm: Kvm): void {
  lock(guestsLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
