/*
 * lockdep selftest, research note 1.11.4: "soft-safe-A + unsafe-B #1" (DO_TESTCASE_6x6),
 * kernel functions irqsafe3_soft_rlock_{123,132,213,231,312,321}, column `rlock`, softirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: S.
 *   A is softirq-safe-READ and softirq-unsafe-READ: no conflict. The edge A -(SR)-> B starts
 *     from a shared holder, so only a write safe usage of A would count (A has none), and
 *     it ends in a recursive read, so only a write unsafe usage of B would count (none):
 *     no diagnostic.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, lock, shared, softirq, unlock } from "lockorder";

// ---- irqsafe3_soft_rlock_123: E1, E2, E3
const irqsafe3_soft_rlock_123_A = defineLock("irqsafe3_soft_rlock_123_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_123_B = defineLock("irqsafe3_soft_rlock_123_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_123 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_123_A));
    lock(shared(irqsafe3_soft_rlock_123_B));
    unlock(shared(irqsafe3_soft_rlock_123_B));
    unlock(shared(irqsafe3_soft_rlock_123_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_123_B));
    unlock(shared(irqsafe3_soft_rlock_123_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_123_A));
    unlock(shared(irqsafe3_soft_rlock_123_A));
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irqsafe3_soft_rlock_132: E1, E3, E2
const irqsafe3_soft_rlock_132_A = defineLock("irqsafe3_soft_rlock_132_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_132_B = defineLock("irqsafe3_soft_rlock_132_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_132 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_132_A));
    lock(shared(irqsafe3_soft_rlock_132_B));
    unlock(shared(irqsafe3_soft_rlock_132_B));
    unlock(shared(irqsafe3_soft_rlock_132_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_132_B));
    unlock(shared(irqsafe3_soft_rlock_132_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_132_A));
    unlock(shared(irqsafe3_soft_rlock_132_A));
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irqsafe3_soft_rlock_213: E2, E1, E3
const irqsafe3_soft_rlock_213_A = defineLock("irqsafe3_soft_rlock_213_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_213_B = defineLock("irqsafe3_soft_rlock_213_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_213 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_213_A));
    lock(shared(irqsafe3_soft_rlock_213_B));
    unlock(shared(irqsafe3_soft_rlock_213_B));
    unlock(shared(irqsafe3_soft_rlock_213_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_213_B));
    unlock(shared(irqsafe3_soft_rlock_213_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_213_A));
    unlock(shared(irqsafe3_soft_rlock_213_A));
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irqsafe3_soft_rlock_231: E2, E3, E1
const irqsafe3_soft_rlock_231_A = defineLock("irqsafe3_soft_rlock_231_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_231_B = defineLock("irqsafe3_soft_rlock_231_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_231 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_231_A));
    lock(shared(irqsafe3_soft_rlock_231_B));
    unlock(shared(irqsafe3_soft_rlock_231_B));
    unlock(shared(irqsafe3_soft_rlock_231_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_231_B));
    unlock(shared(irqsafe3_soft_rlock_231_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_231_A));
    unlock(shared(irqsafe3_soft_rlock_231_A));
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irqsafe3_soft_rlock_312: E3, E1, E2
const irqsafe3_soft_rlock_312_A = defineLock("irqsafe3_soft_rlock_312_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_312_B = defineLock("irqsafe3_soft_rlock_312_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_312 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_312_A));
    lock(shared(irqsafe3_soft_rlock_312_B));
    unlock(shared(irqsafe3_soft_rlock_312_B));
    unlock(shared(irqsafe3_soft_rlock_312_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_312_B));
    unlock(shared(irqsafe3_soft_rlock_312_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_312_A));
    unlock(shared(irqsafe3_soft_rlock_312_A));
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irqsafe3_soft_rlock_321: E3, E2, E1
const irqsafe3_soft_rlock_321_A = defineLock("irqsafe3_soft_rlock_321_A", { kind: "rwlock" });
const irqsafe3_soft_rlock_321_B = defineLock("irqsafe3_soft_rlock_321_B", { kind: "rwlock" });

export class irqsafe3_soft_rlock_321 {
  // E1: LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A)
  e1(): void {
    lock(shared(irqsafe3_soft_rlock_321_A));
    lock(shared(irqsafe3_soft_rlock_321_B));
    unlock(shared(irqsafe3_soft_rlock_321_B));
    unlock(shared(irqsafe3_soft_rlock_321_A));
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irqsafe3_soft_rlock_321_B));
    unlock(shared(irqsafe3_soft_rlock_321_B));
  }

  // E3: SOFTIRQ_ENTER(); LOCK(A); UNLOCK(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irqsafe3_soft_rlock_321_A));
    unlock(shared(irqsafe3_soft_rlock_321_A));
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
