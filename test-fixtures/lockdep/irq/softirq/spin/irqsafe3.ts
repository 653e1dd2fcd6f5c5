/*
 * lockdep selftest, research note 1.11.4: "soft-safe-A + unsafe-B #1" (DO_TESTCASE_6x6),
 * kernel functions irqsafe3_soft_spin_{123,132,213,231,312,321}, column `spin`, softirq.
 * LOCK = `lock(L)` on `kind: "spinlock"` (spin_lock).
 *   E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E1's LOCK(A): A is taken with softirqs enabled (softirq-unsafe) and in E3 in softirq context
 *     (softirq-safe): irq-inconsistent-usage.
 *   E1's LOCK(B): the edge A -> B goes from softirq-safe A to B, softirq-unsafe (E1, E2):
 *     irq-lock-inversion at the edge's site.
 *   E2's LOCK(B): nothing (B is never safe). E3's LOCK(A): the safe site, nothing.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, lock, softirq, unlock } from "lockorder";

// ---- irqsafe3_soft_spin_123: E1, E2, E3
const irqsafe3_soft_spin_123_A = defineLock("irqsafe3_soft_spin_123_A", { kind: "spinlock" });
const irqsafe3_soft_spin_123_B = defineLock("irqsafe3_soft_spin_123_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_123 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_123_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_123_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_123_B);
    unlock(irqsafe3_soft_spin_123_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_123_B);
    unlock(irqsafe3_soft_spin_123_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_123_A);
    unlock(irqsafe3_soft_spin_123_A);
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irqsafe3_soft_spin_132: E1, E3, E2
const irqsafe3_soft_spin_132_A = defineLock("irqsafe3_soft_spin_132_A", { kind: "spinlock" });
const irqsafe3_soft_spin_132_B = defineLock("irqsafe3_soft_spin_132_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_132 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_132_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_132_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_132_B);
    unlock(irqsafe3_soft_spin_132_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_132_B);
    unlock(irqsafe3_soft_spin_132_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_132_A);
    unlock(irqsafe3_soft_spin_132_A);
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irqsafe3_soft_spin_213: E2, E1, E3
const irqsafe3_soft_spin_213_A = defineLock("irqsafe3_soft_spin_213_A", { kind: "spinlock" });
const irqsafe3_soft_spin_213_B = defineLock("irqsafe3_soft_spin_213_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_213 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_213_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_213_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_213_B);
    unlock(irqsafe3_soft_spin_213_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_213_B);
    unlock(irqsafe3_soft_spin_213_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_213_A);
    unlock(irqsafe3_soft_spin_213_A);
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irqsafe3_soft_spin_231: E2, E3, E1
const irqsafe3_soft_spin_231_A = defineLock("irqsafe3_soft_spin_231_A", { kind: "spinlock" });
const irqsafe3_soft_spin_231_B = defineLock("irqsafe3_soft_spin_231_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_231 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_231_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_231_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_231_B);
    unlock(irqsafe3_soft_spin_231_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_231_B);
    unlock(irqsafe3_soft_spin_231_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_231_A);
    unlock(irqsafe3_soft_spin_231_A);
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irqsafe3_soft_spin_312: E3, E1, E2
const irqsafe3_soft_spin_312_A = defineLock("irqsafe3_soft_spin_312_A", { kind: "spinlock" });
const irqsafe3_soft_spin_312_B = defineLock("irqsafe3_soft_spin_312_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_312 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_312_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_312_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_312_B);
    unlock(irqsafe3_soft_spin_312_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_312_B);
    unlock(irqsafe3_soft_spin_312_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_312_A);
    unlock(irqsafe3_soft_spin_312_A);
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irqsafe3_soft_spin_321: E3, E2, E1
const irqsafe3_soft_spin_321_A = defineLock("irqsafe3_soft_spin_321_A", { kind: "spinlock" });
const irqsafe3_soft_spin_321_B = defineLock("irqsafe3_soft_spin_321_B", { kind: "spinlock" });

export class irqsafe3_soft_spin_321 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(irqsafe3_soft_spin_321_A); // expect: irq-inconsistent-usage
    lock(irqsafe3_soft_spin_321_B); // expect: irq-lock-inversion
    unlock(irqsafe3_soft_spin_321_B);
    unlock(irqsafe3_soft_spin_321_A);
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe3_soft_spin_321_B);
    unlock(irqsafe3_soft_spin_321_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe3_soft_spin_321_A);
    unlock(irqsafe3_soft_spin_321_A);
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
