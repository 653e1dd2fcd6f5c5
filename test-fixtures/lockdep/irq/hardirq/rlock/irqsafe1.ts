/*
 * lockdep selftest, research note 1.11.4: "hard-irqs-on + irq-safe-A" (DO_TESTCASE_2x6),
 * kernel functions irqsafe1_hard_rlock_{12,21}, column `rlock`, hardirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 *   E2: LOCK(A); UNLOCK(A)
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: S.
 *   A is hardirq-safe-READ (E1) and hardirq-unsafe-READ (E2): an interrupt reader does not wait
 *     for a reader, so the usages do not conflict: no diagnostic.
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, lock, shared, unlock } from "lockorder";

// ---- irqsafe1_hard_rlock_12: E1, E2
const irqsafe1_hard_rlock_12_A = defineLock("irqsafe1_hard_rlock_12_A", { kind: "rwlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe1_hard_rlock_12_e1(): void {
  lock(shared(irqsafe1_hard_rlock_12_A));
  unlock(shared(irqsafe1_hard_rlock_12_A));
}

// E2: LOCK(A); UNLOCK(A)
function irqsafe1_hard_rlock_12_e2(): void {
  lock(shared(irqsafe1_hard_rlock_12_A));
  unlock(shared(irqsafe1_hard_rlock_12_A));
}

export function irqsafe1_hard_rlock_12(): void {
  irqsafe1_hard_rlock_12_e1();
  irqsafe1_hard_rlock_12_e2();
}

// ---- irqsafe1_hard_rlock_21: E2, E1
const irqsafe1_hard_rlock_21_A = defineLock("irqsafe1_hard_rlock_21_A", { kind: "rwlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe1_hard_rlock_21_e1(): void {
  lock(shared(irqsafe1_hard_rlock_21_A));
  unlock(shared(irqsafe1_hard_rlock_21_A));
}

// E2: LOCK(A); UNLOCK(A)
function irqsafe1_hard_rlock_21_e2(): void {
  lock(shared(irqsafe1_hard_rlock_21_A));
  unlock(shared(irqsafe1_hard_rlock_21_A));
}

export function irqsafe1_hard_rlock_21(): void {
  irqsafe1_hard_rlock_21_e2();
  irqsafe1_hard_rlock_21_e1();
}
