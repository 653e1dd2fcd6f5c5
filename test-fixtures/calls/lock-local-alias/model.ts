// Lock references through aliases: a module-level `const grp = groupLock` and a function-local
// `const k = kvmLock` (and an alias of an alias) are the same locks, so the ABBA is reported.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
const grp = groupLock;

export function vfioGroupSetKvm(): void {
  const k = kvmLock;
  lock(grp);
  lock(k); // expect: lock-order-inversion
  unlock(k);
  unlock(grp);
}

export function kvmVfioGroupAdd(): void {
  const k = kvmLock;
  const g = grp;
  lock(k);
  lock(g); // expect: lock-order-inversion
  unlock(g);
  unlock(k);
}
