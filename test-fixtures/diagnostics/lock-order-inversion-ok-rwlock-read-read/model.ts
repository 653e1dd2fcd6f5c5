// Near miss for lock-order-inversion: two rwlocks read-locked in both orders. Both edges are
// -(SR)->, so the cycle is not strong (recursive readers never wait for readers): clean.
import { defineLock, lock, shared, unlock } from "lockorder";

export const mapLock = defineLock("ap->map_rwlock", { kind: "rwlock" });
export const queueLock = defineLock("ap->queue_rwlock", { kind: "rwlock" });

export function mapThenQueue(): void {
  lock(shared(mapLock));
  lock(shared(queueLock));
  unlock(shared(queueLock));
  unlock(shared(mapLock));
}

export function queueThenMap(): void {
  lock(shared(queueLock));
  lock(shared(mapLock));
  unlock(shared(mapLock));
  unlock(shared(queueLock));
}
