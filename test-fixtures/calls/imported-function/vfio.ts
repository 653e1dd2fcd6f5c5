// Call resolution: the call to the imported kvmGetKvm under group_lock is the edge
// group_lock -> kvm->lock, so the ABBA is visible only if the import is resolved.
import { lock, unlock } from "lockorder";
import { kvmGetKvm } from "./kvm";
import { groupLock } from "./locks";

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  kvmGetKvm(); // expect: lock-order-inversion
  unlock(groupLock);
}
