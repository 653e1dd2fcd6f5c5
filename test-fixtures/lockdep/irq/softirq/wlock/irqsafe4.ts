/*
 * lockdep selftest, research note 1.11.4: "soft-safe-A + unsafe-B #2" (DO_TESTCASE_6x6),
 * kernel functions irqsafe4_soft_wlock_{123,132,213,231,312,321}, column `wlock`, softirq.
 * LOCK = `lock(L)` on `kind: "rwlock"` (write_lock).
 *   E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E1 takes A and B with softirqs off: no softirq-unsafe usage there, and nothing is held at
 *     its localBhEnable(). A is softirq-safe (E3) and never softirq-unsafe: its usage is consistent.
 *   E1's LOCK(B): the edge A -> B goes from softirq-safe A to B, softirq-unsafe (E2):
 *     irq-lock-inversion at the edge's site. E2 and E3: nothing.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, softirq, unlock } from "lockorder";

// ---- irqsafe4_soft_wlock_123: E1, E2, E3
const irqsafe4_soft_wlock_123_A = defineLock("irqsafe4_soft_wlock_123_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_123_B = defineLock("irqsafe4_soft_wlock_123_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_123 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_123_A);
    lock(irqsafe4_soft_wlock_123_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_123_B);
    unlock(irqsafe4_soft_wlock_123_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_123_B);
    unlock(irqsafe4_soft_wlock_123_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_123_A);
    unlock(irqsafe4_soft_wlock_123_A);
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irqsafe4_soft_wlock_132: E1, E3, E2
const irqsafe4_soft_wlock_132_A = defineLock("irqsafe4_soft_wlock_132_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_132_B = defineLock("irqsafe4_soft_wlock_132_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_132 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_132_A);
    lock(irqsafe4_soft_wlock_132_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_132_B);
    unlock(irqsafe4_soft_wlock_132_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_132_B);
    unlock(irqsafe4_soft_wlock_132_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_132_A);
    unlock(irqsafe4_soft_wlock_132_A);
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irqsafe4_soft_wlock_213: E2, E1, E3
const irqsafe4_soft_wlock_213_A = defineLock("irqsafe4_soft_wlock_213_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_213_B = defineLock("irqsafe4_soft_wlock_213_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_213 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_213_A);
    lock(irqsafe4_soft_wlock_213_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_213_B);
    unlock(irqsafe4_soft_wlock_213_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_213_B);
    unlock(irqsafe4_soft_wlock_213_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_213_A);
    unlock(irqsafe4_soft_wlock_213_A);
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irqsafe4_soft_wlock_231: E2, E3, E1
const irqsafe4_soft_wlock_231_A = defineLock("irqsafe4_soft_wlock_231_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_231_B = defineLock("irqsafe4_soft_wlock_231_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_231 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_231_A);
    lock(irqsafe4_soft_wlock_231_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_231_B);
    unlock(irqsafe4_soft_wlock_231_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_231_B);
    unlock(irqsafe4_soft_wlock_231_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_231_A);
    unlock(irqsafe4_soft_wlock_231_A);
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irqsafe4_soft_wlock_312: E3, E1, E2
const irqsafe4_soft_wlock_312_A = defineLock("irqsafe4_soft_wlock_312_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_312_B = defineLock("irqsafe4_soft_wlock_312_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_312 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_312_A);
    lock(irqsafe4_soft_wlock_312_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_312_B);
    unlock(irqsafe4_soft_wlock_312_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_312_B);
    unlock(irqsafe4_soft_wlock_312_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_312_A);
    unlock(irqsafe4_soft_wlock_312_A);
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irqsafe4_soft_wlock_321: E3, E2, E1
const irqsafe4_soft_wlock_321_A = defineLock("irqsafe4_soft_wlock_321_A", { kind: "rwlock" });
const irqsafe4_soft_wlock_321_B = defineLock("irqsafe4_soft_wlock_321_B", { kind: "rwlock" });

export class irqsafe4_soft_wlock_321 {
  // E1: local_bh_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irqsafe4_soft_wlock_321_A);
    lock(irqsafe4_soft_wlock_321_B); // expect: irq-lock-inversion
    unlock(irqsafe4_soft_wlock_321_B);
    unlock(irqsafe4_soft_wlock_321_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irqsafe4_soft_wlock_321_B);
    unlock(irqsafe4_soft_wlock_321_B);
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irqsafe4_soft_wlock_321_A);
    unlock(irqsafe4_soft_wlock_321_A);
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
