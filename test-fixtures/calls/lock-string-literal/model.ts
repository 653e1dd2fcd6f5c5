// Lock references by display name: "kvm->lock" in a primitive and in a decorator is the lock
// declared with that name, so the ABBA against identifier references is reported.
import { acquires, defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @acquires("kvm->lock")
  getKvm(): void {}
}

export function vfioGroupSetKvm(kvm: Kvm): void {
  lock("vfio_group->group_lock");
  kvm.getKvm(); // expect: lock-order-inversion
  unlock("vfio_group->group_lock");
}

export function kvmVfioGroupAdd(): void {
  lock("kvm->lock");
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock("kvm->lock");
}
