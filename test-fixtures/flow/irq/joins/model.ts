// Interrupt state at branch joins. The design: "a different interrupt state on two paths joining
// is inconsistent-lock-state (sited like the lock case: first statement after the construct, or
// the enclosing block's closing brace); afterwards the state counts as enabled (the more enabled
// of the two)". Each `safe_*` lock is taken by the hardirq handler at the end of the file (or
// `soft_safe` by the softirq one): a later acquisition with interrupts enabled is an
// irq-inconsistent-usage, which shows what state the analysis goes on with.
import { defineLock, irq, localBhDisable, localBhEnable, localIrqDisable, localIrqEnable, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;
declare function done(): void;
declare function log(e: unknown): void;

const safeIf = defineLock("irq.joins.safe_if", { kind: "spinlock" });
const safeBoth = defineLock("irq.joins.safe_both", { kind: "spinlock" });
const safeElse = defineLock("irq.joins.safe_else", { kind: "spinlock" });
const safeLock = defineLock("irq.joins.safe_lock", { kind: "spinlock" });
const safeTernary = defineLock("irq.joins.safe_ternary", { kind: "spinlock" });
const softSafe = defineLock("irq.joins.soft_safe", { kind: "spinlock" });
const irqLock = defineLock("irq.joins.irq_lock", { kind: "spinlock" });

// disabled on the then-path only: reported at the next statement, then counted as enabled
function if_disables_one_path(): void {
  if (cond()) localIrqDisable();
  work(); // expect: inconsistent-lock-state
  lock(safeIf); // expect: irq-inconsistent-usage
  unlock(safeIf);
}

// disabled on both paths: no join problem, and the lock is taken with interrupts off
function if_disables_both_paths(): void {
  if (cond()) {
    localIrqDisable();
    work();
  } else {
    localIrqDisable();
  }
  lock(safeBoth);
  unlock(safeBoth);
  localIrqEnable();
}

// enabled again on one path only: the join counts as enabled, so the lock after it is unsafe
function else_keeps_disabled(): void {
  localIrqDisable();
  if (cond()) {
    localIrqEnable();
  } else {
    work();
  }
  lock(safeElse); // expect: inconsistent-lock-state, irq-inconsistent-usage
  unlock(safeElse);
  localIrqEnable();
}

// no statement after the construct: the closing brace of the enclosing block
function join_at_closing_brace(): void {
  if (cond()) {
    localIrqDisable();
  }
} // expect: inconsistent-lock-state

// the same inside a nested block: that block's closing brace
function join_at_inner_brace(): void {
  {
    if (cond()) localIrqDisable();
  } // expect: inconsistent-lock-state
  done();
}

// switch: one case disables
function switch_one_case(k: number): void {
  switch (k) {
    case 0:
      localIrqDisable();
      break;
    case 1:
      work();
      break;
    default:
      done();
  }
  work(); // expect: inconsistent-lock-state
}

// switch: every case saves and restores
function switch_balanced(k: number): void {
  switch (k) {
    case 0: {
      const flags = localIrqSave();
      work();
      localIrqRestore(flags);
      break;
    }
    default:
      done();
  }
  work();
}

// ?: disabling in one arm
function ternary_one_arm(): void {
  cond() ? localIrqDisable() : work();
  done(); // expect: inconsistent-lock-state
  lock(safeTernary); // expect: irq-inconsistent-usage
  unlock(safeTernary);
}

// &&: disabling on the right only
function and_right_only(): void {
  cond() && localIrqDisable();
  done(); // expect: inconsistent-lock-state
}

// softirqs: disabled on one path only; afterwards counted as enabled
function bh_one_path(): void {
  if (cond()) localBhDisable();
  work(); // expect: inconsistent-lock-state
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

// softirqs disabled on both paths, enabled after the join: no problem
function bh_both_paths(): void {
  if (cond()) {
    localBhDisable();
  } else {
    localBhDisable();
    work();
  }
  lock(softSafe);
  unlock(softSafe);
  localBhEnable();
}

// irq(L) taken on one path: the lock and the interrupt state both differ at the join, two
// inconsistent-lock-state diagnostics there; the state goes on enabled and the lock not held
function irq_lock_one_path(): void {
  if (cond()) lock(irq(irqLock));
  lock(safeLock); // expect: inconsistent-lock-state, inconsistent-lock-state, irq-inconsistent-usage
  unlock(safeLock);
}

// try/catch: the catch starts with the try's entry state (enabled; flow/statements has the same
// rule for locks) and the try's normal path ends disabled
function try_catch_join(): void {
  try {
    localIrqDisable();
    work();
  } catch (e) {
    log(e);
  }
  done(); // expect: inconsistent-lock-state
}

// the hardirq handler that makes the `safe_*` locks hardirq-safe
/** @hardirq */
function handler(): void {
  lock(safeIf);
  unlock(safeIf);
  lock(safeBoth);
  unlock(safeBoth);
  lock(safeElse);
  unlock(safeElse);
  lock(safeLock);
  unlock(safeLock);
  lock(safeTernary);
  unlock(safeTernary);
}

// the softirq handler that makes `soft_safe` softirq-safe
/** @softirq */
function softHandler(): void {
  lock(softSafe);
  unlock(softSafe);
}

export { handler, softHandler };
