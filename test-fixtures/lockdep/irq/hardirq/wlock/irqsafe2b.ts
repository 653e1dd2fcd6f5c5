/*
 * lockdep selftest, research note 1.11.4: "hard-safe-A + irqs-on" (DO_TESTCASE_2x6),
 * kernel functions irqsafe2B_hard_wlock_{12,21}, column `wlock`, hardirq.
 * LOCK = `lock(L)` on `kind: "rwlock"` (write_lock).
 *   E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 *   E2: local_irq_disable(); LOCK(A); local_irq_enable(); UNLOCK(A)
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: F.
 *   E2's LOCK(A) is made with hardirqs off: no hardirq-unsafe usage there. E2's localIrqEnable() turns
 *     hardirqs on while A (acquired with them off) is held: A becomes hardirq-unsafe there.
 *     E1 made A hardirq-safe: irq-inconsistent-usage at the start of localIrqEnable().
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";

// ---- irqsafe2B_hard_wlock_12: E1, E2
const irqsafe2B_hard_wlock_12_A = defineLock("irqsafe2B_hard_wlock_12_A", { kind: "rwlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe2B_hard_wlock_12_e1(): void {
  lock(irqsafe2B_hard_wlock_12_A);
  unlock(irqsafe2B_hard_wlock_12_A);
}

// E2: local_irq_disable(); LOCK(A); local_irq_enable(); UNLOCK(A)
function irqsafe2B_hard_wlock_12_e2(): void {
  localIrqDisable();
  lock(irqsafe2B_hard_wlock_12_A);
  localIrqEnable(); // expect: irq-inconsistent-usage
  unlock(irqsafe2B_hard_wlock_12_A);
}

export function irqsafe2B_hard_wlock_12(): void {
  irqsafe2B_hard_wlock_12_e1();
  irqsafe2B_hard_wlock_12_e2();
}

// ---- irqsafe2B_hard_wlock_21: E2, E1
const irqsafe2B_hard_wlock_21_A = defineLock("irqsafe2B_hard_wlock_21_A", { kind: "rwlock" });

/**
 * E1: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe2B_hard_wlock_21_e1(): void {
  lock(irqsafe2B_hard_wlock_21_A);
  unlock(irqsafe2B_hard_wlock_21_A);
}

// E2: local_irq_disable(); LOCK(A); local_irq_enable(); UNLOCK(A)
function irqsafe2B_hard_wlock_21_e2(): void {
  localIrqDisable();
  lock(irqsafe2B_hard_wlock_21_A);
  localIrqEnable(); // expect: irq-inconsistent-usage
  unlock(irqsafe2B_hard_wlock_21_A);
}

export function irqsafe2B_hard_wlock_21(): void {
  irqsafe2B_hard_wlock_21_e2();
  irqsafe2B_hard_wlock_21_e1();
}
