// Interrupt modifiers composed with shared() and nested(), in any order. On an rwlock, read
// acquisitions are lockdep's -READ usages: a reader in hardirq context (IN-HARDIRQ-R) does not
// conflict with a reader taken with interrupts on (HARDIRQ-ON-R), it does with a writer
// (HARDIRQ-ON-W); a writer in hardirq context (IN-HARDIRQ-W) conflicts with both. nested(L, n)
// is its own class L/n, with its own usage.
import { defineLock, irq, irqsave, lock, nested, shared, unlock, withLock } from "lockorder";

declare function work(): void;

const readInIrq = defineLock("irq.modifiers.read_in_irq", { kind: "rwlock" });
const writeInIrq = defineLock("irq.modifiers.write_in_irq", { kind: "rwlock" });
const portLock = defineLock("irq.modifiers.port_lock", { kind: "spinlock" });

/** @hardirq */
function isr(): void {
  lock(shared(readInIrq)); // read_lock()
  unlock(shared(readInIrq));
  lock(writeInIrq); // write_lock()
  unlock(writeInIrq);
  lock(nested(portLock, 1)); // spin_lock_nested(&port->lock, 1)
  unlock(nested(portLock, 1));
}

// read_lock() with interrupts on against a reader in the handler: no conflict
function reader_irqs_on(): void {
  lock(shared(readInIrq));
  work();
  unlock(shared(readInIrq));
}

// write_lock() with interrupts on against a reader in the handler: conflict
function writer_irqs_on(): void {
  lock(readInIrq); // expect: irq-inconsistent-usage
  work();
  unlock(readInIrq);
}

// write_lock_irqsave(): clean
function writer_irqsave(): void {
  lock(irqsave(readInIrq));
  unlock(irqsave(readInIrq));
}

// read_lock_irqsave() in both orders of composition: clean
function reader_irqsave_both_orders(): void {
  lock(irqsave(shared(writeInIrq)));
  unlock(irqsave(shared(writeInIrq)));
  lock(shared(irqsave(writeInIrq)));
  unlock(shared(irqsave(writeInIrq)));
}

// read_lock() with interrupts on against a writer in the handler: conflict
function reader_against_irq_writer(): void {
  lock(shared(writeInIrq)); // expect: irq-inconsistent-usage
  unlock(shared(writeInIrq));
}

// read_lock_irq() through withLock: clean
function reader_with_lock_irq(): number {
  return withLock(irq(shared(writeInIrq)), () => 1);
}

// spin_lock_irqsave_nested() in both orders: clean
function nested_irqsave_both_orders(): void {
  lock(nested(irqsave(portLock), 1));
  unlock(nested(irqsave(portLock), 1));
  lock(irqsave(nested(portLock, 1)));
  unlock(irqsave(nested(portLock, 1)));
}

// nested(irq(L), 1): clean
function nested_irq(): void {
  lock(nested(irq(portLock), 1));
  work();
  unlock(nested(irq(portLock), 1));
}

// the base class port_lock is not the handler's port_lock/1: no conflict
function base_class_irqs_on(): void {
  lock(portLock);
  unlock(portLock);
}

// port_lock/1 with interrupts on: conflict
function nested_irqs_on(): void {
  lock(nested(portLock, 1)); // expect: irq-inconsistent-usage
  unlock(nested(portLock, 1));
}

export { isr, reader_irqs_on, writer_irqs_on, writer_irqsave, reader_irqsave_both_orders, reader_against_irq_writer, reader_with_lock_irq, nested_irqsave_both_orders, nested_irq, base_class_irqs_on, nested_irqs_on };
