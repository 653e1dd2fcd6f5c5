/*
 * lockdep selftest, research note 1.11.4: "soft-safe-A + irqs-on" (DO_TESTCASE_2x6),
 * kernel functions irqsafe2B_soft_wlock_{12,21}, column `wlock`, softirq.
 * LOCK = `lock(L)` on `kind: "rwlock"` (write_lock).
 *   E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 *   E2: local_bh_disable(); LOCK(A); local_bh_enable(); UNLOCK(A)
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E2's LOCK(A) is made with softirqs off: no softirq-unsafe usage there. E2's localBhEnable() turns
 *     softirqs on while A (acquired with them off) is held: A becomes softirq-unsafe there.
 *     E1 made A softirq-safe: irq-inconsistent-usage at the start of localBhEnable().
 *
 * 2 event orders (12, 21); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, softirq, unlock } from "lockorder";

// ---- irqsafe2B_soft_wlock_12: E1, E2
const irqsafe2B_soft_wlock_12_A = defineLock("irqsafe2B_soft_wlock_12_A", { kind: "rwlock" });

export class irqsafe2B_soft_wlock_12 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe2B_soft_wlock_12_A);
    unlock(irqsafe2B_soft_wlock_12_A);
  }

  // E2: local_bh_disable(); LOCK(A); local_bh_enable(); UNLOCK(A)
  e2(): void {
    localBhDisable();
    lock(irqsafe2B_soft_wlock_12_A);
    localBhEnable(); // expect: irq-inconsistent-usage
    unlock(irqsafe2B_soft_wlock_12_A);
  }

  // the event order 12
  run(): void {
    this.e1();
    this.e2();
  }
}

// ---- irqsafe2B_soft_wlock_21: E2, E1
const irqsafe2B_soft_wlock_21_A = defineLock("irqsafe2B_soft_wlock_21_A", { kind: "rwlock" });

export class irqsafe2B_soft_wlock_21 {
  // E1: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e1(): void {
    lock(irqsafe2B_soft_wlock_21_A);
    unlock(irqsafe2B_soft_wlock_21_A);
  }

  // E2: local_bh_disable(); LOCK(A); local_bh_enable(); UNLOCK(A)
  e2(): void {
    localBhDisable();
    lock(irqsafe2B_soft_wlock_21_A);
    localBhEnable(); // expect: irq-inconsistent-usage
    unlock(irqsafe2B_soft_wlock_21_A);
  }

  // the event order 21
  run(): void {
    this.e2();
    this.e1();
  }
}
