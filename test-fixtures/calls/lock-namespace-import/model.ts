// Lock references through a namespace import: `lock(locks.kvm)` and `@acquires(locks.kvm)` name the
// declared locks, so the ABBA (one side through a decorated method) is reported.
import { acquires, lock, unlock } from "lockorder";
import * as locks from "./locks";

export class Kvm {
  @acquires(locks.kvm)
  getKvm(): void {}
}

export function vfioGroupSetKvm(kvm: Kvm): void {
  lock(locks.group);
  kvm.getKvm(); // expect: lock-order-inversion
  unlock(locks.group);
}

export function kvmVfioGroupAdd(): void {
  lock(locks.kvm);
  lock(locks.group); // expect: lock-order-inversion
  unlock(locks.group);
  unlock(locks.kvm);
}
