/*
 * lockdep selftest, research note 1.11.4: "hard-safe-A + unsafe-B #2" (DO_TESTCASE_6x6),
 * kernel functions irqsafe4_hard_rlock_{123,132,213,231,312,321}, column `rlock`, hardirq.
 * LOCK = `lock(shared(L))` on `kind: "rwlock"` (read_lock, a recursive read).
 *   E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: S.
 *   The edge A -(SR)-> B starts from a shared holder (only a write safe usage of A
 *     would count: A is only hardirq-safe-READ) and ends in a recursive read (only a write
 *     unsafe usage of B would count: B is only hardirq-unsafe-READ): no diagnostic.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localIrqDisable, localIrqEnable, lock, shared, unlock } from "lockorder";

// ---- irqsafe4_hard_rlock_123: E1, E2, E3
const irqsafe4_hard_rlock_123_A = defineLock("irqsafe4_hard_rlock_123_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_123_B = defineLock("irqsafe4_hard_rlock_123_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_123_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_123_A));
  lock(shared(irqsafe4_hard_rlock_123_B));
  unlock(shared(irqsafe4_hard_rlock_123_B));
  unlock(shared(irqsafe4_hard_rlock_123_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_123_e2(): void {
  lock(shared(irqsafe4_hard_rlock_123_B));
  unlock(shared(irqsafe4_hard_rlock_123_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_123_e3(): void {
  lock(shared(irqsafe4_hard_rlock_123_A));
  unlock(shared(irqsafe4_hard_rlock_123_A));
}

export function irqsafe4_hard_rlock_123(): void {
  irqsafe4_hard_rlock_123_e1();
  irqsafe4_hard_rlock_123_e2();
  irqsafe4_hard_rlock_123_e3();
}

// ---- irqsafe4_hard_rlock_132: E1, E3, E2
const irqsafe4_hard_rlock_132_A = defineLock("irqsafe4_hard_rlock_132_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_132_B = defineLock("irqsafe4_hard_rlock_132_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_132_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_132_A));
  lock(shared(irqsafe4_hard_rlock_132_B));
  unlock(shared(irqsafe4_hard_rlock_132_B));
  unlock(shared(irqsafe4_hard_rlock_132_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_132_e2(): void {
  lock(shared(irqsafe4_hard_rlock_132_B));
  unlock(shared(irqsafe4_hard_rlock_132_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_132_e3(): void {
  lock(shared(irqsafe4_hard_rlock_132_A));
  unlock(shared(irqsafe4_hard_rlock_132_A));
}

export function irqsafe4_hard_rlock_132(): void {
  irqsafe4_hard_rlock_132_e1();
  irqsafe4_hard_rlock_132_e3();
  irqsafe4_hard_rlock_132_e2();
}

// ---- irqsafe4_hard_rlock_213: E2, E1, E3
const irqsafe4_hard_rlock_213_A = defineLock("irqsafe4_hard_rlock_213_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_213_B = defineLock("irqsafe4_hard_rlock_213_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_213_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_213_A));
  lock(shared(irqsafe4_hard_rlock_213_B));
  unlock(shared(irqsafe4_hard_rlock_213_B));
  unlock(shared(irqsafe4_hard_rlock_213_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_213_e2(): void {
  lock(shared(irqsafe4_hard_rlock_213_B));
  unlock(shared(irqsafe4_hard_rlock_213_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_213_e3(): void {
  lock(shared(irqsafe4_hard_rlock_213_A));
  unlock(shared(irqsafe4_hard_rlock_213_A));
}

export function irqsafe4_hard_rlock_213(): void {
  irqsafe4_hard_rlock_213_e2();
  irqsafe4_hard_rlock_213_e1();
  irqsafe4_hard_rlock_213_e3();
}

// ---- irqsafe4_hard_rlock_231: E2, E3, E1
const irqsafe4_hard_rlock_231_A = defineLock("irqsafe4_hard_rlock_231_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_231_B = defineLock("irqsafe4_hard_rlock_231_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_231_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_231_A));
  lock(shared(irqsafe4_hard_rlock_231_B));
  unlock(shared(irqsafe4_hard_rlock_231_B));
  unlock(shared(irqsafe4_hard_rlock_231_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_231_e2(): void {
  lock(shared(irqsafe4_hard_rlock_231_B));
  unlock(shared(irqsafe4_hard_rlock_231_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_231_e3(): void {
  lock(shared(irqsafe4_hard_rlock_231_A));
  unlock(shared(irqsafe4_hard_rlock_231_A));
}

export function irqsafe4_hard_rlock_231(): void {
  irqsafe4_hard_rlock_231_e2();
  irqsafe4_hard_rlock_231_e3();
  irqsafe4_hard_rlock_231_e1();
}

// ---- irqsafe4_hard_rlock_312: E3, E1, E2
const irqsafe4_hard_rlock_312_A = defineLock("irqsafe4_hard_rlock_312_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_312_B = defineLock("irqsafe4_hard_rlock_312_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_312_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_312_A));
  lock(shared(irqsafe4_hard_rlock_312_B));
  unlock(shared(irqsafe4_hard_rlock_312_B));
  unlock(shared(irqsafe4_hard_rlock_312_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_312_e2(): void {
  lock(shared(irqsafe4_hard_rlock_312_B));
  unlock(shared(irqsafe4_hard_rlock_312_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_312_e3(): void {
  lock(shared(irqsafe4_hard_rlock_312_A));
  unlock(shared(irqsafe4_hard_rlock_312_A));
}

export function irqsafe4_hard_rlock_312(): void {
  irqsafe4_hard_rlock_312_e3();
  irqsafe4_hard_rlock_312_e1();
  irqsafe4_hard_rlock_312_e2();
}

// ---- irqsafe4_hard_rlock_321: E3, E2, E1
const irqsafe4_hard_rlock_321_A = defineLock("irqsafe4_hard_rlock_321_A", { kind: "rwlock" });
const irqsafe4_hard_rlock_321_B = defineLock("irqsafe4_hard_rlock_321_B", { kind: "rwlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_rlock_321_e1(): void {
  localIrqDisable();
  lock(shared(irqsafe4_hard_rlock_321_A));
  lock(shared(irqsafe4_hard_rlock_321_B));
  unlock(shared(irqsafe4_hard_rlock_321_B));
  unlock(shared(irqsafe4_hard_rlock_321_A));
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_rlock_321_e2(): void {
  lock(shared(irqsafe4_hard_rlock_321_B));
  unlock(shared(irqsafe4_hard_rlock_321_B));
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_rlock_321_e3(): void {
  lock(shared(irqsafe4_hard_rlock_321_A));
  unlock(shared(irqsafe4_hard_rlock_321_A));
}

export function irqsafe4_hard_rlock_321(): void {
  irqsafe4_hard_rlock_321_e3();
  irqsafe4_hard_rlock_321_e2();
  irqsafe4_hard_rlock_321_e1();
}
