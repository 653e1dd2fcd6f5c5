// The interrupt modifiers and contexts as JSDoc tags (SPEC 3: tag arguments are lock references
// resolved in the function's scope): `/** @acquires irqsave(L) */` and the others on function
// declarations, const arrows, const function expressions, object-literal methods and class
// methods; `/** @hardirq */` and `/** @softirq */` on the same forms. The meaning is the
// decorators' (../decorators). Every `safe_*` lock is hardirq-safe (taken by `isr`).
import { defineLock, irq, irqsave, localIrqDisable, lock, unlock } from "lockorder";

const saveLock = defineLock("irq.jsdoc.save_lock", { kind: "spinlock" });
const irqLock = defineLock("irq.jsdoc.irq_lock", { kind: "spinlock" });
const ringLock = defineLock("irq.jsdoc.ring_lock", { kind: "spinlock" });
const reqLock = defineLock("irq.jsdoc.req_lock", { kind: "spinlock" });
const safeSave = defineLock("irq.jsdoc.safe_save", { kind: "spinlock" });
const safeIrq = defineLock("irq.jsdoc.safe_irq", { kind: "spinlock" });
const safeRing = defineLock("irq.jsdoc.safe_ring", { kind: "spinlock" });
const safeReq = defineLock("irq.jsdoc.safe_req", { kind: "spinlock" });
const safeArrowIsr = defineLock("irq.jsdoc.safe_arrow_isr", { kind: "spinlock" });
const softSafe = defineLock("irq.jsdoc.soft_safe", { kind: "spinlock" });
const softMethod = defineLock("irq.jsdoc.soft_method", { kind: "spinlock" });

// function declaration: @acquires irqsave(L)
/** @acquires irqsave(saveLock) */
function statsUpdate(): void {}

function irqsave_tag(): void {
  statsUpdate();
  lock(safeSave); // expect: irq-inconsistent-usage
  unlock(safeSave);
}

// const arrow: @acquires irq(L); the body runs with interrupts off
/** @acquires irq(irqLock) */
const resetRing = (): void => {
  lock(safeIrq);
  unlock(safeIrq);
};

function irq_tag(): void {
  localIrqDisable();
  resetRing();
  lock(safeIrq); // expect: irq-inconsistent-usage
  unlock(safeIrq);
}

// const function expression: @returnsHolding irq(L); object-literal method: @releases irq(L)
/** @returnsHolding irq(ringLock) */
const lockRing = function (): void {
  lock(irq(ringLock));
};

const ringOps = {
  /** @releases irq(ringLock) */
  unlockRing(): void {
    unlock(irq(ringLock));
  },
};

function returns_holding_then_releases(): void {
  lockRing();
  lock(safeRing);
  unlock(safeRing);
  ringOps.unlockRing();
  lock(safeRing); // expect: irq-inconsistent-usage
  unlock(safeRing);
}

// class method: @requires irq(L)
class Refill {
  /** @requires irq(reqLock) */
  run(): void {
    lock(safeReq);
    unlock(safeReq);
  }
}

function requires_tag(r: Refill): void {
  lock(irq(reqLock));
  r.run();
  unlock(irq(reqLock));
}

// contexts: a hardirq handler as a const arrow, softirq handlers as an object-literal method
// and a class method
/** @hardirq */
const isr = (): void => {
  lock(safeSave);
  unlock(safeSave);
  lock(safeIrq);
  unlock(safeIrq);
  lock(safeRing);
  unlock(safeRing);
  lock(safeReq);
  unlock(safeReq);
  lock(safeArrowIsr);
  unlock(safeArrowIsr);
};

const timers = {
  /** @softirq */
  expire(): void {
    lock(softSafe);
    unlock(softSafe);
  },
};

class Tasklet {
  /** @softirq */
  run(): void {
    lock(softMethod);
    unlock(softMethod);
  }
}

// the const arrow handler's lock, taken with interrupts on
function arrow_isr_lock_unsafe(): void {
  lock(safeArrowIsr); // expect: irq-inconsistent-usage
  unlock(safeArrowIsr);
}

// the object-literal softirq's lock, taken with everything on
function object_softirq_lock_unsafe(): void {
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

// the class method softirq's lock, taken with hard interrupts off: not softirq-unsafe
function class_softirq_lock_irq(): void {
  lock(irq(softMethod));
  unlock(irq(softMethod));
}

export { irqsave_tag, irq_tag, returns_holding_then_releases, requires_tag, isr, timers, Tasklet, arrow_isr_lock_unsafe, object_softirq_lock_unsafe, class_softirq_lock_irq };
