// irqsave nests: unlock(irqsave(L)) and localIrqRestore(flags) go back to the state the matching
// save found, which for an inner save is "disabled". Only the outermost restore turns interrupts
// on. localIrqRestore() without an argument restores the most recent save not yet restored.
// `safe_*` locks are made hardirq-safe by the handler at the end.
import { defineLock, irqsave, localIrqDisable, localIrqEnable, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

declare function work(): void;

const aLock = defineLock("irq.irqsave_nesting.a", { kind: "spinlock" });
const bLock = defineLock("irq.irqsave_nesting.b", { kind: "spinlock" });
const cLock = defineLock("irq.irqsave_nesting.c", { kind: "spinlock" });
const safeLocks = defineLock("irq.irqsave_nesting.safe_locks", { kind: "spinlock" });
const safeFlags = defineLock("irq.irqsave_nesting.safe_flags", { kind: "spinlock" });
const safeNoArg = defineLock("irq.irqsave_nesting.safe_no_arg", { kind: "spinlock" });
const safeDisabled = defineLock("irq.irqsave_nesting.safe_disabled", { kind: "spinlock" });

// lock(irqsave(A)); lock(irqsave(B)); unlock(irqsave(B)): still off until A's restore
function nested_irqsave_locks(): void {
  lock(irqsave(aLock));
  lock(irqsave(bLock));
  unlock(irqsave(bLock));
  lock(safeLocks);
  unlock(safeLocks);
  unlock(irqsave(aLock));
  lock(safeLocks); // expect: irq-inconsistent-usage
  unlock(safeLocks);
}

// local_irq_save() twice: the inner restore keeps interrupts off
function nested_saves(): void {
  const outer = localIrqSave();
  const inner = localIrqSave();
  localIrqRestore(inner);
  lock(safeFlags);
  unlock(safeFlags);
  localIrqRestore(outer);
  lock(safeFlags); // expect: irq-inconsistent-usage
  unlock(safeFlags);
}

// localIrqRestore() without its argument: the most recent save first
function restore_without_argument(): void {
  localIrqSave();
  localIrqSave();
  localIrqRestore();
  lock(safeNoArg);
  unlock(safeNoArg);
  localIrqRestore();
  lock(safeNoArg); // expect: irq-inconsistent-usage
  unlock(safeNoArg);
}

// irqsave inside local_irq_disable(): its restore goes back to "off", so a lock held across it
// is not made unsafe; the lock is released before local_irq_enable()
function irqsave_inside_disabled(): void {
  localIrqDisable();
  lock(safeDisabled);
  lock(irqsave(cLock));
  work();
  unlock(irqsave(cLock));
  unlock(safeDisabled);
  localIrqEnable();
}

/** @hardirq */
function handler(): void {
  lock(safeLocks);
  unlock(safeLocks);
  lock(safeFlags);
  unlock(safeFlags);
  lock(safeNoArg);
  unlock(safeNoArg);
  lock(safeDisabled);
  unlock(safeDisabled);
}

export { handler };
