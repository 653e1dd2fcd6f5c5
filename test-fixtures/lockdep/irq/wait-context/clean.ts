/*
 * lockdep's wait-context table (research note 1.11.6), the allowed ("o") entries, and the
 * interrupt state coming back on. Nothing here may be reported:
 *  - spinning locks (spinlock, rwlock for writing and for reading) in hardirq and softirq
 *    handlers (HARDIRQ/SOFTIRQ x SPIN: Lockorder's spinlock never sleeps, as without PREEMPT_RT);
 *  - an srcu read (srcu_read_lock never blocks) and entering a completion's region (complete()
 *    is called from interrupt handlers) in a hardirq handler;
 *  - sleeping acquisitions and waits in process context with everything enabled (MUTEX x MUTEX);
 *  - a mutex after the interrupt state is restored: local_irq_enable (one enable after two
 *    disables: local_irq_disable does not nest), local_bh_enable, local_irq_restore,
 *    spin_unlock_irq, spin_unlock_irqrestore, spin_unlock_bh.
 * Each lock is used by one case only and none is taken both in an interrupt handler and with
 * that interrupt enabled, so there is no irq diagnostic either.
 */
import {
  bh,
  defineLock,
  hardirq,
  irq,
  irqsave,
  localBhDisable,
  localBhEnable,
  localIrqDisable,
  localIrqEnable,
  localIrqRestore,
  localIrqSave,
  lock,
  shared,
  unlock,
  waitFor,
} from "lockorder";

// ---- spinning locks, srcu reads and completion regions in a hardirq handler (decorators)
const ok_hard_spin = defineLock("wc_ok_hard_spin", { kind: "spinlock" });
const ok_hard_rw_write = defineLock("wc_ok_hard_rw_write", { kind: "rwlock" });
const ok_hard_rw_read = defineLock("wc_ok_hard_rw_read", { kind: "rwlock" });
const ok_hard_srcu = defineLock("wc_ok_hard_srcu", { kind: "srcu" });
const ok_hard_done = defineLock("wc_ok_hard_done", { kind: "completion" });

export class CleanHardirqHandlers {
  @hardirq
  spinlock(): void {
    lock(ok_hard_spin);
    unlock(ok_hard_spin);
  }

  @hardirq
  rwlockWrite(): void {
    lock(ok_hard_rw_write);
    unlock(ok_hard_rw_write);
  }

  @hardirq
  rwlockRead(): void {
    lock(shared(ok_hard_rw_read));
    unlock(shared(ok_hard_rw_read));
  }

  @hardirq
  srcuRead(): void {
    lock(shared(ok_hard_srcu));
    unlock(shared(ok_hard_srcu));
  }

  // the work a completion's waiters wait for, finished in the interrupt handler
  @hardirq
  completionRegion(): void {
    lock(ok_hard_done);
    unlock(ok_hard_done);
  }
}

// ---- spinning locks in a softirq handler (JSDoc)
const ok_soft_spin = defineLock("wc_ok_soft_spin", { kind: "spinlock" });
const ok_soft_rw_write = defineLock("wc_ok_soft_rw_write", { kind: "rwlock" });
const ok_soft_rw_read = defineLock("wc_ok_soft_rw_read", { kind: "rwlock" });

/** @softirq */
export function softirq_spinning_locks(): void {
  lock(ok_soft_spin);
  unlock(ok_soft_spin);
  lock(ok_soft_rw_write);
  unlock(ok_soft_rw_write);
  lock(shared(ok_soft_rw_read));
  unlock(shared(ok_soft_rw_read));
}

// ---- process context, everything enabled
const ok_mutex = defineLock("wc_ok_mutex");
const ok_wsem = defineLock("wc_ok_wsem", { kind: "rwsem" });
const ok_rsem = defineLock("wc_ok_rsem", { kind: "rwsem" });
const ok_done = defineLock("wc_ok_done", { kind: "completion" });

export function process_context(): void {
  lock(ok_mutex);
  unlock(ok_mutex);
  lock(ok_wsem);
  unlock(ok_wsem);
  lock(shared(ok_rsem));
  unlock(shared(ok_rsem));
  waitFor(ok_done);
}

// ---- the state restored before the sleep
const after_irq_enable_mutex = defineLock("wc_after_irq_enable_mutex");
const after_two_disables_mutex = defineLock("wc_after_two_disables_mutex");
const after_bh_enable_mutex = defineLock("wc_after_bh_enable_mutex");
const after_restore_mutex = defineLock("wc_after_restore_mutex");
const restore_spin_irq = defineLock("wc_restore_spin_irq", { kind: "spinlock" });
const after_unlock_irq_mutex = defineLock("wc_after_unlock_irq_mutex");
const restore_spin_irqsave = defineLock("wc_restore_spin_irqsave", { kind: "spinlock" });
const after_unlock_irqrestore_mutex = defineLock("wc_after_unlock_irqrestore_mutex");
const restore_spin_bh = defineLock("wc_restore_spin_bh", { kind: "spinlock" });
const after_unlock_bh_mutex = defineLock("wc_after_unlock_bh_mutex");

export function after_irq_enable(): void {
  localIrqDisable();
  localIrqEnable();
  lock(after_irq_enable_mutex);
  unlock(after_irq_enable_mutex);
}

export function after_two_irq_disables_one_enable(): void {
  localIrqDisable();
  localIrqDisable();
  localIrqEnable();
  lock(after_two_disables_mutex);
  unlock(after_two_disables_mutex);
}

export function after_bh_enable(): void {
  localBhDisable();
  localBhEnable();
  lock(after_bh_enable_mutex);
  unlock(after_bh_enable_mutex);
}

export function after_irq_restore(): void {
  const flags = localIrqSave();
  localIrqRestore(flags);
  lock(after_restore_mutex);
  unlock(after_restore_mutex);
}

export function after_spin_unlock_irq(): void {
  lock(irq(restore_spin_irq));
  unlock(irq(restore_spin_irq));
  lock(after_unlock_irq_mutex);
  unlock(after_unlock_irq_mutex);
}

export function after_spin_unlock_irqrestore(): void {
  lock(irqsave(restore_spin_irqsave));
  unlock(irqsave(restore_spin_irqsave));
  lock(after_unlock_irqrestore_mutex);
  unlock(after_unlock_irqrestore_mutex);
}

export function after_spin_unlock_bh(): void {
  lock(bh(restore_spin_bh));
  unlock(bh(restore_spin_bh));
  lock(after_unlock_bh_mutex);
  unlock(after_unlock_bh_mutex);
}
