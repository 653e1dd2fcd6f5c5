// sleep-in-atomic through calls, at the call: a helper that waits (wait_for_completion(),
// synchronize_srcu()) called under a spinning lock sleeps in atomic context; a helper that only
// enters a completion's region (sets a busy flag) or an SRCU read section (srcu_read_lock() never
// blocks) does not. drivers/s390/crypto/ap_queue.c style: ap_queue->lock is a spinlock.
import { defineLock, lock, shared, unlock, waitFor } from "lockorder";

export const queueLock = defineLock("calls ap_queue->lock", { kind: "spinlock" });
export const resetDone = defineLock("calls ap_queue->reset_done", { kind: "completion" });
export const queueSrcu = defineLock("calls ap_queue->srcu", { kind: "srcu" });

// wait_for_completion(&aq->reset_done)
function waitForReset(): void {
  waitFor(resetDone);
}

// synchronize_srcu(&aq->srcu)
function synchronizeQueue(): void {
  waitFor(queueSrcu);
}

// aq->reset_in_progress = true ... = false; complete_all(&aq->reset_done)
function resetRegion(): void {
  lock(resetDone);
  unlock(resetDone);
}

// idx = srcu_read_lock(&aq->srcu); ... srcu_read_unlock(&aq->srcu, idx)
function readQueue(): void {
  lock(shared(queueSrcu));
  unlock(shared(queueSrcu));
}

export function waitsUnderSpinlock(): void {
  lock(queueLock);
  waitForReset(); // expect: sleep-in-atomic
  synchronizeQueue(); // expect: sleep-in-atomic
  unlock(queueLock);
}

export function entersUnderSpinlock(): void {
  lock(queueLock);
  resetRegion();
  readQueue();
  unlock(queueLock);
}
