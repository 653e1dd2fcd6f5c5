// lock-order-inversion with rwlocks: map -(EN)-> queue and queue -(SR)-> map form a strong cycle
// (the recursive reader of map still waits for the writer that holds it), so both sites are reported.
import { defineLock, lock, shared, unlock } from "lockorder";

export const mapLock = defineLock("ap->map_rwlock", { kind: "rwlock" });
export const queueLock = defineLock("ap->queue_rwlock", { kind: "rwlock" });

export function writeMapThenQueue(): void {
  lock(mapLock);
  lock(queueLock); // expect: lock-order-inversion
  unlock(queueLock);
  unlock(mapLock);
}

export function readQueueThenMap(): void {
  lock(shared(queueLock));
  lock(shared(mapLock)); // expect: lock-order-inversion
  unlock(shared(mapLock));
  unlock(shared(queueLock));
}
