/*
 * lockdep selftest, research note 1.11.4: "hardirq_unsafe_softirq_safe", kernel function
 * hardirq_deadlock_softirq_not_deadlock() (LOCKTYPE_SPECIAL), expected F.
 *
 * One function, as in the kernel; HARDIRQ_ENTER ... HARDIRQ_EXIT and SOFTIRQ_ENTER ...
 * SOFTIRQ_EXIT are calls to a JSDoc @hardirq and a JSDoc @softirq function at those points.
 *
 * Usages (hardirq / softirq):
 *   mutex_A: hardirq-unsafe and softirq-unsafe (taken in process context with everything on).
 *   lock_A:  hardirq-safe (in the hardirq handler); every other acquisition is made with hard
 *            irqs off, so it is never unsafe.
 *   lock_B, lock_C: only ever taken with hard irqs off: no usage.
 *   lock_D:  softirq-safe (in the softirq handler) and hardirq-unsafe (taken with only softirqs
 *            off; the softirq handler also runs with hard irqs on). Never softirq-unsafe.
 * Edges: mutex_A -> lock_C, lock_A -> lock_B, lock_B -> lock_C, lock_C -> lock_D.
 *
 * lock_A -> lock_B -> lock_C -> lock_D leads from hardirq-safe lock_A to hardirq-unsafe lock_D
 * over three edges: irq-lock-inversion at the site of each of them. mutex_A -> lock_C -> lock_D
 * leads from a softirq-unsafe lock to a softirq-safe one, which is legal in that direction, and
 * mutex_A is not hardirq-safe: its edge gets nothing. No lock is both safe and unsafe for the
 * same interrupt: no irq-inconsistent-usage.
 */
import { defineLock, localBhDisable, localBhEnable, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";

const mutex_A = defineLock("special_mutex_A");
const lock_A = defineLock("special_lock_A", { kind: "spinlock" });
const lock_B = defineLock("special_lock_B", { kind: "spinlock" });
const lock_C = defineLock("special_lock_C", { kind: "spinlock" });
const lock_D = defineLock("special_lock_D", { kind: "spinlock" });

/** @hardirq */
function lock_A_in_hardirq(): void {
  lock(lock_A);
  unlock(lock_A);
}

/** @softirq */
function lock_D_in_softirq(): void {
  lock(lock_D);
  unlock(lock_D);
}

export function hardirq_deadlock_softirq_not_deadlock(): void {
  // the mutex, taken with everything enabled, then lock_C under it with hard irqs off
  lock(mutex_A);
  localIrqDisable();
  lock(lock_C);
  unlock(lock_C);
  localIrqEnable();
  unlock(mutex_A);

  // the hard interrupt takes lock_A
  lock_A_in_hardirq();

  // edge lock_A -> lock_B, hard irqs off
  localIrqDisable();
  lock(lock_A);
  lock(lock_B); // expect: irq-lock-inversion
  unlock(lock_B);
  unlock(lock_A);
  localIrqEnable();

  // edge lock_B -> lock_C, hard irqs off
  localIrqDisable();
  lock(lock_B);
  lock(lock_C); // expect: irq-lock-inversion
  unlock(lock_C);
  unlock(lock_B);
  localIrqEnable();

  // the softirq takes lock_D
  lock_D_in_softirq();

  // lock_D with only softirqs off: hard irqs are on
  localBhDisable();
  lock(lock_D);
  unlock(lock_D);
  localBhEnable();

  // edge lock_C -> lock_D, hard irqs off: it closes the hardirq-safe -> hardirq-unsafe chain
  // from lock_A; the chain from mutex_A reaches a softirq-safe lock from a softirq-unsafe one
  localIrqDisable();
  lock(lock_C);
  lock(lock_D); // expect: irq-lock-inversion
  unlock(lock_D);
  unlock(lock_C);
  localIrqEnable();
}
