// sleep-in-atomic: synchronize_srcu() sleeps until every reader has left, so waiting for an SRCU
// domain under a spinning lock is a sleep in atomic context, reported at waitFor's argument (the
// read side may run there: sleep-in-atomic-ok-srcu-read-under-spinlock).
// kvm_set_irq_routing() (virt/kvm/irqchip.c) publishes the new routing under kvm->irq_lock and
// waits for the readers of kvm->irq_srcu (irqfd_wakeup(), under the eventfd's wait-queue spinlock)
// after dropping it. The broken variant waits from inside a wait-queue callback.
import { defineLock, lock, requires, unlock, waitFor } from "lockorder";

export const wqhLock = defineLock("eventfd_ctx->wqh.lock", { kind: "spinlock" });
export const irqLock = defineLock("kvm->irq_lock");
export const irqSrcu = defineLock("kvm->irq_srcu", { kind: "srcu" });

// kvm_set_irq_routing(): mutex_lock(&kvm->irq_lock); rcu_assign_pointer(kvm->irq_routing, new);
// mutex_unlock(&kvm->irq_lock); synchronize_srcu_expedited(&kvm->irq_srcu)
export function kvmSetIrqRouting(): void {
  lock(irqLock);
  unlock(irqLock);
  waitFor(irqSrcu);
}

export class IrqfdBroken {
  // A wake-up callback that waits for the old routing's readers: it runs with ctx->wqh.lock held.
  @requires(wqhLock)
  wakeup(): void {
    waitFor(irqSrcu); // expect: sleep-in-atomic
  }
}

// The same wait with the spinlock taken in the body.
export function waitUnderSpinlock(): void {
  lock(wqhLock);
  waitFor(irqSrcu); // expect: sleep-in-atomic
  unlock(wqhLock);
}
