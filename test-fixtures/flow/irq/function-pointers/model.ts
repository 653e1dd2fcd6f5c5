// Contexts through function pointers (SPEC 4.3: a call through a property or variable of
// function type reaches every function assigned to it, through ops tables, local copies,
// arrays and parameters). The handler calls its callbacks through those; each callback's lock
// becomes hardirq-safe, and an acquisition of it with interrupts on elsewhere is reported there.
import { defineLock, irq, lock, unlock } from "lockorder";

type Callback = () => void;

const rxLock = defineLock("irq.function_pointers.rx_lock", { kind: "spinlock" });
const txLock = defineLock("irq.function_pointers.tx_lock", { kind: "spinlock" });
const vecALock = defineLock("irq.function_pointers.vec_a_lock", { kind: "spinlock" });
const vecBLock = defineLock("irq.function_pointers.vec_b_lock", { kind: "spinlock" });
const cbLock = defineLock("irq.function_pointers.cb_lock", { kind: "spinlock" });

function rxDone(): void {
  lock(rxLock);
  unlock(rxLock);
}

function txDone(): void {
  lock(txLock);
  unlock(txLock);
}

function vecA(): void {
  lock(vecALock);
  unlock(vecALock);
}

function vecB(): void {
  lock(vecBLock);
  unlock(vecBLock);
}

// registered as a callback (hardirq-safe through the handler) and called directly (unsafe)
function completion(): void {
  lock(cbLock); // expect: irq-inconsistent-usage
  unlock(cbLock);
}

// an ops table, an array of vectors, a callback stored through a parameter
const ops: { rx: Callback; tx: Callback } = { rx: rxDone, tx: txDone };
const vectors: Callback[] = [vecA, vecB];
const registered: { cb: Callback | null } = { cb: null };

function registerCallback(cb: Callback): void {
  registered.cb = cb;
}

/** @hardirq */
function isr(n: number): void {
  ops.rx();
  const tx = ops.tx; // a local copy
  tx();
  vectors[n % 2]();
  registered.cb?.();
}

function probe(): void {
  registerCallback(completion);
}

// rx_lock taken with interrupts on: unsafe
function reset_rx(): void {
  lock(rxLock); // expect: irq-inconsistent-usage
  unlock(rxLock);
}

// tx_lock with spin_lock_irq: clean
function reset_tx(): void {
  lock(irq(txLock));
  unlock(irq(txLock));
}

// the second vector's lock, unsafe
function vec_b_process(): void {
  lock(vecBLock); // expect: irq-inconsistent-usage
  unlock(vecBLock);
}

// the callback called directly from process context: its acquisition is the unsafe site
function complete_directly(): void {
  completion();
}

export { isr, probe, reset_rx, reset_tx, vec_b_process, complete_directly };
