/*
 * lockdep selftest, research note 1.11.4: "soft-irq lock-inversion" (DO_TESTCASE_6x6RW),
 * kernel functions irq_inversion_soft_wlock_{123,132,213,231,312,321}, column `wlock`, softirq.
 * LOCK = `lock(L)` on `kind: "rwlock"` (write_lock).
 *   E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   A is always an rwlock (WL/RL); B is the column's lock. E1 takes A for writing and B
 *     with softirqs off (no softirq-unsafe usage), making the edge A -(EN)-> B. E3 read-locks A in
 *     softirq context: A is softirq-safe-READ, which counts because the edge's holder A is
 *     exclusive. E2 makes B softirq-unsafe, which counts because the edge acquires B
 *     non-recursively: irq-lock-inversion at E1's LOCK(B). E2 and E3: nothing.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, shared, softirq, unlock } from "lockorder";

// ---- irq_inversion_soft_wlock_123: E1, E2, E3
const irq_inversion_soft_wlock_123_A = defineLock("irq_inversion_soft_wlock_123_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_123_B = defineLock("irq_inversion_soft_wlock_123_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_123 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_123_A);
    lock(irq_inversion_soft_wlock_123_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_123_B);
    unlock(irq_inversion_soft_wlock_123_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_123_B);
    unlock(irq_inversion_soft_wlock_123_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_123_A));
    unlock(shared(irq_inversion_soft_wlock_123_A));
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irq_inversion_soft_wlock_132: E1, E3, E2
const irq_inversion_soft_wlock_132_A = defineLock("irq_inversion_soft_wlock_132_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_132_B = defineLock("irq_inversion_soft_wlock_132_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_132 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_132_A);
    lock(irq_inversion_soft_wlock_132_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_132_B);
    unlock(irq_inversion_soft_wlock_132_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_132_B);
    unlock(irq_inversion_soft_wlock_132_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_132_A));
    unlock(shared(irq_inversion_soft_wlock_132_A));
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irq_inversion_soft_wlock_213: E2, E1, E3
const irq_inversion_soft_wlock_213_A = defineLock("irq_inversion_soft_wlock_213_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_213_B = defineLock("irq_inversion_soft_wlock_213_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_213 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_213_A);
    lock(irq_inversion_soft_wlock_213_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_213_B);
    unlock(irq_inversion_soft_wlock_213_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_213_B);
    unlock(irq_inversion_soft_wlock_213_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_213_A));
    unlock(shared(irq_inversion_soft_wlock_213_A));
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irq_inversion_soft_wlock_231: E2, E3, E1
const irq_inversion_soft_wlock_231_A = defineLock("irq_inversion_soft_wlock_231_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_231_B = defineLock("irq_inversion_soft_wlock_231_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_231 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_231_A);
    lock(irq_inversion_soft_wlock_231_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_231_B);
    unlock(irq_inversion_soft_wlock_231_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_231_B);
    unlock(irq_inversion_soft_wlock_231_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_231_A));
    unlock(shared(irq_inversion_soft_wlock_231_A));
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irq_inversion_soft_wlock_312: E3, E1, E2
const irq_inversion_soft_wlock_312_A = defineLock("irq_inversion_soft_wlock_312_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_312_B = defineLock("irq_inversion_soft_wlock_312_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_312 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_312_A);
    lock(irq_inversion_soft_wlock_312_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_312_B);
    unlock(irq_inversion_soft_wlock_312_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_312_B);
    unlock(irq_inversion_soft_wlock_312_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_312_A));
    unlock(shared(irq_inversion_soft_wlock_312_A));
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irq_inversion_soft_wlock_321: E3, E2, E1
const irq_inversion_soft_wlock_321_A = defineLock("irq_inversion_soft_wlock_321_A", { kind: "rwlock" });
const irq_inversion_soft_wlock_321_B = defineLock("irq_inversion_soft_wlock_321_B", { kind: "rwlock" });

export class irq_inversion_soft_wlock_321 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_wlock_321_A);
    lock(irq_inversion_soft_wlock_321_B); // expect: irq-lock-inversion
    unlock(irq_inversion_soft_wlock_321_B);
    unlock(irq_inversion_soft_wlock_321_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(irq_inversion_soft_wlock_321_B);
    unlock(irq_inversion_soft_wlock_321_B);
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_wlock_321_A));
    unlock(shared(irq_inversion_soft_wlock_321_A));
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
