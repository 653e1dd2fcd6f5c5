// Near miss of sleep-in-atomic: srcu_read_lock() never blocks, so an SRCU read section may start
// under a spinning lock (only synchronize_srcu() sleeps; see sleep-in-atomic-srcu-synchronize-under-spinlock).
// virt/kvm/eventfd.c irqfd_wakeup() is a wait-queue callback: eventfd_signal() calls it through
// wake_up_locked_poll() with the eventfd's wait-queue spinlock held, and it enters kvm->irq_srcu
// to deliver the interrupt (kvm_arch_set_irq_inatomic()).
import { defineLock, lock, requires, shared, unlock } from "lockorder";

export const wqhLock = defineLock("eventfd_ctx->wqh.lock", { kind: "spinlock" });
export const irqSrcu = defineLock("kvm->irq_srcu", { kind: "srcu" });

export class Irqfd {
  // irqfd_wakeup(): runs with ctx->wqh.lock held; idx = srcu_read_lock(&kvm->irq_srcu); ...;
  // srcu_read_unlock(&kvm->irq_srcu, idx)
  @requires(wqhLock)
  wakeup(): void {
    lock(shared(irqSrcu));
    this.kvmArchSetIrqInatomic();
    unlock(shared(irqSrcu));
  }

  kvmArchSetIrqInatomic(): void {}
}

// eventfd_signal(): spin_lock_irqsave(&ctx->wqh.lock); wake_up_locked_poll() -> irqfd_wakeup()
export function eventfdSignal(irqfd: Irqfd): void {
  lock(wqhLock);
  irqfd.wakeup();
  unlock(wqhLock);
}

// The same read section opened directly under the spinlock, nested twice.
export function readUnderSpinlock(): void {
  lock(wqhLock);
  lock(shared(irqSrcu));
  lock(shared(irqSrcu));
  unlock(shared(irqSrcu));
  unlock(shared(irqSrcu));
  unlock(wqhLock);
}
