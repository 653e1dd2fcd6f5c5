// @tryAcquires, like tryLock, creates no edge into its lock at any depth (group_lock held across
// holder -> middle -> tryGetKvm is no group -> kvm edge, so no cycle with kvmThenGroup), but while
// held it orders what the body acquires: kvm -> mdevs in tryGetKvmThenMdevs vs mdevs -> kvm is an ABBA.
import { defineLock, lock, tryAcquires, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export class Kvm {
  @tryAcquires(kvmLock)
  tryGetKvm(): void {}

  @tryAcquires(kvmLock)
  tryGetKvmThenMdevs(): void {
    lock(mdevsLock); // expect: lock-order-inversion
    unlock(mdevsLock);
  }
}

function middle(kvm: Kvm): void {
  kvm.tryGetKvm();
}

export function holder(kvm: Kvm): void {
  lock(groupLock);
  middle(kvm);
  unlock(groupLock);
}

export function kvmThenGroup(): void {
  lock(kvmLock);
  lock(groupLock);
  unlock(groupLock);
  unlock(kvmLock);
}

export function ordering(kvm: Kvm): void {
  kvm.tryGetKvmThenMdevs();
}

export function mdevsThenKvm(): void {
  lock(mdevsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(mdevsLock);
}
