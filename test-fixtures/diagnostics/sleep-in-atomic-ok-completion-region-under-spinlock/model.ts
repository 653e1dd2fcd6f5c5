// Near miss of sleep-in-atomic: entering a completion's region sets a busy flag and wakes nobody
// yet, so it never sleeps and may happen under a spinning lock; only waitFor(C) sleeps
// (sleep-in-atomic-wait-under-spinlock). An open-coded lock like seed 004's kvm_busy, with its
// flag under a spinlock: the owner sets dev->busy under dev->lock and clears it under dev->lock
// with wake_up_all(&dev->wq); the waiters sleep in wait_event(dev->wq, !dev->busy) with nothing
// held. Every form of entering the region is shown.
import { acquires, defineLock, guard, lock, requires, unlock, waitFor, withLock } from "lockorder";

export const devLock = defineLock("dev->lock", { kind: "spinlock" });
export const devBusy = defineLock("dev->busy", { kind: "completion" });

function doWork(): void {}

export function startWork(): void {
  lock(devLock);
  lock(devBusy); // dev->busy = true
  unlock(devLock);
  doWork();
  lock(devLock);
  unlock(devBusy); // dev->busy = false; wake_up_all(&dev->wq)
  unlock(devLock);
}

// wait_event(dev->wq, !dev->busy)
export function waitIdle(): void {
  waitFor(devBusy);
}

export function guarded(): void {
  lock(devLock);
  {
    using busy = guard(devBusy);
    doWork();
  }
  unlock(devLock);
}

export function callback(): void {
  lock(devLock);
  withLock(devBusy, () => doWork());
  unlock(devLock);
}

export class Dev {
  // Entered by the decorator while the caller holds dev->lock.
  @requires(devLock)
  @acquires(devBusy)
  markBusy(): void {}

  run(): void {
    lock(devLock);
    this.markBusy();
    unlock(devLock);
  }
}
