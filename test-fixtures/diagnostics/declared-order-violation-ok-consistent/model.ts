// Near miss for declared-order-violation: every observed edge follows the declared order
// guests < kvm < mdevs (directly, transitively, through a call), and an undeclared lock is free. Clean.
import { defineLock, lock, unlock } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const kvmLock = defineLock("kvm->lock", { after: [guestsLock] });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock", { after: [kvmLock] });
export const queueSpin = defineLock("ap_queue->lock", { kind: "spinlock" });

function takeMdevs(): void {
  lock(mdevsLock);
  unlock(mdevsLock);
}

export function guestsThenKvm(): void {
  lock(guestsLock);
  lock(kvmLock);
  unlock(kvmLock);
  unlock(guestsLock);
}

export function guestsThenMdevsViaCall(): void {
  lock(guestsLock);
  takeMdevs();
  unlock(guestsLock);
}

export function mdevsThenQueue(): void {
  lock(mdevsLock);
  lock(queueSpin);
  unlock(queueSpin);
  unlock(mdevsLock);
}

export function sequentialReverse(): void {
  lock(mdevsLock);
  unlock(mdevsLock);
  lock(guestsLock);
  unlock(guestsLock);
}
