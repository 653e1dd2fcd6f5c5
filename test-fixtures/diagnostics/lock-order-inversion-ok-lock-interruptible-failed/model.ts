// Near miss of lock-order-inversion: a lock taken where lockInterruptible() failed is taken with
// nothing held, so it is ordered after nothing. A driver's read() that falls back to a slow path
// when its wait for the device mutex is interrupted takes the queue lock only on that path; the
// completion handler takes the device mutex inside the queue lock. No cycle.
import { defineLock, lock, lockInterruptible, unlock } from "lockorder";

const EINTR = 4;

export const devMutex = defineLock("dev->mutex");
export const queueLock = defineLock("dev->queue_lock");

export function devRead(): number {
  if (!lockInterruptible(devMutex)) {
    // interrupted: account the aborted read under the queue lock, without dev->mutex
    lock(queueLock);
    unlock(queueLock);
    return -EINTR;
  }
  unlock(devMutex);
  return 0;
}

export function devComplete(): void {
  lock(queueLock);
  lock(devMutex);
  unlock(devMutex);
  unlock(queueLock);
}
