// Scoped guards with interrupt modifiers: `using g = guard(irqsave(L))` is the kernel's
// guard(spinlock_irqsave)(&l): interrupts off from the guard to the end of its block, then the
// state of before; `guard(irq(L))` (guard(spinlock_irq)) enables at the block's end whatever the
// state before; `guard(bh(L))` is guard(spinlock_bh). `safe_*` locks are made hardirq-safe by the
// handler, `soft_safe` softirq-safe by the softirq handler.
import { bh, defineLock, guard, irq, irqsave, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;

const statsLock = defineLock("irq.guards.stats_lock", { kind: "spinlock" });
const outerLock = defineLock("irq.guards.outer_lock", { kind: "spinlock" });
const innerLock = defineLock("irq.guards.inner_lock", { kind: "spinlock" });
const fnLock = defineLock("irq.guards.fn_lock", { kind: "spinlock" });
const earlyLock = defineLock("irq.guards.early_lock", { kind: "spinlock" });
const irqGuardLock = defineLock("irq.guards.irq_guard_lock", { kind: "spinlock" });
const bhLock = defineLock("irq.guards.bh_lock", { kind: "spinlock" });
const safeBlock = defineLock("irq.guards.safe_block", { kind: "spinlock" });
const safeNested = defineLock("irq.guards.safe_nested", { kind: "spinlock" });
const safeFn = defineLock("irq.guards.safe_fn", { kind: "spinlock" });
const safeEarly = defineLock("irq.guards.safe_early", { kind: "spinlock" });
const safeIrqGuard = defineLock("irq.guards.safe_irq_guard", { kind: "spinlock" });
const softSafe = defineLock("irq.guards.soft_safe", { kind: "spinlock" });

// off inside the block, the state of before (enabled) after it
function irqsave_guard_block(): void {
  {
    using g = guard(irqsave(statsLock));
    lock(safeBlock);
    unlock(safeBlock);
  }
  lock(safeBlock); // expect: irq-inconsistent-usage
  unlock(safeBlock);
}

// nested irqsave guards: the inner block's end restores "off" (the outer guard's state)
function nested_irqsave_guards(): void {
  {
    using outer = guard(irqsave(outerLock));
    {
      using inner = guard(irqsave(innerLock));
      work();
    }
    lock(safeNested);
    unlock(safeNested);
  }
  lock(safeNested); // expect: irq-inconsistent-usage
  unlock(safeNested);
}

// a guard over the whole function body: released, and interrupts back on, at its end
function irq_guard_function(): void {
  using g = guard(irq(fnLock));
  lock(safeFn);
  unlock(safeFn);
}

// the block is left by return as well: the guard restores on that path too
function guard_left_by_return(): void {
  {
    using g = guard(irqsave(earlyLock));
    if (cond()) return;
    work();
  }
  lock(safeEarly); // expect: irq-inconsistent-usage
  unlock(safeEarly);
}

// guard(irq(L)) inside a disabled region: its end enables (spin_unlock_irq), so the lock after
// it is taken with interrupts on
function irq_guard_enables_at_end(): void {
  localIrqDisable();
  {
    using g = guard(irq(irqGuardLock));
    work();
  }
  lock(safeIrqGuard); // expect: irq-inconsistent-usage
  unlock(safeIrqGuard);
  localIrqEnable();
}

// guard(bh(L)): softirqs off inside, on after the block
function bh_guard_block(): void {
  {
    using g = guard(bh(bhLock));
    lock(softSafe);
    unlock(softSafe);
  }
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

/** @hardirq */
function handler(): void {
  lock(safeBlock);
  unlock(safeBlock);
  lock(safeNested);
  unlock(safeNested);
  lock(safeFn);
  unlock(safeFn);
  lock(safeEarly);
  unlock(safeEarly);
  lock(safeIrqGuard);
  unlock(safeIrqGuard);
}

/** @softirq */
function softHandler(): void {
  lock(softSafe);
  unlock(softSafe);
}

export { handler, softHandler };
