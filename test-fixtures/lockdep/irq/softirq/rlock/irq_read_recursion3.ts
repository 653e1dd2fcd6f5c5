/*
 * lockdep selftest, research note 1.11.4: "soft-irq read-recursion #3" (DO_TESTCASE_6x2x2RW),
 * kernel functions irq_read_recursion3_soft_rlock_{123,132,213,231,312,321}, column `rlock`, softirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
 *   E2: RL(A); RU(A)
 *   E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: S.
 *   The edge is B -(ER)-> A: it ends in a recursive read, so only a write unsafe usage
 *     of A would count, and A is only softirq-unsafe-READ (E2) (the kernel's comment: "if
 *     this one is read_lock(), no deadlock"): no diagnostic.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, shared, softirq, unlock } from "lockorder";

// ---- irq_read_recursion3_soft_rlock_123: E1, E2, E3
const irq_read_recursion3_soft_rlock_123_A = defineLock("irq_read_recursion3_soft_rlock_123_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_123_B = defineLock("irq_read_recursion3_soft_rlock_123_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_123 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_123_B);
    lock(shared(irq_read_recursion3_soft_rlock_123_A));
    unlock(shared(irq_read_recursion3_soft_rlock_123_A));
    unlock(irq_read_recursion3_soft_rlock_123_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_123_A));
    unlock(shared(irq_read_recursion3_soft_rlock_123_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_123_B));
    unlock(shared(irq_read_recursion3_soft_rlock_123_B));
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irq_read_recursion3_soft_rlock_132: E1, E3, E2
const irq_read_recursion3_soft_rlock_132_A = defineLock("irq_read_recursion3_soft_rlock_132_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_132_B = defineLock("irq_read_recursion3_soft_rlock_132_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_132 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_132_B);
    lock(shared(irq_read_recursion3_soft_rlock_132_A));
    unlock(shared(irq_read_recursion3_soft_rlock_132_A));
    unlock(irq_read_recursion3_soft_rlock_132_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_132_A));
    unlock(shared(irq_read_recursion3_soft_rlock_132_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_132_B));
    unlock(shared(irq_read_recursion3_soft_rlock_132_B));
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irq_read_recursion3_soft_rlock_213: E2, E1, E3
const irq_read_recursion3_soft_rlock_213_A = defineLock("irq_read_recursion3_soft_rlock_213_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_213_B = defineLock("irq_read_recursion3_soft_rlock_213_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_213 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_213_B);
    lock(shared(irq_read_recursion3_soft_rlock_213_A));
    unlock(shared(irq_read_recursion3_soft_rlock_213_A));
    unlock(irq_read_recursion3_soft_rlock_213_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_213_A));
    unlock(shared(irq_read_recursion3_soft_rlock_213_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_213_B));
    unlock(shared(irq_read_recursion3_soft_rlock_213_B));
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irq_read_recursion3_soft_rlock_231: E2, E3, E1
const irq_read_recursion3_soft_rlock_231_A = defineLock("irq_read_recursion3_soft_rlock_231_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_231_B = defineLock("irq_read_recursion3_soft_rlock_231_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_231 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_231_B);
    lock(shared(irq_read_recursion3_soft_rlock_231_A));
    unlock(shared(irq_read_recursion3_soft_rlock_231_A));
    unlock(irq_read_recursion3_soft_rlock_231_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_231_A));
    unlock(shared(irq_read_recursion3_soft_rlock_231_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_231_B));
    unlock(shared(irq_read_recursion3_soft_rlock_231_B));
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irq_read_recursion3_soft_rlock_312: E3, E1, E2
const irq_read_recursion3_soft_rlock_312_A = defineLock("irq_read_recursion3_soft_rlock_312_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_312_B = defineLock("irq_read_recursion3_soft_rlock_312_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_312 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_312_B);
    lock(shared(irq_read_recursion3_soft_rlock_312_A));
    unlock(shared(irq_read_recursion3_soft_rlock_312_A));
    unlock(irq_read_recursion3_soft_rlock_312_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_312_A));
    unlock(shared(irq_read_recursion3_soft_rlock_312_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_312_B));
    unlock(shared(irq_read_recursion3_soft_rlock_312_B));
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irq_read_recursion3_soft_rlock_321: E3, E2, E1
const irq_read_recursion3_soft_rlock_321_A = defineLock("irq_read_recursion3_soft_rlock_321_A", { kind: "rwlock" });
const irq_read_recursion3_soft_rlock_321_B = defineLock("irq_read_recursion3_soft_rlock_321_B", { kind: "rwlock" });

export class irq_read_recursion3_soft_rlock_321 {
  // E1: local_bh_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion3_soft_rlock_321_B);
    lock(shared(irq_read_recursion3_soft_rlock_321_A));
    unlock(shared(irq_read_recursion3_soft_rlock_321_A));
    unlock(irq_read_recursion3_soft_rlock_321_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion3_soft_rlock_321_A));
    unlock(shared(irq_read_recursion3_soft_rlock_321_A));
  }

  // E3: SOFTIRQ_ENTER(); RL(B); RU(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(shared(irq_read_recursion3_soft_rlock_321_B));
    unlock(shared(irq_read_recursion3_soft_rlock_321_B));
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
