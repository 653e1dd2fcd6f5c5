// Enabling interrupts while a lock taken with them disabled is still held makes that lock unsafe
// at the enabling site (lockdep marks the held locks as the state changes). The sites: the start
// of localIrqEnable() / localIrqRestore(...) / localBhEnable() and of a call to an @acquires(irq(L))
// or @releases(irq(L)) function, or the argument of unlock(irq(B)) / unlock(irqsave(B)) /
// unlock(bh(B)). The released lock itself is not held there. Every `held_*` lock is taken by the
// hardirq handler (hardirq-safe), `soft_held` by the softirq handler.
import {
  acquires, bh, defineLock, irq, irqsave, localBhDisable, localBhEnable, localIrqDisable, localIrqEnable,
  localIrqRestore, localIrqSave, lock, releases, unlock,
} from "lockorder";

declare function work(): void;

const bIrq = defineLock("irq.enable_while_held.b_irq", { kind: "spinlock" });
const bSave = defineLock("irq.enable_while_held.b_save", { kind: "spinlock" });
const bBh = defineLock("irq.enable_while_held.b_bh", { kind: "spinlock" });
const acqLock = defineLock("irq.enable_while_held.acq_lock", { kind: "spinlock" });
const relLock = defineLock("irq.enable_while_held.rel_lock", { kind: "spinlock" });
const heldUnlockIrq = defineLock("irq.enable_while_held.held_unlock_irq", { kind: "spinlock" });
const heldUnlockSave = defineLock("irq.enable_while_held.held_unlock_save", { kind: "spinlock" });
const heldEnable = defineLock("irq.enable_while_held.held_enable", { kind: "spinlock" });
const heldRestore = defineLock("irq.enable_while_held.held_restore", { kind: "spinlock" });
const heldInnerRestore = defineLock("irq.enable_while_held.held_inner_restore", { kind: "spinlock" });
const heldAcquiresCall = defineLock("irq.enable_while_held.held_acquires_call", { kind: "spinlock" });
const heldReleasesCall = defineLock("irq.enable_while_held.held_releases_call", { kind: "spinlock" });
const heldAlreadyOn = defineLock("irq.enable_while_held.held_already_on", { kind: "spinlock" });
const plainHeld = defineLock("irq.enable_while_held.plain_held", { kind: "spinlock" });
const softHeld = defineLock("irq.enable_while_held.soft_held", { kind: "spinlock" });

class Port {
  // spin_lock_irq() ... spin_unlock_irq() around the body: on return interrupts are on
  @acquires(irq(acqLock))
  static kick(): void {}

  // spin_unlock_irq() of a lock the caller took with spin_lock_irq()
  @releases(irq(relLock))
  static unlockPort(): void {}
}

// unlock(irq(B)) while A (taken with interrupts off) is held
function unlock_irq_while_held(): void {
  lock(irq(bIrq));
  lock(heldUnlockIrq);
  unlock(irq(bIrq)); // expect: irq-inconsistent-usage
  unlock(heldUnlockIrq);
}

// unlock(irqsave(B)) back to enabled while A is held
function unlock_irqsave_while_held(): void {
  lock(irqsave(bSave));
  lock(heldUnlockSave);
  unlock(irqsave(bSave)); // expect: irq-inconsistent-usage
  unlock(heldUnlockSave);
}

// local_irq_enable() while held
function enable_while_held(): void {
  localIrqDisable();
  lock(heldEnable);
  localIrqEnable(); // expect: irq-inconsistent-usage
  unlock(heldEnable);
}

// local_irq_restore() back to enabled while held
function restore_while_held(): void {
  const flags = localIrqSave();
  lock(heldRestore);
  localIrqRestore(flags); // expect: irq-inconsistent-usage
  unlock(heldRestore);
}

// an inner restore goes back to "disabled": nothing is enabled while held
function inner_restore_while_held(): void {
  localIrqDisable();
  const flags = localIrqSave();
  lock(heldInnerRestore);
  localIrqRestore(flags);
  unlock(heldInnerRestore);
  localIrqEnable();
}

// a call to an @acquires(irq(L)) function enables on its return
function acquires_irq_call_while_held(): void {
  localIrqDisable();
  lock(heldAcquiresCall);
  Port.kick(); // expect: irq-inconsistent-usage
  unlock(heldAcquiresCall);
}

// a call to a @releases(irq(L)) function enables
function releases_irq_call_while_held(): void {
  lock(irq(relLock));
  lock(heldReleasesCall);
  Port.unlockPort(); // expect: irq-inconsistent-usage
  unlock(heldReleasesCall);
}

// taken with interrupts on: unsafe at its acquisition, not again at the enable
function taken_enabled_then_enable(): void {
  lock(heldAlreadyOn); // expect: irq-inconsistent-usage
  localIrqDisable();
  work();
  localIrqEnable();
  unlock(heldAlreadyOn);
}

// a lock no interrupt takes: made unsafe, but nothing conflicts
function plain_lock_enabled_while_held(): void {
  localIrqDisable();
  lock(plainHeld);
  localIrqEnable();
  unlock(plainHeld);
}

// softirqs: unlock(bh(B)) with hard interrupts on while a lock taken with softirqs off is held
function unlock_bh_while_held(): void {
  lock(bh(bBh));
  lock(softHeld);
  unlock(bh(bBh)); // expect: irq-inconsistent-usage
  unlock(softHeld);
}

// local_bh_enable() while held: another site of the same lock, reported on its own
function bh_enable_while_held(): void {
  localBhDisable();
  lock(softHeld);
  localBhEnable(); // expect: irq-inconsistent-usage
  unlock(softHeld);
}

/** @hardirq */
function handler(): void {
  lock(heldUnlockIrq);
  unlock(heldUnlockIrq);
  lock(heldUnlockSave);
  unlock(heldUnlockSave);
  lock(heldEnable);
  unlock(heldEnable);
  lock(heldRestore);
  unlock(heldRestore);
  lock(heldInnerRestore);
  unlock(heldInnerRestore);
  lock(heldAcquiresCall);
  unlock(heldAcquiresCall);
  lock(heldReleasesCall);
  unlock(heldReleasesCall);
  lock(heldAlreadyOn);
  unlock(heldAlreadyOn);
}

/** @softirq */
function softHandler(): void {
  lock(softHeld);
  unlock(softHeld);
}

export { handler, softHandler };
