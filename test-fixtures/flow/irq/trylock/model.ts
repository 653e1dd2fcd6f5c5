// Trylocks and interrupt usage. A trylock in interrupt context does not make its lock safe (it
// never waits, so the interrupt cannot spin on it); a trylock with interrupts enabled is still an
// unsafe usage (the holder can be interrupted by a handler that spins). tryLock(irqsave(L)) is
// spin_trylock_irqsave: interrupts are off where it succeeded, and unlock(irqsave(L)) restores.
// `safe_*` locks are made hardirq-safe by the handler.
import { defineLock, irqsave, lock, tryLock, unlock } from "lockorder";

declare function work(): void;

const tryInIrq = defineLock("irq.trylock.try_in_irq", { kind: "spinlock" });
const tryInProcess = defineLock("irq.trylock.try_in_process", { kind: "spinlock" });
const trySave = defineLock("irq.trylock.try_save", { kind: "spinlock" });
const safeInside = defineLock("irq.trylock.safe_inside", { kind: "spinlock" });
const safeAfter = defineLock("irq.trylock.safe_after", { kind: "spinlock" });

/** @hardirq */
function isr(): void {
  if (tryLock(tryInIrq)) {
    work();
    unlock(tryInIrq);
  }
  lock(tryInProcess);
  unlock(tryInProcess);
  lock(trySave);
  unlock(trySave);
  lock(safeInside);
  unlock(safeInside);
  lock(safeAfter);
  unlock(safeAfter);
}

// the handler only trylocks it: taking it with interrupts on is fine
function lock_irqs_on(): void {
  lock(tryInIrq);
  work();
  unlock(tryInIrq);
}

// the handler spins on it: a trylock with interrupts on is unsafe
function trylock_irqs_on(): void {
  if (tryLock(tryInProcess)) { // expect: irq-inconsistent-usage
    work();
    unlock(tryInProcess);
  }
}

// spin_trylock_irqsave() of a lock the handler spins on: not an unsafe usage (interrupts are
// off); off while held, the state of before after the unlock. (The failure path returns with the
// disable "happening either way" and no lock held: not reported, see ../README.md.)
function trylock_irqsave(): number {
  if (!tryLock(irqsave(trySave))) return -16;
  lock(safeInside);
  unlock(safeInside);
  unlock(irqsave(trySave));
  lock(safeAfter); // expect: irq-inconsistent-usage
  unlock(safeAfter);
  return 0;
}

export { isr, lock_irqs_on, trylock_irqs_on, trylock_irqsave };
