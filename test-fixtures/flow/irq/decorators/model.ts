// Interrupt modifiers in decorators. The design:
//   @acquires(irqsave(L))     the body runs with hard interrupts off; the state of before is
//                             restored at return
//   @acquires(irq(L))         the body runs with hard interrupts off; on return they are on
//   @requires(irq(L))         the body runs holding L with hard interrupts off
//   @returnsHolding(irq(L))   the caller holds L with hard interrupts off after the call
//   @releases(irq(L))         hard interrupts are on in the caller after the call
// and the contexts as decorators: @hardirq / @softirq on methods. Every `safe_*` lock is taken by
// Nic.isr (hardirq-safe); `dev_lock` is taken there too, so an acquisition of it by an annotation
// with interrupts enabled would be reported.
import { acquires, defineLock, hardirq, irq, irqsave, localIrqDisable, localIrqEnable, lock, releases, requires, returnsHolding, softirq, unlock } from "lockorder";

const devLock = defineLock("irq.decorators.dev_lock", { kind: "spinlock" });
const irqOnLock = defineLock("irq.decorators.irq_on_lock", { kind: "spinlock" });
const reqLock = defineLock("irq.decorators.req_lock", { kind: "spinlock" });
const retLock = defineLock("irq.decorators.ret_lock", { kind: "spinlock" });
const relLock = defineLock("irq.decorators.rel_lock", { kind: "spinlock" });
const safeSave = defineLock("irq.decorators.safe_save", { kind: "spinlock" });
const safeInSave = defineLock("irq.decorators.safe_in_save", { kind: "spinlock" });
const safeSaveOff = defineLock("irq.decorators.safe_save_off", { kind: "spinlock" });
const safeIrq = defineLock("irq.decorators.safe_irq", { kind: "spinlock" });
const safeReq = defineLock("irq.decorators.safe_req", { kind: "spinlock" });
const safeRet = defineLock("irq.decorators.safe_ret", { kind: "spinlock" });
const safeRel = defineLock("irq.decorators.safe_rel", { kind: "spinlock" });
const softSafe = defineLock("irq.decorators.soft_safe", { kind: "spinlock" });

class Nic {
  // spin_lock_irqsave(&dev_lock) around the body: interrupts off inside, no unsafe usage of
  // dev_lock (taken in the handler too) nor of safe_in_save (taken only here and in the handler,
  // so dev_lock -> safe_in_save joins two hardirq-safe locks)
  @acquires(irqsave(devLock))
  static updateStats(): void {
    lock(safeInSave);
    unlock(safeInSave);
  }

  // spin_lock_irq(&irq_on_lock) ... spin_unlock_irq(): off inside, on after
  @acquires(irq(irqOnLock))
  static resetRing(): void {
    lock(safeIrq);
    unlock(safeIrq);
  }

  // runs holding req_lock with interrupts off
  @requires(irq(reqLock))
  static refill(): void {
    lock(safeReq);
    unlock(safeReq);
  }

  // returns holding ret_lock with interrupts off
  @returnsHolding(irq(retLock))
  static lockRing(): void {
    lock(irq(retLock));
  }

  // spin_unlock_irq(&rel_lock)
  @releases(irq(relLock))
  static unlockRing(): void {
    unlock(irq(relLock));
  }

  @hardirq
  static isr(): void {
    lock(devLock);
    unlock(devLock);
    lock(safeSave);
    unlock(safeSave);
    lock(safeInSave);
    unlock(safeInSave);
    lock(safeSaveOff);
    unlock(safeSaveOff);
    lock(safeIrq);
    unlock(safeIrq);
    lock(safeReq);
    unlock(safeReq);
    lock(safeRet);
    unlock(safeRet);
    lock(safeRel);
    unlock(safeRel);
  }

  @softirq
  static txTimer(): void {
    lock(softSafe);
    unlock(softSafe);
  }
}

// @acquires(irqsave(L)) from process context: enabled again after the call
function irqsave_restores_enabled(): void {
  Nic.updateStats();
  lock(safeSave); // expect: irq-inconsistent-usage
  unlock(safeSave);
}

// @acquires(irqsave(L)) with interrupts already off: still off after the call
function irqsave_restores_disabled(): void {
  localIrqDisable();
  Nic.updateStats();
  lock(safeSaveOff);
  unlock(safeSaveOff);
  localIrqEnable();
}

// @acquires(irq(L)) with interrupts off before: on after the call
function irq_enables_after_call(): void {
  localIrqDisable();
  Nic.resetRing();
  lock(safeIrq); // expect: irq-inconsistent-usage
  unlock(safeIrq);
}

// @requires(irq(L)): the caller takes it with spin_lock_irq
function requires_irq_met(): void {
  lock(irq(reqLock));
  Nic.refill();
  unlock(irq(reqLock));
}

// @returnsHolding(irq(L)): off until the caller's unlock(irq(L))
function returns_holding_irq(): void {
  Nic.lockRing();
  lock(safeRet);
  unlock(safeRet);
  unlock(irq(retLock));
  lock(safeRet); // expect: irq-inconsistent-usage
  unlock(safeRet);
}

// @releases(irq(L)): on after the call
function releases_irq(): void {
  lock(irq(relLock));
  lock(safeRel);
  unlock(safeRel);
  Nic.unlockRing();
  lock(safeRel); // expect: irq-inconsistent-usage
  unlock(safeRel);
}

// a @softirq method makes soft_safe softirq-safe: taken here with everything enabled
function soft_unsafe(): void {
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

export { irqsave_restores_enabled, irqsave_restores_disabled, irq_enables_after_call, requires_irq_met, returns_holding_irq, releases_irq, soft_unsafe };
