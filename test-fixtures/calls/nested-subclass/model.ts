// nested(L, 1) is the separate class L/1: taking it through a call while L is held is no
// recursion, but L -> L/1 (through the call) and L/1 -> L elsewhere is an ABBA between the two classes.
import { defineLock, lock, nested, unlock } from "lockorder";

export const bdevLock = defineLock("bdev->bd_mutex");

function openPartition(): void {
  lock(nested(bdevLock, 1));
  unlock(nested(bdevLock, 1));
}

export function openWholeDisk(): void {
  lock(bdevLock);
  openPartition(); // expect: lock-order-inversion
  unlock(bdevLock);
}

export function partitionThenWhole(): void {
  lock(nested(bdevLock, 1));
  lock(bdevLock); // expect: lock-order-inversion
  unlock(bdevLock);
  unlock(nested(bdevLock, 1));
}
