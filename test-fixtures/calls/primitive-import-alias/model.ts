// Primitives recognised by the name they are imported under: `lock as mutexLock`,
// `unlock as mutexUnlock`, `defineLock as lockClass`; the ABBA is reported.
import { defineLock as lockClass, lock as mutexLock, unlock as mutexUnlock } from "lockorder";

export const groupLock = lockClass("vfio_group->group_lock");
export const kvmLock = lockClass("kvm->lock");

export function vfioGroupSetKvm(): void {
  mutexLock(groupLock);
  mutexLock(kvmLock); // expect: lock-order-inversion
  mutexUnlock(kvmLock);
  mutexUnlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  mutexLock(kvmLock);
  mutexLock(groupLock); // expect: lock-order-inversion
  mutexUnlock(groupLock);
  mutexUnlock(kvmLock);
}
