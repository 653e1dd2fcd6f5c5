// Clang thread safety tests, group D: loops. A loop must hold the same locks at the top of
// every iteration; if not, inconsistent-lock-state on the loop keyword, and the analysis
// goes on after the loop with the state the loop was entered with. Paths that leave the
// loop by break join after it. Every case uses its own lock; no function nests two locks.
import { defineLock, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function cond2(): boolean;
declare function work(): void;
declare const rows: number[][];
declare const items: number[];
declare const table: Record<string, number>;

const d1Mu = defineLock("loop.d1_mu");
const d2Mu = defineLock("loop.d2_mu");
const d3Mu = defineLock("loop.d3_mu");
const d4Mu = defineLock("loop.d4_mu");
const d5Mu = defineLock("loop.d5_mu");
const d6Mu = defineLock("loop.d6_mu");
const forMu = defineLock("loop.for_mu");
const forGoodMu = defineLock("loop.for_good_mu");
const forOfMu = defineLock("loop.for_of_mu");
const forInMu = defineLock("loop.for_in_mu");
const doGoodMu = defineLock("loop.do_good_mu");
const relockMu = defineLock("loop.relock_mu");
const breakGoodMu = defineLock("loop.break_good_mu");
const innerMu = defineLock("loop.inner_mu");
const contMu = defineLock("loop.continue_mu");
const forContinueMu = defineLock("loop.for_continue_mu");
const doContinueMu = defineLock("loop.do_continue_mu");

// D1 sls_fun_bad_10: released in the body; after the loop the entry state (held) goes on
function sls_fun_bad_10(): void { // expect: lock-held-at-exit
  lock(d1Mu);
  while (cond()) { // expect: inconsistent-lock-state
    unlock(d1Mu);
  }
}

// D2 sls_fun_bad_11: acquired in the body; after the loop the entry state (not held) goes on
function sls_fun_bad_11(): void {
  while (cond()) { // expect: inconsistent-lock-state
    lock(d2Mu);
  }
  unlock(d2Mu); // expect: unlock-not-held
}

// D3 sls_fun_bad_8: do-while reported on `do`; after the loop the entry state (held) goes on
function sls_fun_bad_8(): void { // expect: lock-held-at-exit
  lock(d3Mu);
  do { // expect: inconsistent-lock-state
    unlock(d3Mu);
  } while (cond());
}

// D4 sls_fun_bad_7 (GoingNative): the continue path reaches the loop head unlocked
function sls_fun_bad_7(): void {
  lock(d4Mu);
  while (cond()) { // expect: inconsistent-lock-state
    unlock(d4Mu);
    if (cond2()) {
      if (cond()) continue;
    }
    lock(d4Mu);
  }
  unlock(d4Mu);
}

// D5 sls_fun_bad_12: the break path leaves unlocked and joins the normal exit after the loop
function sls_fun_bad_12(): void {
  lock(d5Mu);
  while (cond()) {
    unlock(d5Mu);
    if (cond2()) break;
    lock(d5Mu);
  }
  unlock(d5Mu); // expect: inconsistent-lock-state, unlock-not-held
}

// D6 sls_fun_good_7: relocked before the continue as well
function sls_fun_good_7(): void {
  lock(d6Mu);
  while (cond()) {
    unlock(d6Mu);
    if (cond2()) {
      if (cond()) {
        lock(d6Mu);
        continue;
      }
    }
    lock(d6Mu);
  }
  unlock(d6Mu);
}

// for loop acquiring in its body; after it the entry state (not held) goes on, so no exit warning
function for_acquires_in_body(n: number): void {
  for (let i = 0; i < n; i++) { // expect: inconsistent-lock-state
    lock(forMu);
    work();
  }
}

// for loop with a balanced body
function for_balanced(n: number): void {
  for (let i = 0; i < n; i++) {
    lock(forGoodMu);
    work();
    unlock(forGoodMu);
  }
}

// for...of releasing in its body; the unlock after the loop sees the entry state (held)
function for_of_releases_in_body(): void {
  lock(forOfMu);
  for (const x of items) { // expect: inconsistent-lock-state
    unlock(forOfMu);
    work();
  }
  unlock(forOfMu);
}

// for...in acquiring in its body
function for_in_acquires_in_body(): void {
  for (const k in table) { // expect: inconsistent-lock-state
    lock(forInMu);
  }
}

// do-while with a balanced body
function do_balanced(): void {
  do {
    lock(doGoodMu);
    work();
    unlock(doGoodMu);
  } while (cond());
}

// held across the loop, dropped and retaken in each iteration
function drop_and_retake(): void {
  lock(relockMu);
  while (cond()) {
    unlock(relockMu);
    work();
    lock(relockMu);
  }
  unlock(relockMu);
}

// a break path with the same state as the normal exit
function break_same_state(): void {
  lock(breakGoodMu);
  while (cond()) {
    if (cond2()) break;
    work();
  }
  unlock(breakGoodMu);
}

// nested loops: only the inner loop changes the held set; the outer loop is consistent
function nested_inner_inconsistent(): void {
  for (const row of rows) {
    lock(innerMu);
    for (const x of row) { // expect: inconsistent-lock-state
      unlock(innerMu);
    }
    unlock(innerMu);
  }
}

// a continue path that arrives at the loop head with the entry state
function continue_same_state(): void {
  for (const x of items) {
    lock(contMu);
    if (x > 0) {
      unlock(contMu);
      continue;
    }
    work();
    unlock(contMu);
  }
}

// D4 with an increment: the continue path (lock still held) and the body's end (released) join
// before `i++`; the loop head still sees two states
function for_continue_skips_unlock(n: number): void {
  for (let i = 0; i < n; i++) { // expect: inconsistent-lock-state
    lock(forContinueMu);
    if (cond2()) continue;
    unlock(forContinueMu);
  }
}

// the same in a do-while, whose condition joins the paths
function do_continue_skips_unlock(): void {
  do { // expect: inconsistent-lock-state
    lock(doContinueMu);
    if (cond2()) continue;
    unlock(doContinueMu);
  } while (cond());
}

export {
  for_continue_skips_unlock, do_continue_skips_unlock,
  sls_fun_bad_10, sls_fun_bad_11, sls_fun_bad_8, sls_fun_bad_7, sls_fun_bad_12, sls_fun_good_7,
  for_acquires_in_body, for_balanced, for_of_releases_in_body, for_in_acquires_in_body, do_balanced,
  drop_and_retake, break_same_state, nested_inner_inconsistent, continue_same_state,
};
