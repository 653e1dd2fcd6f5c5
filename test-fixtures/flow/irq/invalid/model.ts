// Interrupt modifiers on sleeping or wait kinds (mutex, rwsem, completion, srcu) are
// invalid-annotation at the offending argument, and the reference is skipped: nothing is
// acquired or released there, and the interrupt state does not change. `safe` is hardirq-safe.
// `irq(m)` for `m: Lock<"mutex">` does not compile (lockorder.ts), so the references here are
// the forms the types cannot tell apart: display names and a plain `Lock`.
import { acquires, bh, defineLock, guard, irq, irqsave, lock, requires, shared, tryLock, unlock, withLock, type Lock } from "lockorder";

declare function work(): void;

const mutexLock = defineLock("irq.invalid.mutex");
const rwsemLock = defineLock("irq.invalid.rwsem", { kind: "rwsem" });
const doneLock = defineLock("irq.invalid.done", { kind: "completion" });
const srcuLock = defineLock("irq.invalid.srcu", { kind: "srcu" });
const safe = defineLock("irq.invalid.safe", { kind: "spinlock" });
const anyMutex: Lock = mutexLock;

// irq(mutex): both references skipped, so no unlock-not-held either
function irq_on_mutex(): void {
  lock(irq(anyMutex)); // expect: invalid-annotation
  work();
  unlock(irq(anyMutex)); // expect: invalid-annotation
}

// irqsave(rwsem): skipped, so interrupts were not disabled and `safe` is taken with them on
function irqsave_on_rwsem(): void {
  lock(irqsave("irq.invalid.rwsem")); // expect: invalid-annotation
  lock(safe); // expect: irq-inconsistent-usage
  unlock(safe);
  unlock(irqsave("irq.invalid.rwsem")); // expect: invalid-annotation
}

// composed with shared(): still a sleeping kind
function bh_shared_rwsem(): void {
  lock(shared(bh("irq.invalid.rwsem"))); // expect: invalid-annotation
  unlock(shared(bh("irq.invalid.rwsem"))); // expect: invalid-annotation
}

// srcu read with irq(): invalid
function irq_on_srcu(): void {
  lock(shared(irq("irq.invalid.srcu"))); // expect: invalid-annotation
  unlock(shared(irq("irq.invalid.srcu"))); // expect: invalid-annotation
}

// withLock, guard and tryLock arguments
function other_primitives(): void {
  withLock(irq("irq.invalid.mutex"), () => work()); // expect: invalid-annotation
  {
    using g = guard(bh("irq.invalid.done")); // expect: invalid-annotation
    work();
  }
  if (tryLock(irqsave(anyMutex))) { // expect: invalid-annotation
    work();
  }
}

class Dev {
  // a decorator argument: the method acquires nothing
  @acquires(irq("irq.invalid.mutex")) // expect: invalid-annotation
  static reset(): void {}
}

// calling it twice in a row is no recursive-lock: nothing was acquired
function call_reset_twice(): void {
  Dev.reset();
  Dev.reset();
}

/** @requires irqsave(mutexLock) */ // expect: invalid-annotation
function needsMutexIrqsave(): void {}

// the skipped requirement is not checked at the call
function call_needs(): void {
  needsMutexIrqsave();
}

/** @hardirq */
function isr(): void {
  lock(safe);
  unlock(safe);
}

export { irq_on_mutex, irqsave_on_rwsem, bh_shared_rwsem, irq_on_srcu, other_primitives, call_reset_twice, call_needs, isr, requires };
