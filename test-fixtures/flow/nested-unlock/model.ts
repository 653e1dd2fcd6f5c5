// unlock(L) after lock(nested(L, n)) releases the nested hold, as the kernel's mutex_unlock does:
// it names the instance, not the subclass it was taken as (bd_mutex in __blkdev_get, taken with
// mutex_lock_nested(&bdev->bd_mutex, for_part) and released with mutex_unlock(&bdev->bd_mutex)).
import { defineLock, lock, nested, unlock } from "lockorder";

export const bdevLock = defineLock("bdev->bd_mutex");

// The whole disk's mutex, then the partition's as subclass 1; both released by plain unlocks,
// most recent first: nothing is left held and nothing is released twice.
export function openPartition(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  unlock(bdevLock);
  unlock(bdevLock);
}

// A plain unlock of the subclass's hold alone.
export function rescanPartition(): void {
  lock(nested(bdevLock, 1));
  unlock(bdevLock);
}

// Naming the subclass still releases only the subclass: the plain hold stays.
export function closePartition(): void { // expect: lock-held-at-exit
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  unlock(nested(bdevLock, 1));
}

// Released in the order taken, the subclass named: the plain unlock ends the most recent hold
// (the subclass's), the subclass's unlock then finds its own hold gone and ends the plain one, as
// the kernel's mutex_unlock ends whichever instance it is given (sev_unlock_two_vms()).
export function unlockInOrderTaken(): void {
  lock(bdevLock);
  lock(nested(bdevLock, 1));
  unlock(bdevLock);
  unlock(nested(bdevLock, 1));
}

// A subclass unlock with only the plain lock held ends that hold too: the kernel has no
// unlock_nested, an unlock names the instance.
export function subclassUnlockOfPlainHold(): void {
  lock(bdevLock);
  unlock(nested(bdevLock, 1));
}

// With nothing of the family held, it is an unlock of a lock not held.
export function subclassUnlockNotHeld(): void {
  unlock(nested(bdevLock, 1)); // expect: unlock-not-held
}

// One plain unlock too many.
export function unlockTwice(): void {
  lock(nested(bdevLock, 2));
  unlock(bdevLock);
  unlock(bdevLock); // expect: unlock-not-held
}
