// Annotations recognised by the name they are imported under: `acquires as acq` and
// `requires as req` still declare lock effects, so the ABBA through the call is reported.
import { acquires as acq, defineLock, lock, requires as req, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @acq(kvmLock)
  getKvm(): void {}

  @req(kvmLock)
  setMasks(): void {}
}

export function vfioGroupSetKvm(kvm: Kvm): void {
  lock(groupLock);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}

export function setMasksUnlocked(kvm: Kvm): void {
  kvm.setMasks(); // expect: requires-not-held
}
