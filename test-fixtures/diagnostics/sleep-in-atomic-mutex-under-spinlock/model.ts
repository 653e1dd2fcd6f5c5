// sleep-in-atomic: a mutex acquired directly while a spinlock is held, reported at the mutex's
// reference.
import { defineLock, lock, unlock } from "lockorder";

export const queueSpin = defineLock("ap_queue->lock", { kind: "spinlock" });
export const mdevsLock = defineLock("matrix_dev->mdevs_lock");

export function resetUnderSpinlock(): void {
  lock(queueSpin);
  lock(mdevsLock); // expect: sleep-in-atomic
  unlock(mdevsLock);
  unlock(queueSpin);
}
