// Robustness: second half of the ABBA, in a file that parses.
import { lock, unlock } from "lockorder";
import { groupLock, kvmLock } from "./locks";

export function kvmVfioGroupDel(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
