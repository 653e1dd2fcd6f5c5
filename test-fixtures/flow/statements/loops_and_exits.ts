// SPEC 4.2 statement forms, part 2: for / for...of / for...in / while / do, return inside
// nested blocks, throw (a throw path is not checked for held locks), try/catch/finally
// (finally runs on every exit), await, and nested blocks. Each form has a clean case and a
// case with a diagnostic. Every case uses its own lock; no function nests two locks.
import { defineLock, lock, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;
declare function done(): void;
declare function log(e: unknown): void;
declare function hasError(): boolean;
declare function io(): Promise<void>;
declare function check(): Promise<boolean>;
declare const items: number[];
declare const table: Record<string, number>;

const forGood = defineLock("st.for_good");
const forBad = defineLock("st.for_bad");
const forOfGood = defineLock("st.for_of_good");
const forOfBad = defineLock("st.for_of_bad");
const forInGood = defineLock("st.for_in_good");
const forInBad = defineLock("st.for_in_bad");
const whileGood = defineLock("st.while_good");
const whileBad = defineLock("st.while_bad");
const doGood = defineLock("st.do_good");
const doBad = defineLock("st.do_bad");
const loopReturn = defineLock("st.loop_return");
const nestedRetGood = defineLock("st.nested_return_good");
const nestedRetBad = defineLock("st.nested_return_bad");
const throwGood = defineLock("st.throw_good");
const throwBranch = defineLock("st.throw_branch");
const throwCaught = defineLock("st.throw_caught");
const finReturn = defineLock("st.finally_return");
const finCatch = defineLock("st.finally_catch");
const finPerExit = defineLock("st.finally_per_exit");
const finNotHeld = defineLock("st.finally_not_held");
const finLeak = defineLock("st.finally_leak");
const catchLeak = defineLock("st.catch_leak");
const catchJoin = defineLock("st.catch_join");
const catchEntry = defineLock("st.catch_entry");
const awaitGood = defineLock("st.await_good");
const awaitBad = defineLock("st.await_bad");
const awaitCond = defineLock("st.await_cond");
const blockGood = defineLock("st.block_good");
const blockBad = defineLock("st.block_bad");

// for: balanced body
function for_good(n: number): void {
  for (let i = 0; i < n; i++) {
    lock(forGood);
    work();
    unlock(forGood);
  }
}

// for: body releases a lock held on entry
function for_bad(n: number): void {
  lock(forBad);
  for (let i = 0; i < n; i++) { // expect: inconsistent-lock-state
    unlock(forBad);
  }
  unlock(forBad);
}

// for...of: balanced body with continue
function for_of_good(): void {
  for (const x of items) {
    lock(forOfGood);
    if (x < 0) {
      unlock(forOfGood);
      continue;
    }
    unlock(forOfGood);
  }
}

// for...of: body acquires
function for_of_bad(): void {
  for (const x of items) { // expect: inconsistent-lock-state
    lock(forOfBad);
  }
}

// for...in: balanced body
function for_in_good(): void {
  for (const k in table) {
    lock(forInGood);
    work();
    unlock(forInGood);
  }
}

// for...in: body releases
function for_in_bad(): void {
  lock(forInBad);
  for (const k in table) { // expect: inconsistent-lock-state
    unlock(forInBad);
  }
  unlock(forInBad);
}

// while: held across the loop, body keeps it
function while_good(): void {
  lock(whileGood);
  while (cond()) {
    work();
  }
  unlock(whileGood);
}

// while: body acquires; after the loop the entry state (not held) goes on
function while_bad(): void {
  while (cond()) { // expect: inconsistent-lock-state
    lock(whileBad);
  }
  unlock(whileBad); // expect: unlock-not-held
}

// do: balanced body
function do_good(): void {
  do {
    lock(doGood);
    unlock(doGood);
  } while (cond());
}

// do: body acquires; after the loop the entry state (not held) goes on
function do_bad(): void {
  do { // expect: inconsistent-lock-state
    lock(doBad);
  } while (cond());
}

// a return inside a loop body with the lock held
function return_in_loop_bad(): number { // expect: lock-held-at-exit
  for (const x of items) {
    lock(loopReturn);
    if (x === 0) return x;
    unlock(loopReturn);
  }
  return -1;
}

// return inside nested blocks after releasing
function nested_return_good(): number {
  lock(nestedRetGood);
  {
    {
      if (cond()) {
        unlock(nestedRetGood);
        return 1;
      }
    }
  }
  unlock(nestedRetGood);
  return 0;
}

// return inside nested blocks with the lock held
function nested_return_bad(): number { // expect: lock-held-at-exit
  lock(nestedRetBad);
  {
    if (cond()) {
      {
        return 1;
      }
    }
  }
  unlock(nestedRetBad);
  return 0;
}

// TestThrowExpr: a throw path with the lock held is not checked
function throw_good(): void {
  lock(throwGood);
  if (hasError()) throw new Error("ugly");
  unlock(throwGood);
}

// a lock taken on a throwing branch does not reach the join
function throw_branch_good(): void {
  if (cond()) {
    lock(throwBranch);
    throw new Error("failed");
  }
  done();
}

// a throw caught by the function's own catch: the catch starts with the try's entry state
function throw_caught_good(): void {
  lock(throwCaught);
  try {
    if (hasError()) throw new Error("caught");
    work();
  } catch (e) {
    log(e);
  }
  unlock(throwCaught);
}

// finally runs on the return path as well
function finally_return_good(): number {
  lock(finReturn);
  try {
    if (cond()) return 1;
    work();
  } finally {
    unlock(finReturn);
  }
  return 0;
}

// try/catch/finally with the release in finally
function finally_catch_good(): void {
  lock(finCatch);
  try {
    work();
  } catch (e) {
    log(e);
  } finally {
    unlock(finCatch);
  }
}

// finally is analysed for each exit with that exit's state: the return path arrives
// released, the normal path held, and each goes on correctly
function finally_per_exit_good(): void {
  lock(finPerExit);
  try {
    if (cond()) {
      unlock(finPerExit);
      return;
    }
    work();
  } finally {
    done();
  }
  unlock(finPerExit);
}

// finally releasing a lock that is held on no path
function finally_not_held_bad(): void {
  try {
    work();
  } finally {
    unlock(finNotHeld); // expect: unlock-not-held
  }
}

// finally acquiring without a release
function finally_leak_bad(): void { // expect: lock-held-at-exit
  try {
    work();
  } finally {
    lock(finLeak);
  }
}

// the catch releases and returns, the normal path returns with the lock held
function catch_returns_normal_leaks(): number { // expect: lock-held-at-exit
  lock(catchLeak);
  try {
    work();
  } catch (e) {
    unlock(catchLeak);
    return -1;
  }
  return 0;
}

// the catch starts with the try's entry state (held): after try/catch the normal path has
// released and the catch path has not
function catch_join_bad(): void {
  lock(catchJoin);
  try {
    work();
    unlock(catchJoin);
  } catch (e) {
    log(e);
  }
  done(); // expect: inconsistent-lock-state
}

// the catch starts with the try's entry state (not held): releasing there is wrong
function catch_entry_bad(): void {
  try {
    lock(catchEntry);
    work();
    unlock(catchEntry);
  } catch (e) {
    unlock(catchEntry); // expect: unlock-not-held
  }
}

// await with the lock held across it, then released
async function await_good(): Promise<void> {
  lock(awaitGood);
  await io();
  unlock(awaitGood);
}

// await, then the function ends with the lock held
async function await_bad(): Promise<void> { // expect: lock-held-at-exit
  lock(awaitBad);
  await io();
}

// await in a condition
async function await_condition_good(): Promise<void> {
  if (await check()) {
    lock(awaitCond);
    await io();
    unlock(awaitCond);
  }
}

// nested blocks: acquire and release in different blocks
function nested_blocks_good(): void {
  {
    lock(blockGood);
    {
      work();
    }
    unlock(blockGood);
  }
}

// nested blocks: acquired in an inner block, never released
function nested_blocks_bad(): void { // expect: lock-held-at-exit
  {
    {
      lock(blockBad);
    }
  }
}

export {
  for_good, for_bad, for_of_good, for_of_bad, for_in_good, for_in_bad, while_good, while_bad, do_good,
  do_bad, return_in_loop_bad, nested_return_good, nested_return_bad, throw_good, throw_branch_good,
  throw_caught_good, finally_return_good, finally_catch_good, finally_per_exit_good,
  finally_not_held_bad, finally_leak_bad, catch_returns_normal_leaks, catch_join_bad, catch_entry_bad,
  await_good, await_bad, await_condition_good, nested_blocks_good, nested_blocks_bad,
};
