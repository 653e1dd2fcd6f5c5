// Annotations and primitives through a namespace import of lockorder: `lo.defineLock`,
// `@lo.acquires(...)`, `lo.lock(...)`; the ABBA through the decorated method is reported.
import * as lo from "lockorder";

export const groupLock = lo.defineLock("vfio_group->group_lock");
export const kvmLock = lo.defineLock("kvm->lock");

export class Kvm {
  @lo.acquires(kvmLock)
  getKvm(): void {}
}

export function vfioGroupSetKvm(kvm: Kvm): void {
  lo.lock(groupLock);
  kvm.getKvm(); // expect: lock-order-inversion
  lo.unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lo.lock(kvmLock);
  lo.lock(groupLock); // expect: lock-order-inversion
  lo.unlock(groupLock);
  lo.unlock(kvmLock);
}
