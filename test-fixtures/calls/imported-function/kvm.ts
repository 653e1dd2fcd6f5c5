// Call resolution: kvmGetKvm (exported, takes kvm->lock) and the reverse half of the ABBA.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";

export function kvmGetKvm(): void {
  lock(kvmLock);
  unlock(kvmLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
