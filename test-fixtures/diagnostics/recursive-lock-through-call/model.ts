// recursive-lock through calls: the caller holds kvm->lock and calls something that takes it
// again (one level, two levels, an @acquires method); reported at the call expression.
import { acquires, defineLock, lock, unlock } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

function kvmArchCryptoSetMasks(): void {
  lock(kvmLock);
  unlock(kvmLock);
}

function vfioApUpdateGuestApcb(): void {
  kvmArchCryptoSetMasks();
}

export class Kvm {
  @acquires(kvmLock)
  getKvm(): void {}
}

export function oneLevel(): void {
  lock(kvmLock);
  kvmArchCryptoSetMasks(); // expect: recursive-lock
  unlock(kvmLock);
}

export function twoLevels(): void {
  lock(kvmLock);
  vfioApUpdateGuestApcb(); // expect: recursive-lock
  unlock(kvmLock);
}

export function throughAnnotation(kvm: Kvm): void {
  lock(kvmLock);
  kvm.getKvm(); // expect: recursive-lock
  unlock(kvmLock);
}

// Near miss: the same calls with the lock released first.
export function notHeld(kvm: Kvm): void {
  lock(kvmLock);
  unlock(kvmLock);
  kvmArchCryptoSetMasks();
  vfioApUpdateGuestApcb();
  kvm.getKvm();
}
