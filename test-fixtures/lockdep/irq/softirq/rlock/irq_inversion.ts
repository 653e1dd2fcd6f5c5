/*
 * lockdep selftest, research note 1.11.4: "soft-irq lock-inversion" (DO_TESTCASE_6x6RW),
 * kernel functions irq_inversion_soft_rlock_{123,132,213,231,312,321}, column `rlock`, softirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: S.
 *   The edge is A -(ER)-> B: it ends in a recursive read, so only a write unsafe usage
 *     of B would count, and B is only softirq-unsafe-READ (E2): no diagnostic.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, shared, softirq, unlock } from "lockorder";

// ---- irq_inversion_soft_rlock_123: E1, E2, E3
const irq_inversion_soft_rlock_123_A = defineLock("irq_inversion_soft_rlock_123_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_123_B = defineLock("irq_inversion_soft_rlock_123_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_123 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_123_A);
    lock(shared(irq_inversion_soft_rlock_123_B));
    unlock(shared(irq_inversion_soft_rlock_123_B));
    unlock(irq_inversion_soft_rlock_123_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_123_B));
    unlock(shared(irq_inversion_soft_rlock_123_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_123_A));
    unlock(shared(irq_inversion_soft_rlock_123_A));
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irq_inversion_soft_rlock_132: E1, E3, E2
const irq_inversion_soft_rlock_132_A = defineLock("irq_inversion_soft_rlock_132_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_132_B = defineLock("irq_inversion_soft_rlock_132_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_132 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_132_A);
    lock(shared(irq_inversion_soft_rlock_132_B));
    unlock(shared(irq_inversion_soft_rlock_132_B));
    unlock(irq_inversion_soft_rlock_132_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_132_B));
    unlock(shared(irq_inversion_soft_rlock_132_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_132_A));
    unlock(shared(irq_inversion_soft_rlock_132_A));
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irq_inversion_soft_rlock_213: E2, E1, E3
const irq_inversion_soft_rlock_213_A = defineLock("irq_inversion_soft_rlock_213_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_213_B = defineLock("irq_inversion_soft_rlock_213_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_213 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_213_A);
    lock(shared(irq_inversion_soft_rlock_213_B));
    unlock(shared(irq_inversion_soft_rlock_213_B));
    unlock(irq_inversion_soft_rlock_213_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_213_B));
    unlock(shared(irq_inversion_soft_rlock_213_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_213_A));
    unlock(shared(irq_inversion_soft_rlock_213_A));
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irq_inversion_soft_rlock_231: E2, E3, E1
const irq_inversion_soft_rlock_231_A = defineLock("irq_inversion_soft_rlock_231_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_231_B = defineLock("irq_inversion_soft_rlock_231_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_231 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_231_A);
    lock(shared(irq_inversion_soft_rlock_231_B));
    unlock(shared(irq_inversion_soft_rlock_231_B));
    unlock(irq_inversion_soft_rlock_231_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_231_B));
    unlock(shared(irq_inversion_soft_rlock_231_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_231_A));
    unlock(shared(irq_inversion_soft_rlock_231_A));
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irq_inversion_soft_rlock_312: E3, E1, E2
const irq_inversion_soft_rlock_312_A = defineLock("irq_inversion_soft_rlock_312_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_312_B = defineLock("irq_inversion_soft_rlock_312_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_312 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_312_A);
    lock(shared(irq_inversion_soft_rlock_312_B));
    unlock(shared(irq_inversion_soft_rlock_312_B));
    unlock(irq_inversion_soft_rlock_312_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_312_B));
    unlock(shared(irq_inversion_soft_rlock_312_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_312_A));
    unlock(shared(irq_inversion_soft_rlock_312_A));
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irq_inversion_soft_rlock_321: E3, E2, E1
const irq_inversion_soft_rlock_321_A = defineLock("irq_inversion_soft_rlock_321_A", { kind: "rwlock" });
const irq_inversion_soft_rlock_321_B = defineLock("irq_inversion_soft_rlock_321_B", { kind: "rwlock" });

export class irq_inversion_soft_rlock_321 {
  // E1: local_bh_disable(); WL(A); LOCK(B); UNLOCK(B); WU(A); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_inversion_soft_rlock_321_A);
    lock(shared(irq_inversion_soft_rlock_321_B));
    unlock(shared(irq_inversion_soft_rlock_321_B));
    unlock(irq_inversion_soft_rlock_321_A);
    localBhEnable();
  }

  // E2: LOCK(B); UNLOCK(B)
  e2(): void {
    lock(shared(irq_inversion_soft_rlock_321_B));
    unlock(shared(irq_inversion_soft_rlock_321_B));
  }

  // E3: SOFTIRQ_ENTER(); RL(A); RU(A); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_inversion_soft_rlock_321_A));
    unlock(shared(irq_inversion_soft_rlock_321_A));
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
