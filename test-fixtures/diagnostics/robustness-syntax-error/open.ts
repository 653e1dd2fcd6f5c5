// Robustness: first half of the ABBA, in a file that parses.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}
