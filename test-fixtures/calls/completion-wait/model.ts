// Completions (SPEC 4.4, seed 004): waiting for reset_done under guests_lock is guests -> reset_done;
// the region that must finish first (lock(resetDone) ... unlock) takes guests_lock: the cycle closes.
import { defineLock, lock, unlock, waitFor } from "lockorder";

export const guestsLock = defineLock("matrix_dev->guests_lock");
export const resetDone = defineLock("ap_queue->reset_done", { kind: "completion" });

function waitForReset(): void {
  waitFor(resetDone);
}

export function removeQueue(): void {
  lock(guestsLock);
  waitForReset(); // expect: lock-order-inversion
  unlock(guestsLock);
}

function resetQueue(): void {
  lock(guestsLock);
  unlock(guestsLock);
}

export function resetWorker(): void {
  lock(resetDone);
  resetQueue(); // expect: lock-order-inversion
  unlock(resetDone);
}

// Near miss: waiting with nothing held is no edge.
export function waitUnlocked(): void {
  waitFor(resetDone);
}
