// try/finally restoring the interrupt state. The finally block runs on every exit (SPEC 4.2),
// so a restore there covers the return and throw paths; a catch starts with the try's entry
// state (the rule flow/statements has for locks). `safe_*` locks are made hardirq-safe by the
// handler at the end.
import { defineLock, irq, irqsave, localIrqDisable, localIrqEnable, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function hasError(): boolean;
declare function work(): void;
declare function done(): void;
declare function log(e: unknown): void;

const queueLock = defineLock("irq.try_finally.queue_lock", { kind: "spinlock" });
const saveLock = defineLock("irq.try_finally.save_lock", { kind: "spinlock" });
const safeSave = defineLock("irq.try_finally.safe_save", { kind: "spinlock" });
const safeIrq = defineLock("irq.try_finally.safe_irq", { kind: "spinlock" });
const safeHeld = defineLock("irq.try_finally.safe_held", { kind: "spinlock" });
const safeCaught = defineLock("irq.try_finally.safe_caught", { kind: "spinlock" });

// local_irq_save() before the try, restore in finally: off inside, the state of before after it
function save_restore_in_finally(): number {
  const flags = localIrqSave();
  try {
    lock(safeSave);
    unlock(safeSave);
    if (cond()) return 1;
    work();
  } finally {
    localIrqRestore(flags);
  }
  lock(safeSave); // expect: irq-inconsistent-usage
  unlock(safeSave);
  return 0;
}

// irq(L) around a try, released in finally: enabled after it
function irq_lock_released_in_finally(): void {
  lock(irq(queueLock));
  try {
    if (hasError()) throw new Error("queue");
    lock(safeIrq);
    unlock(safeIrq);
  } finally {
    unlock(irq(queueLock));
  }
  lock(safeIrq); // expect: irq-inconsistent-usage
  unlock(safeIrq);
}

// irqsave(L) released in finally on the return path as well: clean, no lock-held-at-exit
function irqsave_released_on_return(): number {
  lock(irqsave(saveLock));
  try {
    if (cond()) return -1;
    work();
  } finally {
    unlock(irqsave(saveLock));
  }
  return 0;
}

// the finally enables while a lock taken with interrupts off is still held
function finally_enables_while_held(): void {
  localIrqDisable();
  lock(safeHeld);
  try {
    work();
  } finally {
    localIrqEnable(); // expect: irq-inconsistent-usage
  }
  unlock(safeHeld);
}

// the try enables on its normal path; the catch starts disabled (the try's entry state)
function catch_keeps_disabled(): void {
  localIrqDisable();
  try {
    work();
    localIrqEnable();
  } catch (e) {
    log(e);
  }
  done(); // expect: inconsistent-lock-state
}

// disabled before the try, a throw caught inside: both paths still disabled after it
function throw_caught_disabled(): void {
  const flags = localIrqSave();
  try {
    if (hasError()) throw new Error("caught");
    work();
  } catch (e) {
    log(e);
  }
  lock(safeCaught);
  unlock(safeCaught);
  localIrqRestore(flags);
}

/** @hardirq */
function handler(): void {
  lock(safeSave);
  unlock(safeSave);
  lock(safeIrq);
  unlock(safeIrq);
  lock(safeHeld);
  unlock(safeHeld);
  lock(safeCaught);
  unlock(safeCaught);
}

export { handler };
