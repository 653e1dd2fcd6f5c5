// Windows line endings: every line of this file ends with a carriage return and a line feed.
import { defineLock, lock, unlock } from "lockorder";

export const netdevLock = defineLock("netdev->lock");
export const queueLock = defineLock("txq->lock");

const banner = "tx queue reset";

export function resetQueue(): string {
  lock(netdevLock);
  lock(queueLock); // expect: lock-order-inversion
  unlock(queueLock);
  unlock(netdevLock);
  return banner;
}

export function restartQueue(): void {
  lock(queueLock);
  lock(netdevLock); // expect: lock-order-inversion
  unlock(netdevLock);
  unlock(queueLock);
}
