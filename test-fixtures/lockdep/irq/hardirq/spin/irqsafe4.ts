/*
 * lockdep selftest, research note 1.11.4: "hard-safe-A + unsafe-B #2" (DO_TESTCASE_6x6),
 * kernel functions irqsafe4_hard_spin_{123,132,213,231,312,321}, column `spin`, hardirq.
 * LOCK = `lock(L)` on `kind: "spinlock"` (spin_lock).
 *   E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
 *   E2: LOCK(B); UNLOCK(B)
 *   E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * Form: free functions; the event in hardirq context (IRQ_ENTER ... IRQ_EXIT) is a function with
 * a JSDoc @hardirq tag, the others run in process context; IRQ_DISABLE/IRQ_ENABLE are
 * localIrqDisable()/localIrqEnable().
 *
 * Expected in every event order: F.
 *   E1 takes A and B with hardirqs off: no hardirq-unsafe usage there, and nothing is held at
 *     its localIrqEnable(). A is hardirq-safe (E3) and never hardirq-unsafe: its usage is consistent.
 *   E1's LOCK(B): the edge A -> B goes from hardirq-safe A to B, hardirq-unsafe (E2):
 *     irq-lock-inversion at the edge's site. E2 and E3: nothing.
 *
 * 6 event orders (123, 132, 213, 231, 312, 321); each has its own locks and its own event
 * functions, and a driver named after the kernel's test calls the events in that order, so one
 * order's verdict cannot hide another's.
 */
import { defineLock, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";

// ---- irqsafe4_hard_spin_123: E1, E2, E3
const irqsafe4_hard_spin_123_A = defineLock("irqsafe4_hard_spin_123_A", { kind: "spinlock" });
const irqsafe4_hard_spin_123_B = defineLock("irqsafe4_hard_spin_123_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_123_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_123_A);
  lock(irqsafe4_hard_spin_123_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_123_B);
  unlock(irqsafe4_hard_spin_123_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_123_e2(): void {
  lock(irqsafe4_hard_spin_123_B);
  unlock(irqsafe4_hard_spin_123_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_123_e3(): void {
  lock(irqsafe4_hard_spin_123_A);
  unlock(irqsafe4_hard_spin_123_A);
}

export function irqsafe4_hard_spin_123(): void {
  irqsafe4_hard_spin_123_e1();
  irqsafe4_hard_spin_123_e2();
  irqsafe4_hard_spin_123_e3();
}

// ---- irqsafe4_hard_spin_132: E1, E3, E2
const irqsafe4_hard_spin_132_A = defineLock("irqsafe4_hard_spin_132_A", { kind: "spinlock" });
const irqsafe4_hard_spin_132_B = defineLock("irqsafe4_hard_spin_132_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_132_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_132_A);
  lock(irqsafe4_hard_spin_132_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_132_B);
  unlock(irqsafe4_hard_spin_132_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_132_e2(): void {
  lock(irqsafe4_hard_spin_132_B);
  unlock(irqsafe4_hard_spin_132_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_132_e3(): void {
  lock(irqsafe4_hard_spin_132_A);
  unlock(irqsafe4_hard_spin_132_A);
}

export function irqsafe4_hard_spin_132(): void {
  irqsafe4_hard_spin_132_e1();
  irqsafe4_hard_spin_132_e3();
  irqsafe4_hard_spin_132_e2();
}

// ---- irqsafe4_hard_spin_213: E2, E1, E3
const irqsafe4_hard_spin_213_A = defineLock("irqsafe4_hard_spin_213_A", { kind: "spinlock" });
const irqsafe4_hard_spin_213_B = defineLock("irqsafe4_hard_spin_213_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_213_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_213_A);
  lock(irqsafe4_hard_spin_213_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_213_B);
  unlock(irqsafe4_hard_spin_213_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_213_e2(): void {
  lock(irqsafe4_hard_spin_213_B);
  unlock(irqsafe4_hard_spin_213_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_213_e3(): void {
  lock(irqsafe4_hard_spin_213_A);
  unlock(irqsafe4_hard_spin_213_A);
}

export function irqsafe4_hard_spin_213(): void {
  irqsafe4_hard_spin_213_e2();
  irqsafe4_hard_spin_213_e1();
  irqsafe4_hard_spin_213_e3();
}

// ---- irqsafe4_hard_spin_231: E2, E3, E1
const irqsafe4_hard_spin_231_A = defineLock("irqsafe4_hard_spin_231_A", { kind: "spinlock" });
const irqsafe4_hard_spin_231_B = defineLock("irqsafe4_hard_spin_231_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_231_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_231_A);
  lock(irqsafe4_hard_spin_231_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_231_B);
  unlock(irqsafe4_hard_spin_231_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_231_e2(): void {
  lock(irqsafe4_hard_spin_231_B);
  unlock(irqsafe4_hard_spin_231_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_231_e3(): void {
  lock(irqsafe4_hard_spin_231_A);
  unlock(irqsafe4_hard_spin_231_A);
}

export function irqsafe4_hard_spin_231(): void {
  irqsafe4_hard_spin_231_e2();
  irqsafe4_hard_spin_231_e3();
  irqsafe4_hard_spin_231_e1();
}

// ---- irqsafe4_hard_spin_312: E3, E1, E2
const irqsafe4_hard_spin_312_A = defineLock("irqsafe4_hard_spin_312_A", { kind: "spinlock" });
const irqsafe4_hard_spin_312_B = defineLock("irqsafe4_hard_spin_312_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_312_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_312_A);
  lock(irqsafe4_hard_spin_312_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_312_B);
  unlock(irqsafe4_hard_spin_312_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_312_e2(): void {
  lock(irqsafe4_hard_spin_312_B);
  unlock(irqsafe4_hard_spin_312_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_312_e3(): void {
  lock(irqsafe4_hard_spin_312_A);
  unlock(irqsafe4_hard_spin_312_A);
}

export function irqsafe4_hard_spin_312(): void {
  irqsafe4_hard_spin_312_e3();
  irqsafe4_hard_spin_312_e1();
  irqsafe4_hard_spin_312_e2();
}

// ---- irqsafe4_hard_spin_321: E3, E2, E1
const irqsafe4_hard_spin_321_A = defineLock("irqsafe4_hard_spin_321_A", { kind: "spinlock" });
const irqsafe4_hard_spin_321_B = defineLock("irqsafe4_hard_spin_321_B", { kind: "spinlock" });

// E1: local_irq_disable(); LOCK(A); LOCK(B); UNLOCK(B); UNLOCK(A); local_irq_enable()
function irqsafe4_hard_spin_321_e1(): void {
  localIrqDisable();
  lock(irqsafe4_hard_spin_321_A);
  lock(irqsafe4_hard_spin_321_B); // expect: irq-lock-inversion
  unlock(irqsafe4_hard_spin_321_B);
  unlock(irqsafe4_hard_spin_321_A);
  localIrqEnable();
}

// E2: LOCK(B); UNLOCK(B)
function irqsafe4_hard_spin_321_e2(): void {
  lock(irqsafe4_hard_spin_321_B);
  unlock(irqsafe4_hard_spin_321_B);
}

/**
 * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()
 * @hardirq
 */
function irqsafe4_hard_spin_321_e3(): void {
  lock(irqsafe4_hard_spin_321_A);
  unlock(irqsafe4_hard_spin_321_A);
}

export function irqsafe4_hard_spin_321(): void {
  irqsafe4_hard_spin_321_e3();
  irqsafe4_hard_spin_321_e2();
  irqsafe4_hard_spin_321_e1();
}
