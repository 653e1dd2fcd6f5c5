// lock-order-inversion across files: kvm->lock -> group_lock closes the cycle.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";

export function kvmVfioGroupDel(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
