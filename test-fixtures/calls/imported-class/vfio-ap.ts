// Call resolution: methods of an imported class called on a parameter and on a new instance
// under guests_lock; each call closes an ABBA only if resolved.
import { lock, unlock } from "lockorder";
import { Kvm } from "./kvm";
import { guestsLock, kvmLock, mdevsLock } from "./locks";

export function setKvm(kvm: Kvm): void {
  lock(guestsLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function findMdev(): void {
  const kvm = new Kvm();
  lock(guestsLock);
  kvm.lookupMdev(); // expect: lock-order-inversion
  unlock(guestsLock);
}

export function handlePqap(): void {
  lock(kvmLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(kvmLock);
}

export function removeMdev(): void {
  lock(mdevsLock);
  lock(guestsLock); // expect: lock-order-inversion
  unlock(guestsLock);
  unlock(mdevsLock);
}
