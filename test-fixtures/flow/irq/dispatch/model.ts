// Contexts through dispatch (SPEC 4.3: a call through an interface or abstract method reaches
// every implementation). The handler's call through the interface runs both implementations in
// hardirq context; each implementation is also called directly from process code, one with
// interrupts on (its lock is unsafe there: reported at its acquisition), one with them off.
import { defineLock, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

const fastLock = defineLock("irq.dispatch.fast_lock", { kind: "spinlock" });
const slowLock = defineLock("irq.dispatch.slow_lock", { kind: "spinlock" });
const portLock = defineLock("irq.dispatch.port_lock", { kind: "spinlock" });

interface RxOps {
  rx(budget: number): number;
}

class FastRx implements RxOps {
  rx(budget: number): number {
    lock(fastLock); // expect: irq-inconsistent-usage
    unlock(fastLock);
    return budget;
  }
}

class SlowRx implements RxOps {
  rx(budget: number): number {
    lock(slowLock);
    unlock(slowLock);
    return budget - 1;
  }
}

// the hardirq handler calls through the interface: both implementations run in hardirq context
/** @hardirq */
function rxIrq(ops: RxOps): void {
  ops.rx(16);
}

function process_fast(f: FastRx): void {
  f.rx(64);
}

function process_slow(s: SlowRx): void {
  const flags = localIrqSave();
  s.rx(64);
  localIrqRestore(flags);
}

// an abstract method reached through `this` from a softirq and from process code
abstract class Port {
  protected abstract tx(): void;
  kick(): void {
    this.tx();
  }
}

class SerialPort extends Port {
  protected tx(): void {
    lock(portLock); // expect: irq-inconsistent-usage
    unlock(portLock);
  }
}

/** @softirq */
function txSoftirq(p: Port): void {
  p.kick();
}

function process_kick(p: SerialPort): void {
  p.kick();
}

export { FastRx, SlowRx, rxIrq, process_fast, process_slow, SerialPort, txSoftirq, process_kick };
