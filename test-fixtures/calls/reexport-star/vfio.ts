// Call resolution through `export * from`: function and locks imported from the barrel index.ts.
import { lock, unlock } from "lockorder";
import { groupLock, kvmGetKvm, kvmLock } from "./index";

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  kvmGetKvm(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
