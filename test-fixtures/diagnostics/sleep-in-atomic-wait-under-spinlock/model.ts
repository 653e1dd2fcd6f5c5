// sleep-in-atomic: waiting for a completion while a spinlock is held, reported at waitFor's
// argument. Near miss: the same wait with no spinlock held.
import { defineLock, lock, unlock, waitFor } from "lockorder";

export const queueSpin = defineLock("ap_queue->lock", { kind: "spinlock" });
export const resetDone = defineLock("ap_queue->reset_done", { kind: "completion" });

export function waitUnderSpinlock(): void {
  lock(queueSpin);
  waitFor(resetDone); // expect: sleep-in-atomic
  unlock(queueSpin);
}

export function waitUnlocked(): void {
  lock(queueSpin);
  unlock(queueSpin);
  waitFor(resetDone);
}
