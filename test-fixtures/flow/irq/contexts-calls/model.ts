// Contexts through calls. A function that is not an interrupt entry runs in the context and
// state of each of its call sites, checked per distinct state; its acquisition is the site of an
// unsafe usage when one of those states has the interrupt enabled, while the same acquisition
// reached from a handler makes the lock safe. One irq-inconsistent-usage per (site, lock), at the
// acquisition in the helper, none at the calls. A handler called directly from other code runs
// in its own context ("the interrupt arriving there").
import { bh, defineLock, irq, localBhDisable, localBhEnable, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";

declare function work(): void;

const statsLock = defineLock("irq.contexts_calls.stats_lock", { kind: "spinlock" });
const offLock = defineLock("irq.contexts_calls.off_lock", { kind: "spinlock" });
const leafLock = defineLock("irq.contexts_calls.leaf_lock", { kind: "spinlock" });
const softLock = defineLock("irq.contexts_calls.soft_lock", { kind: "spinlock" });
const directLock = defineLock("irq.contexts_calls.direct_lock", { kind: "spinlock" });
const mixedLock = defineLock("irq.contexts_calls.mixed_lock", { kind: "spinlock" });
const queueLock = defineLock("irq.contexts_calls.queue_lock", { kind: "spinlock" });

// called from the hardirq handler and from process context with interrupts on
function updateStats(): void {
  lock(statsLock); // expect: irq-inconsistent-usage
  work();
  unlock(statsLock);
}

// called from the hardirq handler and from process context with interrupts off only
function updateOff(): void {
  lock(offLock);
  unlock(offLock);
}

// two levels down
function leaf(): void {
  lock(leafLock); // expect: irq-inconsistent-usage
  unlock(leafLock);
}

function middle(): void {
  leaf();
}

// called from a softirq, from process context with softirqs off, and with everything on
function softHelper(): void {
  lock(softLock); // expect: irq-inconsistent-usage
  unlock(softLock);
}

// one helper, five states: hardirq, softirq (hard interrupts on), process on, process off,
// process with only softirqs off; still one diagnostic at its acquisition
function mixedHelper(): void {
  lock(mixedLock); // expect: irq-inconsistent-usage
  unlock(mixedLock);
}

/** @hardirq */
function isr(): void {
  updateStats();
  updateOff();
  middle();
  mixedHelper();
}

/** @softirq */
function rxSoftirq(): void {
  softHelper();
  mixedHelper();
}

// a hardirq handler that netpoll-style code calls directly
/** @hardirq */
function pollIsr(): void {
  lock(directLock);
  unlock(directLock);
}

function process_stats(): void {
  updateStats();
}

function process_off(): void {
  localIrqDisable();
  updateOff();
  mixedHelper();
  localIrqEnable();
}

function process_middle(): void {
  middle();
}

function process_soft_off(): void {
  localBhDisable();
  softHelper();
  localBhEnable();
}

function process_soft_on(): void {
  softHelper();
}

function process_mixed(): void {
  mixedHelper();
  lock(bh(queueLock));
  mixedHelper();
  unlock(bh(queueLock));
}

// calling the handler directly: it still runs in hardirq context, and direct_lock is taken with
// interrupts off everywhere else
function poll_controller(): void {
  pollIsr();
}

function process_direct(): void {
  lock(irq(directLock));
  unlock(irq(directLock));
}

export { isr, rxSoftirq, process_stats, process_off, process_middle, process_soft_off, process_soft_on, process_mixed, poll_controller, process_direct };
