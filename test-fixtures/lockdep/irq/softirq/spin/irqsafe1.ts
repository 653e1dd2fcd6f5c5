/*
 * lockdep selftest, research note 1.11.4: "soft-irqs-on + irq-safe-A" (DO_TESTCASE_2x6),
 * kernel functions irqsafe1_soft_spin_{12,21}, column `spin`, softirq.
 * LOCK = `lock(L)` on `kind: "spinlock"` (spin_lock).
 *   E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 *   E2: LOCK(A); UNLOCK(A)
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E2's LOCK(A): A is taken with softirqs enabled (process context: softirq-unsafe) and in E1
 *     in softirq context (softirq-safe): irq-inconsistent-usage at this unsafe site.
 *   E1's LOCK(A) is the safe site: no diagnostic.
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, lock, softirq, unlock } from "lockorder";

// ---- irqsafe1_soft_spin_12: E1, E2
const irqsafe1_soft_spin_12_A = defineLock("irqsafe1_soft_spin_12_A", { kind: "spinlock" });

export class irqsafe1_soft_spin_12 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe1_soft_spin_12_A);
    unlock(irqsafe1_soft_spin_12_A);
  }

  // E2: LOCK(A); UNLOCK(A)
  e2(): void {
    lock(irqsafe1_soft_spin_12_A); // expect: irq-inconsistent-usage
    unlock(irqsafe1_soft_spin_12_A);
  }

  // the event order 12
  run(): void {
    this.e1();
    this.e2();
  }
}

// ---- irqsafe1_soft_spin_21: E2, E1
const irqsafe1_soft_spin_21_A = defineLock("irqsafe1_soft_spin_21_A", { kind: "spinlock" });

export class irqsafe1_soft_spin_21 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe1_soft_spin_21_A);
    unlock(irqsafe1_soft_spin_21_A);
  }

  // E2: LOCK(A); UNLOCK(A)
  e2(): void {
    lock(irqsafe1_soft_spin_21_A); // expect: irq-inconsistent-usage
    unlock(irqsafe1_soft_spin_21_A);
  }

  // the event order 21
  run(): void {
    this.e2();
    this.e1();
  }
}
