// Near miss: the reverse order (kvm->lock, then group_lock) is taken only through functions that are
// named lock/unlock but are not lockorder's (fake.ts), so it is no edge and there is no cycle. Clean.
import { defineLock, lock, unlock } from "lockorder";
import * as fake from "./fake";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

export function vfioGroupSetKvm(): void {
  lock(groupLock);
  lock(kvmLock);
  unlock(kvmLock);
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  fake.lock(kvmLock);
  fake.lock(groupLock);
  fake.unlock(groupLock);
  fake.unlock(kvmLock);
}
