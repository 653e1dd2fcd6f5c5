// withLock with interrupt modifiers: the callback runs holding the lock with the modifier's
// state (hard interrupts off for irq/irqsave, softirqs off for bh); after the call, irq(L) has
// enabled hard interrupts, irqsave(L) has restored the state of before, bh(L) has undone one
// softirq disable. `safe_*` locks are made hardirq-safe by the handler, `soft_safe` softirq-safe.
import { bh, defineLock, irq, irqsave, localIrqDisable, localIrqEnable, lock, unlock, withLock } from "lockorder";

declare function work(): void;
declare function compute(): number;

const txLock = defineLock("irq.with_lock.tx_lock", { kind: "spinlock" });
const saveLock = defineLock("irq.with_lock.save_lock", { kind: "spinlock" });
const irqLock = defineLock("irq.with_lock.irq_lock", { kind: "spinlock" });
const outerBh = defineLock("irq.with_lock.outer_bh", { kind: "spinlock" });
const innerBh = defineLock("irq.with_lock.inner_bh", { kind: "spinlock" });
const valueLock = defineLock("irq.with_lock.value_lock", { kind: "spinlock" });
const safeTx = defineLock("irq.with_lock.safe_tx", { kind: "spinlock" });
const safeSave = defineLock("irq.with_lock.safe_save", { kind: "spinlock" });
const safeIrq = defineLock("irq.with_lock.safe_irq", { kind: "spinlock" });
const softSafe = defineLock("irq.with_lock.soft_safe", { kind: "spinlock" });

// irq(L): off in the callback, on after it
function with_irq(): void {
  withLock(irq(txLock), () => {
    lock(safeTx);
    unlock(safeTx);
  });
  lock(safeTx); // expect: irq-inconsistent-usage
  unlock(safeTx);
}

// irqsave(L) inside a disabled region: still off after it
function with_irqsave_in_disabled_region(): void {
  localIrqDisable();
  withLock(irqsave(saveLock), () => work());
  lock(safeSave);
  unlock(safeSave);
  localIrqEnable();
}

// irq(L) inside a disabled region: on after it (spin_unlock_irq)
function with_irq_in_disabled_region(): void {
  localIrqDisable();
  withLock(irq(irqLock), () => work());
  lock(safeIrq); // expect: irq-inconsistent-usage
  unlock(safeIrq);
  localIrqEnable();
}

// nested bh(L): after the inner callback softirqs are still off (counted)
function nested_bh(): void {
  withLock(bh(outerBh), () => {
    withLock(bh(innerBh), () => work());
    lock(softSafe);
    unlock(softSafe);
  });
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

// a value out of an irqsave region
function value_from_irqsave(): number {
  const n = withLock(irqsave(valueLock), () => compute());
  return n + 1;
}

/** @hardirq */
function handler(): void {
  lock(safeTx);
  unlock(safeTx);
  lock(safeSave);
  unlock(safeSave);
  lock(safeIrq);
  unlock(safeIrq);
}

/** @softirq */
function softHandler(): void {
  lock(softSafe);
  unlock(softSafe);
}

export { handler, softHandler };
