// @requires at a call: the callee's body runs holding kvm->lock, so kvm -> group is sited inside the
// callee at lock(groupLock); the caller's call is not a site of that edge (the callee requires kvm).
import { defineLock, lock, requires, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export class Kvm {
  @requires(kvmLock)
  updateGroups(): void {
    lock(groupLock); // expect: lock-order-inversion
    unlock(groupLock);
  }
}

export function caller(kvm: Kvm): void {
  lock(kvmLock);
  kvm.updateGroups();
  unlock(kvmLock);
}

export function groupThenKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}
