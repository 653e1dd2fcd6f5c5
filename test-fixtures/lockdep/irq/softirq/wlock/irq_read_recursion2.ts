/*
 * lockdep selftest, research note 1.11.4: "soft-irq read-recursion #2" (DO_TESTCASE_6x2x2RW),
 * kernel functions irq_read_recursion2_soft_wlock_{123,132,213,231,312,321}, column `wlock`, softirq.
 * LOCK = `lock(L)` on `kind: "rwlock"` (write_lock).
 *   E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
 *   E2: RL(A); RU(A)
 *   E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
 * Form: one class per event order; the event in softirq context is a method decorated
 * @softirq, the others are plain methods (process context);
 * IRQ_DISABLE/IRQ_ENABLE are localBhDisable()/localBhEnable().
 * A @softirq method runs with hard irqs on (SOFTIRQ_ENTER also disables them): its locks
 * are hardirq-unsafe too, which changes nothing here, as no lock in this file is hardirq-safe.
 *
 * Expected in every event order: F.
 *   E1 takes B, then A for writing, with softirqs off: the edge B -(EN)-> A, no softirq-unsafe
 *     usage. B is softirq-safe (E3); A is softirq-unsafe-READ (E2), which counts because the edge
 *     acquires A non-recursively: irq-lock-inversion at E1's LOCK(A). E2 and E3: nothing.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localBhDisable, localBhEnable, lock, shared, softirq, unlock } from "lockorder";

// ---- irq_read_recursion2_soft_wlock_123: E1, E2, E3
const irq_read_recursion2_soft_wlock_123_A = defineLock("irq_read_recursion2_soft_wlock_123_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_123_B = defineLock("irq_read_recursion2_soft_wlock_123_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_123 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_123_B);
    lock(irq_read_recursion2_soft_wlock_123_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_123_A);
    unlock(irq_read_recursion2_soft_wlock_123_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_123_A));
    unlock(shared(irq_read_recursion2_soft_wlock_123_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_123_B);
    unlock(irq_read_recursion2_soft_wlock_123_B);
  }

  // the event order 123
  run(): void {
    this.e1();
    this.e2();
    this.e3();
  }
}

// ---- irq_read_recursion2_soft_wlock_132: E1, E3, E2
const irq_read_recursion2_soft_wlock_132_A = defineLock("irq_read_recursion2_soft_wlock_132_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_132_B = defineLock("irq_read_recursion2_soft_wlock_132_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_132 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_132_B);
    lock(irq_read_recursion2_soft_wlock_132_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_132_A);
    unlock(irq_read_recursion2_soft_wlock_132_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_132_A));
    unlock(shared(irq_read_recursion2_soft_wlock_132_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_132_B);
    unlock(irq_read_recursion2_soft_wlock_132_B);
  }

  // the event order 132
  run(): void {
    this.e1();
    this.e3();
    this.e2();
  }
}

// ---- irq_read_recursion2_soft_wlock_213: E2, E1, E3
const irq_read_recursion2_soft_wlock_213_A = defineLock("irq_read_recursion2_soft_wlock_213_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_213_B = defineLock("irq_read_recursion2_soft_wlock_213_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_213 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_213_B);
    lock(irq_read_recursion2_soft_wlock_213_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_213_A);
    unlock(irq_read_recursion2_soft_wlock_213_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_213_A));
    unlock(shared(irq_read_recursion2_soft_wlock_213_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_213_B);
    unlock(irq_read_recursion2_soft_wlock_213_B);
  }

  // the event order 213
  run(): void {
    this.e2();
    this.e1();
    this.e3();
  }
}

// ---- irq_read_recursion2_soft_wlock_231: E2, E3, E1
const irq_read_recursion2_soft_wlock_231_A = defineLock("irq_read_recursion2_soft_wlock_231_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_231_B = defineLock("irq_read_recursion2_soft_wlock_231_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_231 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_231_B);
    lock(irq_read_recursion2_soft_wlock_231_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_231_A);
    unlock(irq_read_recursion2_soft_wlock_231_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_231_A));
    unlock(shared(irq_read_recursion2_soft_wlock_231_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_231_B);
    unlock(irq_read_recursion2_soft_wlock_231_B);
  }

  // the event order 231
  run(): void {
    this.e2();
    this.e3();
    this.e1();
  }
}

// ---- irq_read_recursion2_soft_wlock_312: E3, E1, E2
const irq_read_recursion2_soft_wlock_312_A = defineLock("irq_read_recursion2_soft_wlock_312_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_312_B = defineLock("irq_read_recursion2_soft_wlock_312_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_312 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_312_B);
    lock(irq_read_recursion2_soft_wlock_312_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_312_A);
    unlock(irq_read_recursion2_soft_wlock_312_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_312_A));
    unlock(shared(irq_read_recursion2_soft_wlock_312_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_312_B);
    unlock(irq_read_recursion2_soft_wlock_312_B);
  }

  // the event order 312
  run(): void {
    this.e3();
    this.e1();
    this.e2();
  }
}

// ---- irq_read_recursion2_soft_wlock_321: E3, E2, E1
const irq_read_recursion2_soft_wlock_321_A = defineLock("irq_read_recursion2_soft_wlock_321_A", { kind: "rwlock" });
const irq_read_recursion2_soft_wlock_321_B = defineLock("irq_read_recursion2_soft_wlock_321_B", { kind: "spinlock" });

export class irq_read_recursion2_soft_wlock_321 {
  // E1: local_bh_disable(); L(B); LOCK(A); UNLOCK(A); U(B); local_bh_enable()
  e1(): void {
    localBhDisable();
    lock(irq_read_recursion2_soft_wlock_321_B);
    lock(irq_read_recursion2_soft_wlock_321_A); // expect: irq-lock-inversion
    unlock(irq_read_recursion2_soft_wlock_321_A);
    unlock(irq_read_recursion2_soft_wlock_321_B);
    localBhEnable();
  }

  // E2: RL(A); RU(A)
  e2(): void {
    lock(shared(irq_read_recursion2_soft_wlock_321_A));
    unlock(shared(irq_read_recursion2_soft_wlock_321_A));
  }

  // E3: SOFTIRQ_ENTER(); L(B); U(B); SOFTIRQ_EXIT()
  @softirq
  e3(): void {
    lock(irq_read_recursion2_soft_wlock_321_B);
    unlock(irq_read_recursion2_soft_wlock_321_B);
  }

  // the event order 321
  run(): void {
    this.e3();
    this.e2();
    this.e1();
  }
}
