// unlock-not-held: calling a @releases(L) method without holding L, reported at the call;
// near miss: the caller holds L, and after the call it no longer does.
import { defineLock, lock, releases } from "lockorder";

export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @releases(kvmLock)
  putKvm(): void {}
}

export function putWithoutHolding(kvm: Kvm): void {
  kvm.putKvm(); // expect: unlock-not-held
}

export function putWhileHolding(kvm: Kvm): void {
  lock(kvmLock);
  kvm.putKvm();
}
