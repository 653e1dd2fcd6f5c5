// A trylock creates no edge into its lock at any depth: group_lock held across holder -> middle ->
// tryKvm's tryLock(kvm->lock) is no group -> kvm edge, so kvmThenGroup is no cycle. But the
// trylock-held kvm->lock still orders what comes after it: kvm -> mdevs vs mdevs -> kvm is an ABBA.
import { defineLock, lock, tryLock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

function tryKvm(): void {
  if (tryLock(kvmLock)) {
    unlock(kvmLock);
  }
}

function middle(): void {
  tryKvm();
}

export function holder(): void {
  lock(groupLock);
  middle();
  unlock(groupLock);
}

export function kvmThenGroup(): void {
  lock(kvmLock);
  lock(groupLock);
  unlock(groupLock);
  unlock(kvmLock);
}

function tryKvmThenMdevs(): void {
  if (tryLock(kvmLock)) {
    lock(mdevsLock); // expect: lock-order-inversion
    unlock(mdevsLock);
    unlock(kvmLock);
  }
}

function middle2(): void {
  tryKvmThenMdevs();
}

export function ordering(): void {
  middle2();
}

export function mdevsThenKvm(): void {
  lock(mdevsLock);
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(mdevsLock);
}
