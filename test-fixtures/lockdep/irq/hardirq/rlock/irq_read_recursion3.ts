/*
 * lockdep selftest, research note 1.11.4: "hard-irq read-recursion #3" (DO_TESTCASE_6x2x2RW),
 * kernel functions irq_read_recursion3_hard_rlock_{123,132,213,231,312,321}, column `rlock`, hardirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
 *   E2: RL(A); RU(A)
 *   E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: S.
 *   The edge is B -(ER)-> A: it ends in a recursive read, so only a write unsafe usage
 *     of A would count, and A is only hardirq-unsafe-READ (E2) (the kernel's comment: "if
 *     this one is read_lock(), no deadlock"): no diagnostic.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localIrqDisable, localIrqEnable, lock, shared, unlock } from "lockorder";

// ---- irq_read_recursion3_hard_rlock_123: E1, E2, E3
const irq_read_recursion3_hard_rlock_123_A = defineLock("irq_read_recursion3_hard_rlock_123_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_123_B = defineLock("irq_read_recursion3_hard_rlock_123_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_123_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_123_B);
  lock(shared(irq_read_recursion3_hard_rlock_123_A));
  unlock(shared(irq_read_recursion3_hard_rlock_123_A));
  unlock(irq_read_recursion3_hard_rlock_123_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_123_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_123_A));
  unlock(shared(irq_read_recursion3_hard_rlock_123_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_123_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_123_B));
  unlock(shared(irq_read_recursion3_hard_rlock_123_B));
}

export function irq_read_recursion3_hard_rlock_123(): void {
  irq_read_recursion3_hard_rlock_123_e1();
  irq_read_recursion3_hard_rlock_123_e2();
  irq_read_recursion3_hard_rlock_123_e3();
}

// ---- irq_read_recursion3_hard_rlock_132: E1, E3, E2
const irq_read_recursion3_hard_rlock_132_A = defineLock("irq_read_recursion3_hard_rlock_132_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_132_B = defineLock("irq_read_recursion3_hard_rlock_132_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_132_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_132_B);
  lock(shared(irq_read_recursion3_hard_rlock_132_A));
  unlock(shared(irq_read_recursion3_hard_rlock_132_A));
  unlock(irq_read_recursion3_hard_rlock_132_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_132_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_132_A));
  unlock(shared(irq_read_recursion3_hard_rlock_132_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_132_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_132_B));
  unlock(shared(irq_read_recursion3_hard_rlock_132_B));
}

export function irq_read_recursion3_hard_rlock_132(): void {
  irq_read_recursion3_hard_rlock_132_e1();
  irq_read_recursion3_hard_rlock_132_e3();
  irq_read_recursion3_hard_rlock_132_e2();
}

// ---- irq_read_recursion3_hard_rlock_213: E2, E1, E3
const irq_read_recursion3_hard_rlock_213_A = defineLock("irq_read_recursion3_hard_rlock_213_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_213_B = defineLock("irq_read_recursion3_hard_rlock_213_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_213_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_213_B);
  lock(shared(irq_read_recursion3_hard_rlock_213_A));
  unlock(shared(irq_read_recursion3_hard_rlock_213_A));
  unlock(irq_read_recursion3_hard_rlock_213_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_213_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_213_A));
  unlock(shared(irq_read_recursion3_hard_rlock_213_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_213_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_213_B));
  unlock(shared(irq_read_recursion3_hard_rlock_213_B));
}

export function irq_read_recursion3_hard_rlock_213(): void {
  irq_read_recursion3_hard_rlock_213_e2();
  irq_read_recursion3_hard_rlock_213_e1();
  irq_read_recursion3_hard_rlock_213_e3();
}

// ---- irq_read_recursion3_hard_rlock_231: E2, E3, E1
const irq_read_recursion3_hard_rlock_231_A = defineLock("irq_read_recursion3_hard_rlock_231_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_231_B = defineLock("irq_read_recursion3_hard_rlock_231_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_231_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_231_B);
  lock(shared(irq_read_recursion3_hard_rlock_231_A));
  unlock(shared(irq_read_recursion3_hard_rlock_231_A));
  unlock(irq_read_recursion3_hard_rlock_231_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_231_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_231_A));
  unlock(shared(irq_read_recursion3_hard_rlock_231_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_231_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_231_B));
  unlock(shared(irq_read_recursion3_hard_rlock_231_B));
}

export function irq_read_recursion3_hard_rlock_231(): void {
  irq_read_recursion3_hard_rlock_231_e2();
  irq_read_recursion3_hard_rlock_231_e3();
  irq_read_recursion3_hard_rlock_231_e1();
}

// ---- irq_read_recursion3_hard_rlock_312: E3, E1, E2
const irq_read_recursion3_hard_rlock_312_A = defineLock("irq_read_recursion3_hard_rlock_312_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_312_B = defineLock("irq_read_recursion3_hard_rlock_312_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_312_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_312_B);
  lock(shared(irq_read_recursion3_hard_rlock_312_A));
  unlock(shared(irq_read_recursion3_hard_rlock_312_A));
  unlock(irq_read_recursion3_hard_rlock_312_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_312_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_312_A));
  unlock(shared(irq_read_recursion3_hard_rlock_312_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_312_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_312_B));
  unlock(shared(irq_read_recursion3_hard_rlock_312_B));
}

export function irq_read_recursion3_hard_rlock_312(): void {
  irq_read_recursion3_hard_rlock_312_e3();
  irq_read_recursion3_hard_rlock_312_e1();
  irq_read_recursion3_hard_rlock_312_e2();
}

// ---- irq_read_recursion3_hard_rlock_321: E3, E2, E1
const irq_read_recursion3_hard_rlock_321_A = defineLock("irq_read_recursion3_hard_rlock_321_A", { kind: "rwlock" });
const irq_read_recursion3_hard_rlock_321_B = defineLock("irq_read_recursion3_hard_rlock_321_B", { kind: "rwlock" });

// E1: local_irq_disable(); WL(B); LOCK(A); UNLOCK(A); WU(B); local_irq_enable()
function irq_read_recursion3_hard_rlock_321_e1(): void {
  localIrqDisable();
  lock(irq_read_recursion3_hard_rlock_321_B);
  lock(shared(irq_read_recursion3_hard_rlock_321_A));
  unlock(shared(irq_read_recursion3_hard_rlock_321_A));
  unlock(irq_read_recursion3_hard_rlock_321_B);
  localIrqEnable();
}

// E2: RL(A); RU(A)
function irq_read_recursion3_hard_rlock_321_e2(): void {
  lock(shared(irq_read_recursion3_hard_rlock_321_A));
  unlock(shared(irq_read_recursion3_hard_rlock_321_A));
}

/**
 * E3: HARDIRQ_ENTER(); RL(B); RU(B); HARDIRQ_EXIT()
 * @hardirq
 */
function irq_read_recursion3_hard_rlock_321_e3(): void {
  lock(shared(irq_read_recursion3_hard_rlock_321_B));
  unlock(shared(irq_read_recursion3_hard_rlock_321_B));
}

export function irq_read_recursion3_hard_rlock_321(): void {
  irq_read_recursion3_hard_rlock_321_e3();
  irq_read_recursion3_hard_rlock_321_e2();
  irq_read_recursion3_hard_rlock_321_e1();
}
