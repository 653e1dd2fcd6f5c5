// Softirq disabling is counted (the kernel's preempt count): lock(bh(A)); lock(bh(B));
// unlock(bh(B)) leaves softirqs off until unlock(bh(A)), and local_bh_disable() nests the same
// way. Softirq-unsafe needs hard interrupts and softirqs both enabled; a lock taken with only
// softirqs disabled is still hardirq-unsafe. Turning softirqs on (with hard interrupts on) while
// holding a lock taken with softirqs off makes that lock softirq-unsafe there. `soft_*` locks are
// made softirq-safe by the softirq handler, `hard_safe` hardirq-safe by the hardirq handler.
import { bh, defineLock, localBhDisable, localBhEnable, lock, unlock } from "lockorder";

declare function work(): void;

const aLock = defineLock("irq.bh_nesting.a", { kind: "spinlock" });
const bLock = defineLock("irq.bh_nesting.b", { kind: "spinlock" });
const heldOuter = defineLock("irq.bh_nesting.held_outer", { kind: "spinlock" });
const softNested = defineLock("irq.bh_nesting.soft_nested", { kind: "spinlock" });
const softCounted = defineLock("irq.bh_nesting.soft_counted", { kind: "spinlock" });
const softHeld = defineLock("irq.bh_nesting.soft_held", { kind: "spinlock" });
const softInner = defineLock("irq.bh_nesting.soft_inner", { kind: "spinlock" });
const hardSafe = defineLock("irq.bh_nesting.hard_safe", { kind: "spinlock" });

// the inner unlock(bh(B)) leaves softirqs off: soft_nested is not softirq-unsafe there; after
// unlock(bh(A)) it is
function nested_bh_locks(): void {
  lock(bh(aLock));
  lock(bh(bLock));
  unlock(bh(bLock));
  lock(softNested);
  unlock(softNested);
  unlock(bh(aLock));
  lock(softNested); // expect: irq-inconsistent-usage
  unlock(softNested);
}

// local_bh_disable() twice, enable once: still off
function counted_disable(): void {
  localBhDisable();
  localBhDisable();
  localBhEnable();
  lock(softCounted);
  unlock(softCounted);
  localBhEnable();
  lock(softCounted); // expect: irq-inconsistent-usage
  unlock(softCounted);
}

// soft_held, taken with softirqs off, is still held when unlock(bh(A)) turns them on
function unlock_bh_while_held(): void {
  lock(bh(heldOuter));
  lock(softHeld);
  unlock(bh(heldOuter)); // expect: irq-inconsistent-usage
  unlock(softHeld);
}

// the same with local_bh_enable(); the inner unlock(bh()) does not turn softirqs on
function bh_enable_while_held(): void {
  localBhDisable();
  lock(softInner);
  lock(bh(bLock));
  unlock(bh(bLock));
  localBhEnable(); // expect: irq-inconsistent-usage
  unlock(softInner);
}

// only softirqs disabled in process context: hardirq-unsafe
function bh_is_hardirq_unsafe(): void {
  lock(bh(hardSafe)); // expect: irq-inconsistent-usage
  work();
  unlock(bh(hardSafe));
}

/** @softirq */
function softHandler(): void {
  lock(softNested);
  unlock(softNested);
  lock(softCounted);
  unlock(softCounted);
  lock(softHeld);
  unlock(softHeld);
  lock(softInner);
  unlock(softInner);
}

/** @hardirq */
function handler(): void {
  lock(hardSafe);
  unlock(hardSafe);
}

export { handler, softHandler };
