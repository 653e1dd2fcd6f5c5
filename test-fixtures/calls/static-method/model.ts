// Call resolution: `Class.staticM()` for a static method with a body and a decorated static method.
// Each call takes kvm->lock under guests_lock and closes an ABBA only if resolved.
import { acquires, defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock");

export class KvmModule {
  static getKvm(): void {
    lock(kvmLock);
    unlock(kvmLock);
  }

  @acquires(kvmLock)
  static getKvmSummary(): void {}
}

export function setKvm(): void {
  lock(guestsLock);
  KvmModule.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function setKvmSummary(): void {
  lock(guestsLock);
  KvmModule.getKvmSummary(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}
