// Variables of function type: `let fn = kvmGetKvm; fn()`, and a typed `let` reassigned in a branch,
// reach every function stored in them, so the ABBA through them is reported.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

function kvmGetKvm(): void {
  lock(kvmLock);
  unlock(kvmLock);
}

function noop(): void {}

export function viaLet(): void {
  let fn = kvmGetKvm;
  lock(groupLock);
  fn(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function viaReassigned(attach: boolean): void {
  let fn: () => void = noop;
  if (attach) {
    fn = kvmGetKvm;
  }
  lock(groupLock);
  fn(); // expect: lock-order-inversion
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
