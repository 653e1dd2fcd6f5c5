// Interrupt modifiers and contexts used wrongly (docs/annotations.md#interrupt-contexts): each bad
// reference or annotation is reported and skipped, and the rest of the model is still analysed.
import { acquires, bh, defineLock, hardirq, irq, irqsave, lock, nested, shared, softirq, unlock } from "lockorder";

const devLock = defineLock("dev->lock", { kind: "spinlock" });
const cfgMutex = defineLock("dev->cfg_mutex");
const statsRw = defineLock("dev->stats_lock", { kind: "rwlock" });
const hookSem = defineLock("dev->hook_rwsem", { kind: "rwsem" });

export class Dev {
  // The kernel has spin_lock_irq, no mutex_lock_irq: the types refuse it, and the checker too.
  // @ts-expect-error: irq() takes a spinlock or an rwlock
  @acquires(irq(cfgMutex)) // expect: invalid-annotation
  configure(): void {}

  // A display name is not typed: only the checker can say it names an rw_semaphore.
  @acquires(irqsave("dev->hook_rwsem")) // expect: invalid-annotation
  hook(): void {}

  @hardirq
  @softirq // expect: invalid-annotation
  both(): void {
    lock(devLock);
    unlock(devLock);
  }

  // @ts-expect-error: @hardirq takes no arguments
  @hardirq(1) // expect: invalid-annotation
  called(): void {}
}

export function twice(): void {
  lock(irq(irqsave(devLock))); // expect: invalid-annotation
  lock(bh(shared(hookSem))); // expect: invalid-annotation
  // Composed in either order with shared() and nested(): read_lock_irqsave, spin_lock_irq of a subclass.
  lock(irqsave(shared(statsRw)));
  unlock(irqsave(shared(statsRw)));
  lock(shared(irqsave(statsRw)));
  unlock(shared(irqsave(statsRw)));
  lock(nested(irq(devLock), 1));
  unlock(nested(irq(devLock), 1));
}
