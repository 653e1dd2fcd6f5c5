/*
 * lockdep selftest, research note 1.11.4: "sirq-safe-A => hirqs-on" (DO_TESTCASE_2x3),
 * kernel functions irqsafe2A_spin_{12,21}, column `spin`, softirq.
 * LOCK = `lock(L)` on `kind: "spinlock"` (spin_lock).
 *   E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 *   E2: HARDIRQ_DISABLE(); LOCK(A); HARDIRQ_ENABLE(); UNLOCK(A)
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * E2 disables and enables hard interrupts (HARDIRQ_DISABLE/HARDIRQ_ENABLE) as in the kernel.
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E2's LOCK(A) is made with hard irqs off: no unsafe usage there. E2's localIrqEnable()
 *     turns hard irqs on while A (acquired with them off) is held, with softirqs on: A
 *     becomes hardirq-unsafe and softirq-unsafe there. E1 made A softirq-safe:
 *     irq-inconsistent-usage at the start of localIrqEnable().
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localIrqDisable, localIrqEnable, lock, softirq, unlock } from "lockorder";

// ---- irqsafe2A_spin_12: E1, E2
const irqsafe2A_spin_12_A = defineLock("irqsafe2A_spin_12_A", { kind: "spinlock" });

export class irqsafe2A_spin_12 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe2A_spin_12_A);
    unlock(irqsafe2A_spin_12_A);
  }

  // E2: HARDIRQ_DISABLE(); LOCK(A); HARDIRQ_ENABLE(); UNLOCK(A)
  e2(): void {
    localIrqDisable();
    lock(irqsafe2A_spin_12_A);
    localIrqEnable(); // expect: irq-inconsistent-usage
    unlock(irqsafe2A_spin_12_A);
  }

  // the event order 12
  run(): void {
    this.e1();
    this.e2();
  }
}

// ---- irqsafe2A_spin_21: E2, E1
const irqsafe2A_spin_21_A = defineLock("irqsafe2A_spin_21_A", { kind: "spinlock" });

export class irqsafe2A_spin_21 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe2A_spin_21_A);
    unlock(irqsafe2A_spin_21_A);
  }

  // E2: HARDIRQ_DISABLE(); LOCK(A); HARDIRQ_ENABLE(); UNLOCK(A)
  e2(): void {
    localIrqDisable();
    lock(irqsafe2A_spin_21_A);
    localIrqEnable(); // expect: irq-inconsistent-usage
    unlock(irqsafe2A_spin_21_A);
  }

  // the event order 21
  run(): void {
    this.e2();
    this.e1();
  }
}
