/*
 * lockdep's wait-context table (research note 1.11.6), rows HARDIRQ and SOFTIRQ, column MUTEX
 * ("x"): a sleeping acquisition in an interrupt handler is sleep-in-atomic. The sleeping
 * acquisitions: a mutex, an rwsem for writing and for reading (down_read sleeps too), a wait
 * for a completion (wait_for_completion) and for an srcu domain (synchronize_srcu). The
 * spinlock and srcu-read columns ("o") are in clean.ts.
 *
 * Sites: at the acquisition (the lock reference, or the waitFor argument) when the handler
 * makes it itself; at the call in the handler when it happens in a function the handler calls,
 * at any depth (the helper's own line gets nothing).
 *
 * Forms: the hardirq handlers are methods decorated @hardirq; the softirq handlers carry a
 * JSDoc @softirq tag, on a function declaration, on an arrow function assigned to a const and
 * on object-literal methods.
 * Every handler has its own locks, so no lock is both safe and unsafe (no irq diagnostics).
 */
import { defineLock, hardirq, lock, shared, tryLock, unlock, waitFor } from "lockorder";

// ---- hardirq handlers (decorators)
const hard_mutex = defineLock("wc_hard_mutex");
const hard_wsem = defineLock("wc_hard_wsem", { kind: "rwsem" });
const hard_rsem = defineLock("wc_hard_rsem", { kind: "rwsem" });
const hard_done = defineLock("wc_hard_done", { kind: "completion" });
const hard_srcu = defineLock("wc_hard_srcu", { kind: "srcu" });
const hard_try_mutex = defineLock("wc_hard_try_mutex");
const hard_spin = defineLock("wc_hard_spin", { kind: "spinlock" });
const hard_spin_mutex = defineLock("wc_hard_spin_mutex");
const hard_helper_mutex = defineLock("wc_hard_helper_mutex");
const hard_method_wsem = defineLock("wc_hard_method_wsem", { kind: "rwsem" });

// Reached only from HardirqHandlers.throughHelper: the diagnostic is at that call.
function hard_helper_take_mutex(): void {
  lock(hard_helper_mutex);
  unlock(hard_helper_mutex);
}

export class HardirqHandlers {
  @hardirq
  mutex(): void {
    lock(hard_mutex); // expect: sleep-in-atomic
    unlock(hard_mutex);
  }

  @hardirq
  rwsemWrite(): void {
    lock(hard_wsem); // expect: sleep-in-atomic
    unlock(hard_wsem);
  }

  @hardirq
  rwsemRead(): void {
    lock(shared(hard_rsem)); // expect: sleep-in-atomic
    unlock(shared(hard_rsem));
  }

  @hardirq
  waitCompletion(): void {
    waitFor(hard_done); // expect: sleep-in-atomic
  }

  @hardirq
  synchronizeSrcu(): void {
    waitFor(hard_srcu); // expect: sleep-in-atomic
  }

  // mutex_trylock: a sleeping lock's acquisition, as under a spinlock (and the kernel forbids
  // mutex_trylock in interrupt context)
  @hardirq
  mutexTrylock(): void {
    if (tryLock(hard_try_mutex)) { // expect: sleep-in-atomic
      unlock(hard_try_mutex);
    }
  }

  // in hardirq context and under a spinlock: one diagnostic (the spinlock wording)
  @hardirq
  mutexUnderSpinlock(): void {
    lock(hard_spin);
    lock(hard_spin_mutex); // expect: sleep-in-atomic
    unlock(hard_spin_mutex);
    unlock(hard_spin);
  }

  @hardirq
  throughHelper(): void {
    hard_helper_take_mutex(); // expect: sleep-in-atomic
  }

  @hardirq
  throughMethod(): void {
    this.takeWsem(); // expect: sleep-in-atomic
  }

  // Reached only from throughMethod: the diagnostic is at that call.
  takeWsem(): void {
    lock(hard_method_wsem);
    unlock(hard_method_wsem);
  }
}

// ---- softirq handlers (JSDoc)
const soft_mutex = defineLock("wc_soft_mutex");
const soft_wsem = defineLock("wc_soft_wsem", { kind: "rwsem" });
const soft_rsem = defineLock("wc_soft_rsem", { kind: "rwsem" });
const soft_done = defineLock("wc_soft_done", { kind: "completion" });
const soft_chain_done = defineLock("wc_soft_chain_done", { kind: "completion" });

/** @softirq */
export function softirq_mutex(): void {
  lock(soft_mutex); // expect: sleep-in-atomic
  unlock(soft_mutex);
}

/** @softirq */
export const softirq_rwsem_write = (): void => {
  lock(soft_wsem); // expect: sleep-in-atomic
  unlock(soft_wsem);
};

export const softirqOps = {
  /** @softirq */
  rwsemRead(): void {
    lock(shared(soft_rsem)); // expect: sleep-in-atomic
    unlock(shared(soft_rsem));
  },

  /** @softirq */
  waitCompletion(): void {
    waitFor(soft_done); // expect: sleep-in-atomic
  },
};

// Two calls deep, reached only from softirq_through_two_calls: the diagnostic is at the
// handler's call, neither here nor in soft_mid.
function soft_leaf_wait(): void {
  waitFor(soft_chain_done);
}

function soft_mid(): void {
  soft_leaf_wait();
}

/** @softirq */
export function softirq_through_two_calls(): void {
  soft_mid(); // expect: sleep-in-atomic
}
