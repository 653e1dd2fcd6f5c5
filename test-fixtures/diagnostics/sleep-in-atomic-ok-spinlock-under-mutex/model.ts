// Near miss for sleep-in-atomic: a spinlock under a mutex, a spinlock under a spinlock and a
// mutex under a mutex never sleep in atomic context. Clean.
import { defineLock, lock, unlock } from "lockorder";

export const mdevsLock = defineLock("matrix_dev->mdevs_lock");
export const guestsLock = defineLock("matrix_dev->guests_lock");
export const queueSpin = defineLock("ap_queue->lock", { kind: "spinlock" });
export const irqSpin = defineLock("ap_queue->irq_lock", { kind: "spinlock" });

export function spinUnderMutex(): void {
  lock(mdevsLock);
  lock(queueSpin);
  lock(irqSpin);
  unlock(irqSpin);
  unlock(queueSpin);
  unlock(mdevsLock);
}

export function mutexUnderMutex(): void {
  lock(guestsLock);
  lock(mdevsLock);
  unlock(mdevsLock);
  unlock(guestsLock);
}
