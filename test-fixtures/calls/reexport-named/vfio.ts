// Call resolution through named re-exports: both re-exported names reach kvmGetKvm, and the
// renamed re-export of kvm->lock is the same lock.
import { lock, unlock } from "lockorder";
import { groupLock, kvmGetKvm, kvmGetKvmSafe, theKvmLock } from "./index";

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  kvmGetKvm(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function vfioGroupSetKvmSafe(): void {
  lock(groupLock);
  kvmGetKvmSafe(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(theKvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(theKvmLock);
}
