// lock-order-inversion across files: group_lock -> kvm->lock.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}
