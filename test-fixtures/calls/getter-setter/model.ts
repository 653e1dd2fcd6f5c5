// Call resolution of accessors: reading a decorated getter and assigning a decorated setter are
// calls; the getter takes kvm->lock, the setter mdevs_lock, each closing its own ABBA.
import { acquires, defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export class Matrix {
  @acquires(kvmLock)
  get apm(): number {
    return 0;
  }

  @acquires(mdevsLock)
  set apm(_mask: number) {}
}

export function readApm(matrix: Matrix): number {
  lock(guestsLock);
  const apm = matrix.apm; // expect: lock-order-inversion
  unlock(guestsLock);
  return apm;
}

export function writeApm(matrix: Matrix): void {
  lock(guestsLock);
  matrix.apm = 0xff; // expect: lock-order-inversion
  unlock(guestsLock);
}

export function kvmThenGuests(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}

export function mdevsThenGuests(): void {
  lock(mdevsLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(mdevsLock);
}
