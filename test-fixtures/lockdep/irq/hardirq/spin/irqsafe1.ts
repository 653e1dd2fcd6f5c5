/*
 * lockdep selftest, research note 1.11.4: "hard-irqs-on + irq-safe-A" (DO_TESTCASE_2x6),
 * kernel functions irqsafe1_hard_spin_{12,21}, column `spin`, hardirq.
 * LOCK = `lock(L)` on `kind: "spinlock"` (spin_lock).
 *   E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 *   E2: LOCK(A); UNLOCK(A)
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: F.
 *   E2's LOCK(A): A is taken with hardirqs enabled (process context: hardirq-unsafe) and in E1
 *     in hardirq context (hardirq-safe): irq-inconsistent-usage at this unsafe site.
 *   E1's LOCK(A) is the safe site: no diagnostic.
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, lock, unlock } from "lockorder";

// ---- irqsafe1_hard_spin_12: E1, E2
const irqsafe1_hard_spin_12_A = defineLock("irqsafe1_hard_spin_12_A", { kind: "spinlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe1_hard_spin_12_e1(): void {
  lock(irqsafe1_hard_spin_12_A);
  unlock(irqsafe1_hard_spin_12_A);
}

// E2: LOCK(A); UNLOCK(A)
function irqsafe1_hard_spin_12_e2(): void {
  lock(irqsafe1_hard_spin_12_A); // expect: irq-inconsistent-usage
  unlock(irqsafe1_hard_spin_12_A);
}

export function irqsafe1_hard_spin_12(): void {
  irqsafe1_hard_spin_12_e1();
  irqsafe1_hard_spin_12_e2();
}

// ---- irqsafe1_hard_spin_21: E2, E1
const irqsafe1_hard_spin_21_A = defineLock("irqsafe1_hard_spin_21_A", { kind: "spinlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe1_hard_spin_21_e1(): void {
  lock(irqsafe1_hard_spin_21_A);
  unlock(irqsafe1_hard_spin_21_A);
}

// E2: LOCK(A); UNLOCK(A)
function irqsafe1_hard_spin_21_e2(): void {
  lock(irqsafe1_hard_spin_21_A); // expect: irq-inconsistent-usage
  unlock(irqsafe1_hard_spin_21_A);
}

export function irqsafe1_hard_spin_21(): void {
  irqsafe1_hard_spin_21_e2();
  irqsafe1_hard_spin_21_e1();
}
