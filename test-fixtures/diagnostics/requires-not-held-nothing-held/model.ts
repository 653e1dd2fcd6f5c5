// requires-not-held: calling a @requires method with nothing held, directly and via this.m().
import { defineLock, lock, requires, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

export class KvmCrypto {
  @requires(kvmLock)
  setMasks(): void {}

  reset(): void {
    this.setMasks(); // expect: requires-not-held
  }

  // Near miss: the lock is taken first.
  resetLocked(): void {
    lock(kvmLock);
    this.setMasks();
    unlock(kvmLock);
  }
}

export function clearMasks(crypto: KvmCrypto): void {
  crypto.setMasks(); // expect: requires-not-held
}
