// Unresolved calls (an ambient declaration without body, an undeclared name, a call on `any`, a
// function-typed parameter nobody passes) have no lock effect and do not stop the analysis.
import { defineLock, lock, unlock } from "lockorder";

export const groupLock = defineLock("vfio_group->group_lock");
export const kvmLock = defineLock("kvm->lock");

declare function kvmArchCryptoClearMasks(): void;

export function callsExternals(device: any, callback: () => void): void {
  lock(groupLock);
  kvmArchCryptoClearMasks();
  // @ts-expect-error: not declared anywhere, on purpose
  vfioApUnknownHelper();
  device.ops.openDevice(device);
  callback();
  lock(kvmLock); // expect: lock-order-inversion
  unlock(kvmLock);
  unlock(groupLock);
}

export function kvmVfioGroupAdd(): void {
  lock(kvmLock);
  lock(groupLock); // expect: lock-order-inversion
  unlock(groupLock);
  unlock(kvmLock);
}
