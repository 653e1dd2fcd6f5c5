/*
 * lockdep's wait-context table (research note 1.11.6), column MUTEX, outer contexts in process
 * context: with hard interrupts disabled, with softirqs disabled, under a spinlock (the SPIN row,
 * the existing spinning-lock rule), under spin_lock_irq (spinlock held and hard irqs off: one
 * diagnostic per site, in the spinlock wording) and under spin_lock_bh / local_irq_save.
 *
 * Sites: at the acquisition when the function that disabled interrupts (or holds the spinlock)
 * makes it itself; at the call in that function when a helper makes it (the helper's own line
 * gets nothing: it is reached only from there).
 * Every case has its own locks; none is ever taken in an interrupt handler, so none is
 * irq-safe (no irq diagnostics).
 */
import {
  bh,
  defineLock,
  irq,
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

// ---- hard interrupts disabled: local_irq_disable()
const irqoff_mutex = defineLock("wc_irqoff_mutex");
const irqoff_wsem = defineLock("wc_irqoff_wsem", { kind: "rwsem" });
const irqoff_rsem = defineLock("wc_irqoff_rsem", { kind: "rwsem" });
const irqoff_done = defineLock("wc_irqoff_done", { kind: "completion" });
const irqoff_helper_mutex = defineLock("wc_irqoff_helper_mutex");

export function irqs_disabled(): void {
  localIrqDisable();
  lock(irqoff_mutex); // expect: sleep-in-atomic
  unlock(irqoff_mutex);
  lock(irqoff_wsem); // expect: sleep-in-atomic
  unlock(irqoff_wsem);
  lock(shared(irqoff_rsem)); // expect: sleep-in-atomic
  unlock(shared(irqoff_rsem));
  waitFor(irqoff_done); // expect: sleep-in-atomic
  localIrqEnable();
}

function irqoff_helper(): void {
  lock(irqoff_helper_mutex);
  unlock(irqoff_helper_mutex);
}

export function irqs_disabled_call(): void {
  localIrqDisable();
  irqoff_helper(); // expect: sleep-in-atomic
  localIrqEnable();
}

// ---- softirqs disabled: local_bh_disable()
const bhoff_mutex = defineLock("wc_bhoff_mutex");
const bhoff_wsem = defineLock("wc_bhoff_wsem", { kind: "rwsem" });
const bhoff_rsem = defineLock("wc_bhoff_rsem", { kind: "rwsem" });
const bhoff_done = defineLock("wc_bhoff_done", { kind: "completion" });
const bhoff_helper_done = defineLock("wc_bhoff_helper_done", { kind: "completion" });

export function bh_disabled(): void {
  localBhDisable();
  lock(bhoff_mutex); // expect: sleep-in-atomic
  unlock(bhoff_mutex);
  lock(bhoff_wsem); // expect: sleep-in-atomic
  unlock(bhoff_wsem);
  lock(shared(bhoff_rsem)); // expect: sleep-in-atomic
  unlock(shared(bhoff_rsem));
  waitFor(bhoff_done); // expect: sleep-in-atomic
  localBhEnable();
}

function bhoff_helper(): void {
  waitFor(bhoff_helper_done);
}

export function bh_disabled_call(): void {
  localBhDisable();
  bhoff_helper(); // expect: sleep-in-atomic
  localBhEnable();
}

// local_bh_disable() nests: after two disables and one enable softirqs are still off
const bh2_mutex = defineLock("wc_bh2_mutex");

export function bh_disabled_twice(): void {
  localBhDisable();
  localBhDisable();
  localBhEnable();
  lock(bh2_mutex); // expect: sleep-in-atomic
  unlock(bh2_mutex);
  localBhEnable();
}

// ---- under a spinlock (interrupts on): the spinning-lock rule
const spin = defineLock("wc_spin", { kind: "spinlock" });
const spin_mutex = defineLock("wc_spin_mutex");
const spin_wsem = defineLock("wc_spin_wsem", { kind: "rwsem" });
const spin_rsem = defineLock("wc_spin_rsem", { kind: "rwsem" });
const spin_done = defineLock("wc_spin_done", { kind: "completion" });

export function under_spinlock(): void {
  lock(spin);
  lock(spin_mutex); // expect: sleep-in-atomic
  unlock(spin_mutex);
  lock(spin_wsem); // expect: sleep-in-atomic
  unlock(spin_wsem);
  lock(shared(spin_rsem)); // expect: sleep-in-atomic
  unlock(shared(spin_rsem));
  waitFor(spin_done); // expect: sleep-in-atomic
  unlock(spin);
}

// ---- under spin_lock_irq: a spinning lock held and hard irqs off, one diagnostic per site
const irqspin = defineLock("wc_irqspin", { kind: "spinlock" });
const irqspin_mutex = defineLock("wc_irqspin_mutex");
const irqspin_wsem = defineLock("wc_irqspin_wsem", { kind: "rwsem" });
const irqspin_rsem = defineLock("wc_irqspin_rsem", { kind: "rwsem" });
const irqspin_done = defineLock("wc_irqspin_done", { kind: "completion" });
const irqspin2 = defineLock("wc_irqspin2", { kind: "spinlock" });
const irqspin2_helper_mutex = defineLock("wc_irqspin2_helper_mutex");

export function under_spin_lock_irq(): void {
  lock(irq(irqspin));
  lock(irqspin_mutex); // expect: sleep-in-atomic
  unlock(irqspin_mutex);
  lock(irqspin_wsem); // expect: sleep-in-atomic
  unlock(irqspin_wsem);
  lock(shared(irqspin_rsem)); // expect: sleep-in-atomic
  unlock(shared(irqspin_rsem));
  waitFor(irqspin_done); // expect: sleep-in-atomic
  unlock(irq(irqspin));
}

function irqspin2_helper(): void {
  lock(irqspin2_helper_mutex);
  unlock(irqspin2_helper_mutex);
}

export function under_spin_lock_irq_call(): void {
  lock(irq(irqspin2));
  irqspin2_helper(); // expect: sleep-in-atomic
  unlock(irq(irqspin2));
}

// ---- under spin_lock_bh and local_irq_save
const bhspin = defineLock("wc_bhspin", { kind: "spinlock" });
const bhspin_mutex = defineLock("wc_bhspin_mutex");
const save_mutex = defineLock("wc_save_mutex");
const nested_save_mutex = defineLock("wc_nested_save_mutex");

export function under_spin_lock_bh(): void {
  lock(bh(bhspin));
  lock(bhspin_mutex); // expect: sleep-in-atomic
  unlock(bhspin_mutex);
  unlock(bh(bhspin));
}

export function irqs_saved(): void {
  const flags = localIrqSave();
  lock(save_mutex); // expect: sleep-in-atomic
  unlock(save_mutex);
  localIrqRestore(flags);
}

// local_irq_restore() goes back to the state local_irq_save() found: still disabled here
export function irqs_saved_inside_disabled(): void {
  localIrqDisable();
  const flags = localIrqSave();
  localIrqRestore(flags);
  lock(nested_save_mutex); // expect: sleep-in-atomic
  unlock(nested_save_mutex);
  localIrqEnable();
}
