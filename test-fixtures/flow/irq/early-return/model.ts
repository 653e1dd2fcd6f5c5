// Early returns with interrupts disabled. A return path ends the function: it joins nothing, so
// the state after an `if (...) return;` is the other path's. A lock taken with irqsave(L) and still
// held at a return is lock-held-at-exit (SPEC 4.2); the design defines no check of the interrupt
// state itself at a function's exit, so a return with interrupts disabled and no lock held is not
// reported (a choice, see ../README.md). `safe_*` locks are made hardirq-safe by the handler.
import { defineLock, irqsave, localIrqDisable, localIrqEnable, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function bad(): boolean;
declare function work(): void;

const devLock = defineLock("irq.early_return.dev_lock", { kind: "spinlock" });
const balancedLock = defineLock("irq.early_return.balanced_lock", { kind: "spinlock" });
const safeAfterReturn = defineLock("irq.early_return.safe_after_return", { kind: "spinlock" });
const safeBalanced = defineLock("irq.early_return.safe_balanced", { kind: "spinlock" });
const safeLoop = defineLock("irq.early_return.safe_loop", { kind: "spinlock" });

// irqsave(L) still held at the early return
function returns_holding_irqsave(): number { // expect: lock-held-at-exit
  lock(irqsave(devLock));
  if (cond()) return -16;
  work();
  unlock(irqsave(devLock));
  return 0;
}

// every return path restores first
function returns_balanced(): number {
  lock(irqsave(balancedLock));
  if (cond()) {
    unlock(irqsave(balancedLock));
    return -16;
  }
  lock(safeBalanced);
  unlock(safeBalanced);
  unlock(irqsave(balancedLock));
  return 0;
}

// the path that returns enabled does not reach the lock: it is taken with interrupts off
function return_enabled_path_leaves(): void {
  localIrqDisable();
  if (cond()) {
    localIrqEnable();
    return;
  }
  lock(safeAfterReturn);
  unlock(safeAfterReturn);
  localIrqEnable();
}

// returns with interrupts still disabled on one path, no lock held: not reported
function returns_disabled(): void {
  localIrqDisable();
  if (cond()) return;
  work();
  localIrqEnable();
}

// local_irq_save() not restored on the early return, no lock held: not reported
function save_not_restored(): number {
  const flags = localIrqSave();
  if (cond()) return -1;
  localIrqRestore(flags);
  return 0;
}

// a return from inside a loop with interrupts off: the loop's back edge is enabled, so the
// loop is consistent; after the loop the lock is taken with interrupts enabled (unsafe)
function return_in_loop(n: number): void {
  for (let i = 0; i < n; i++) {
    localIrqDisable();
    if (cond()) return;
    localIrqEnable();
  }
  lock(safeLoop); // expect: irq-inconsistent-usage
  unlock(safeLoop);
}

// a throw with interrupts disabled: a throw path is not checked (SPEC 4.2)
function throws_disabled(): void {
  localIrqDisable();
  if (bad()) throw new Error("bad state");
  localIrqEnable();
}

/** @hardirq */
function handler(): void {
  lock(safeAfterReturn);
  unlock(safeAfterReturn);
  lock(safeBalanced);
  unlock(safeBalanced);
  lock(safeLoop);
  unlock(safeLoop);
}

export { handler };
