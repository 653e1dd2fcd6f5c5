// Interrupt state around loops. The design: a loop whose iterations start in different
// interrupt states is inconsistent-lock-state on the loop keyword, and "afterwards the state
// counts as enabled (the more enabled of the two)"; paths leaving by break join after the loop
// like any branch (flow/clang-loops has the same rules for locks). `safe_*` locks are made
// hardirq-safe by the handler at the end (`soft_safe` softirq-safe by the softirq one).
import { defineLock, irq, localBhDisable, localIrqDisable, localIrqEnable, localIrqRestore, localIrqSave, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function cond2(): boolean;
declare function work(): void;
declare const items: number[];

const safeBody = defineLock("irq.loops.safe_body", { kind: "spinlock" });
const safeEnabling = defineLock("irq.loops.safe_enabling", { kind: "spinlock" });
const safeBalanced = defineLock("irq.loops.safe_balanced", { kind: "spinlock" });
const safeBreak = defineLock("irq.loops.safe_break", { kind: "spinlock" });
const softSafe = defineLock("irq.loops.soft_safe", { kind: "spinlock" });
const ringLock = defineLock("irq.loops.ring_lock", { kind: "spinlock" });

// the body disables: the second iteration starts disabled; after the loop, enabled
function body_disables(): void {
  while (cond()) { // expect: inconsistent-lock-state
    localIrqDisable();
    lock(safeBody);
    unlock(safeBody);
  }
  lock(safeBody); // expect: irq-inconsistent-usage
  unlock(safeBody);
}

// entered disabled, the body enables: the loop is reported, and the analysis goes on after it
// with the state the loop was entered with (SPEC 4.2's rule for a loop, which SPEC 4.5 applies to
// the interrupt state "like the held set"), so interrupts count as off there
function body_enables(): void {
  localIrqDisable();
  while (cond()) { // expect: inconsistent-lock-state
    localIrqEnable();
    work();
  }
  lock(safeEnabling);
  unlock(safeEnabling);
}

// for: each iteration takes and releases irq(L); inside, interrupts are off
function for_balanced(n: number): void {
  for (let i = 0; i < n; i++) {
    lock(irq(ringLock));
    lock(safeBalanced);
    unlock(safeBalanced);
    unlock(irq(ringLock));
  }
}

// for...of with save/restore in the body
function for_of_save_restore(): void {
  for (const x of items) {
    const flags = localIrqSave();
    if (x > 0) work();
    localIrqRestore(flags);
  }
}

// do-while: reported on `do`
function do_disables(): void {
  do { // expect: inconsistent-lock-state
    localIrqDisable();
    work();
  } while (cond());
}

// continue skips the enable: the back edge from continue is disabled
function for_continue_skips_enable(n: number): void {
  for (let i = 0; i < n; i++) { // expect: inconsistent-lock-state
    localIrqDisable();
    if (cond2()) continue;
    localIrqEnable();
  }
}

// break leaves disabled, the loop condition leaves enabled: they join after the loop
function break_disabled(): void {
  while (cond()) {
    localIrqDisable();
    if (cond2()) break;
    localIrqEnable();
  }
  work(); // expect: inconsistent-lock-state
  lock(safeBreak); // expect: irq-inconsistent-usage
  unlock(safeBreak);
}

// break after enabling again: every exit is enabled
function break_enabled(): void {
  while (cond()) {
    localIrqDisable();
    work();
    localIrqEnable();
    if (cond2()) break;
  }
  work();
}

// softirqs: a local_bh_disable() per iteration (the count grows); afterwards enabled
function bh_per_iteration(): void {
  while (cond()) { // expect: inconsistent-lock-state
    localBhDisable();
  }
  lock(softSafe); // expect: irq-inconsistent-usage
  unlock(softSafe);
}

/** @hardirq */
function handler(): void {
  lock(safeBody);
  unlock(safeBody);
  lock(safeEnabling);
  unlock(safeEnabling);
  lock(safeBalanced);
  unlock(safeBalanced);
  lock(safeBreak);
  unlock(safeBreak);
}

/** @softirq */
function softHandler(): void {
  lock(softSafe);
  unlock(softSafe);
}

export { handler, softHandler };
