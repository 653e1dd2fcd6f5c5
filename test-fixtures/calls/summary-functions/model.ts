// Summary functions (no primitives, no calls with lock effects in the body) are taken as given:
// lockKvm/unlockKvm hand kvm->lock to the caller and take it back; getGroup acquires group_lock.
import { acquires, defineLock, lock, releases, returnsHolding, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export class Kvm {
  @returnsHolding(kvmLock)
  lockKvm(): void {}

  @releases(kvmLock)
  unlockKvm(): number {
    return Math.max(0, 1);
  }

  @acquires(groupLock)
  getGroup(id: number): number {
    return Math.min(id, 64);
  }
}

export function kvmThenMdevs(kvm: Kvm): void {
  kvm.lockKvm();
  lock(mdevsLock); // expect: lock-order-inversion
  unlock(mdevsLock);
  kvm.unlockKvm();
}

export function mdevsThenKvm(): void {
  lock(mdevsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(mdevsLock);
}

export function kvmThenGroup(kvm: Kvm): void {
  lock(kvmLock);
  kvm.getGroup(1); // expect: lock-order-inversion
  unlock(kvmLock);
}

export function groupThenKvm(): void {
  lock(groupLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}
