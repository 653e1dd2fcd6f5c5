// SPEC 4.2 statement and expression forms, part 1: switch (with fall-through and without
// default), `?:`, `&&` / `||` / `??`, and labelled break/continue. Each form has a clean case
// and a case with a diagnostic. Every case uses its own lock; no function nests two locks.
import { defineLock, guardedBy, lock, unlock, withLock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;
declare function done(): void;
declare function maybe(): number | undefined;
declare const items: number[];

const swFall = defineLock("st.switch_fallthrough");
const swNoDefault = defineLock("st.switch_no_default");
const swDefault = defineLock("st.switch_default");
const swLabelJoin = defineLock("st.switch_label_join");
const swReturn = defineLock("st.switch_return");
const condBad = defineLock("st.cond_bad");
const condBoth = defineLock("st.cond_both");
const condWith = defineLock("st.cond_with");
const andBad = defineLock("st.and_bad");
const orBad = defineLock("st.or_bad");
const nullishBad = defineLock("st.nullish_bad");
const boxMu = defineLock("st.box_mu");
const lblContinue = defineLock("st.label_continue");
const lblBreak = defineLock("st.label_break");
const lblBlockBad = defineLock("st.label_block_bad");
const lblBlockGood = defineLock("st.label_block_good");

class Box {
  @guardedBy(boxMu)
  v!: number;
}

// switch with fall-through: every path releases exactly once
function switch_fallthrough_good(k: number): void {
  lock(swFall);
  switch (k) {
    case 0:
      work();
    // falls through
    case 1:
      unlock(swFall);
      break;
    default:
      unlock(swFall);
  }
  done();
}

// switch without default: the no-match path keeps the lock, the case releases it
function switch_no_default_bad(k: number): void {
  lock(swNoDefault);
  switch (k) {
    case 0:
      unlock(swNoDefault);
      break;
    case 1:
      work();
      break;
  }
  done(); // expect: inconsistent-lock-state
}

// the same with a default that releases: clean
function switch_default_good(k: number): void {
  lock(swDefault);
  switch (k) {
    case 0:
      unlock(swDefault);
      break;
    default:
      unlock(swDefault);
      break;
  }
  done();
}

// fall-through into a case label joins the fall-through path with the direct jump: the join
// is reported on the first statement under the label, and the lock then counts as not held
function switch_fallthrough_join_bad(k: number): void {
  switch (k) {
    case 0:
      lock(swLabelJoin);
    // falls through
    case 1:
      unlock(swLabelJoin); // expect: inconsistent-lock-state, unlock-not-held
      break;
    default:
      work();
  }
  done();
}

// every case returns after releasing
function switch_return_good(k: number): number {
  lock(swReturn);
  switch (k) {
    case 0:
      unlock(swReturn);
      return 0;
    default:
      unlock(swReturn);
      return 1;
  }
}

// `?:` acquiring in one arm only
function conditional_bad(): void {
  cond() ? lock(condBad) : work();
  done(); // expect: inconsistent-lock-state
}

// `?:` acquiring in both arms
function conditional_both_good(): void {
  cond() ? lock(condBoth) : lock(condBoth);
  unlock(condBoth);
}

// `?:` with a withLock arm: released inside the arm
function conditional_with_lock_good(): number {
  const n = cond() ? withLock(condWith, () => 1) : 0;
  done();
  return n;
}

// `&&` acquiring on the right only
function and_bad(): void {
  cond() && lock(andBad);
  done(); // expect: inconsistent-lock-state
}

// `||` acquiring on the right only
function or_bad(): void {
  cond() || lock(orBad);
  done(); // expect: inconsistent-lock-state
}

// `??` acquiring on the right only
function nullish_bad(): void {
  maybe() ?? lock(nullishBad);
  done(); // expect: inconsistent-lock-state
}

// `&&` reading a guarded field on the right, with the lock held throughout
function and_guarded_read_good(b: Box): boolean {
  lock(boxMu);
  const ok = cond() && b.v > 0;
  unlock(boxMu);
  return ok;
}

// `&&` reading a guarded field on the right without the lock
function and_guarded_read_bad(b: Box): boolean {
  return cond() && b.v > 0; // expect: guarded-access
}

// `??` reading a guarded field on the right, with the lock held
function nullish_guarded_read_good(b: Box): number {
  lock(boxMu);
  const n = maybe() ?? b.v;
  unlock(boxMu);
  return n;
}

// labelled continue leaving an inner loop after releasing
function labelled_continue_good(rows: number[][]): void {
  outer: for (const row of rows) {
    lock(lblContinue);
    for (const x of row) {
      if (x === 0) {
        unlock(lblContinue);
        continue outer;
      }
    }
    unlock(lblContinue);
  }
}

// labelled break leaving both loops with the lock held: joins the normal exit after the loop
function labelled_break_bad(): void {
  outer: while (cond()) {
    lock(lblBreak);
    for (const x of items) {
      if (x === 0) break outer;
    }
    unlock(lblBreak);
  }
  done(); // expect: inconsistent-lock-state
}

// break out of a labelled block with the lock held
function labelled_block_bad(): void {
  blk: {
    lock(lblBlockBad);
    if (cond()) break blk;
    unlock(lblBlockBad);
  }
  done(); // expect: inconsistent-lock-state
}

// break out of a labelled block after releasing
function labelled_block_good(): void {
  blk: {
    lock(lblBlockGood);
    if (cond()) {
      unlock(lblBlockGood);
      break blk;
    }
    unlock(lblBlockGood);
  }
  done();
}

export {
  Box, switch_fallthrough_good, switch_no_default_bad, switch_default_good, switch_fallthrough_join_bad,
  switch_return_good, conditional_bad, conditional_both_good, conditional_with_lock_good, and_bad,
  or_bad, nullish_bad, and_guarded_read_good, and_guarded_read_bad, nullish_guarded_read_good,
  labelled_continue_good, labelled_break_bad, labelled_block_bad, labelled_block_good,
};
