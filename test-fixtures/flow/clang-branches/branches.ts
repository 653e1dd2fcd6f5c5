// Clang thread safety tests, group C: joins after if/else. A lock held on some incoming
// paths and not on others gives inconsistent-lock-state on the first statement after the
// construct (or on the closing brace of the enclosing block when there is none), and from
// then on counts as not held. No function here nests two locks.
import { defineLock, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function cond2(): boolean;
declare function work(): void;
declare function needsToLock(): boolean;

const c1a = defineLock("br.c1_a");
const c1b = defineLock("br.c1_b");
const c2Mu = defineLock("br.c2_mu");
const c3Mu = defineLock("br.c3_mu");
const c4Mu = defineLock("br.c4_mu");
const c4bMu = defineLock("br.c4b_mu");
const c7Mu = defineLock("br.c7_mu");
const relockMu = defineLock("br.relock_mu");
const blockMu = defineLock("br.block_mu");
const nestedMu = defineLock("br.nested_mu");
const elseIfMu = defineLock("br.else_if_mu");
const earlyMu = defineLock("br.early_mu");
const earlyBadMu = defineLock("br.early_bad_mu");
const bothMu = defineLock("br.both_mu");

// sls_fun_bad_4: different locks on the two branches, both reported at the closing brace
function sls_fun_bad_4(): void {
  if (cond()) lock(c1a);
  else lock(c1b);
} // expect: inconsistent-lock-state, inconsistent-lock-state

// sls_fun_bad_5: released on one branch only; dropped at the join, so not held at exit either
function sls_fun_bad_5(): void {
  lock(c2Mu);
  if (cond()) unlock(c2Mu);
} // expect: inconsistent-lock-state

// sls_fun_bad_6: acquired on one branch; the unlock after the join is also reported
function sls_fun_bad_6(): void {
  if (cond()) {
    lock(c3Mu);
  } else {
    work();
  }
  unlock(c3Mu); // expect: inconsistent-lock-state, unlock-not-held
}

// sls_fun_8: released on both branches
function sls_fun_8(): void {
  lock(c4Mu);
  if (cond()) unlock(c4Mu);
  else unlock(c4Mu);
}

// sls_fun_9: acquired on both branches, released after the join
function sls_fun_9(): void {
  if (cond()) lock(c4bMu);
  else lock(c4bMu);
  unlock(c4bMu);
}

// sls_fun_good_6 (shape): both branches lock, work and unlock
function sls_fun_good_6(): void {
  if (cond()) {
    lock(c4Mu);
    work();
    unlock(c4Mu);
  } else {
    lock(c4Mu);
    unlock(c4Mu);
  }
  work();
}

// S1 "no conditionally held locks": the documented false positive
function conditional_locks(): void {
  const b = needsToLock();
  if (b) lock(c7Mu);
  work(); // expect: inconsistent-lock-state
  if (b) unlock(c7Mu); // expect: unlock-not-held
}

// after the join the lock counts as not held, so locking it again is not recursive
function relock_after_join(): void {
  lock(relockMu);
  if (cond()) unlock(relockMu);
  lock(relockMu); // expect: inconsistent-lock-state
  unlock(relockMu);
}

// the join is the last statement of a nested block: reported on that block's closing brace
function join_at_nested_block_end(): void {
  lock(blockMu);
  {
    if (cond()) unlock(blockMu);
  } // expect: inconsistent-lock-state
  lock(blockMu);
  unlock(blockMu);
}

// an inner join inside a branch, followed by a statement in that branch
function inner_join_in_branch(): void {
  if (cond()) {
    lock(nestedMu);
    if (cond2()) unlock(nestedMu);
    work(); // expect: inconsistent-lock-state
  }
  work();
}

// else-if chain with the same state on every branch
function else_if_chain_good(): void {
  lock(elseIfMu);
  if (cond()) {
    work();
    unlock(elseIfMu);
  } else if (cond2()) {
    unlock(elseIfMu);
  } else {
    unlock(elseIfMu);
  }
  work();
}

// an early return releases first; the returning path does not reach the join
function early_return_good(): void {
  lock(earlyMu);
  if (cond()) {
    unlock(earlyMu);
    return;
  }
  work();
  unlock(earlyMu);
}

// an early return with the lock held: lock-held-at-exit, not a join warning
function early_return_held(): void { // expect: lock-held-at-exit
  lock(earlyBadMu);
  if (cond()) return;
  unlock(earlyBadMu);
}

// a lock acquired in the then-branch of an if without else, released inside it: clean
function lock_inside_branch_good(): void {
  if (cond()) {
    lock(bothMu);
    work();
    unlock(bothMu);
  }
  work();
}

export {
  sls_fun_bad_4, sls_fun_bad_5, sls_fun_bad_6, sls_fun_8, sls_fun_9, sls_fun_good_6, conditional_locks,
  relock_after_join, join_at_nested_block_end, inner_join_in_branch, else_if_chain_good,
  early_return_good, early_return_held, lock_inside_branch_good,
};
