// Clang thread safety tests, group F: scoped capabilities. `using g = guard(L)` holds L until
// the end of the enclosing block on every exit path (fall-through, return, break, continue,
// throw); a guard whose acquisition was recursive releases nothing; `await using`;
// withLock(L, () => ...) runs the callback holding L.
// Nested acquisitions: sg.two_a -> sg.two_b and sg.outer -> sg.inner only.
import { defineLock, guard, lock, requires, shared, unlock, withLock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;
declare function compute(): number;
declare function io(): Promise<void>;
declare const items: number[];

const oneMu = defineLock("sg.one_mu");
const twoA = defineLock("sg.two_a");
const twoB = defineLock("sg.two_b");
const dupMu = defineLock("sg.dup_mu");
const retMu = defineLock("sg.return_mu");
const loopMu = defineLock("sg.loop_mu");
const throwMu = defineLock("sg.throw_mu");
const blockMu = defineLock("sg.block_mu");
const afterMu = defineLock("sg.after_mu");
const heldMu = defineLock("sg.held_mu");
const branchMu = defineLock("sg.branch_mu");
const switchMu = defineLock("sg.switch_mu");
const sharedSem = defineLock("sg.shared_sem", { kind: "rwsem" });
const asyncMu = defineLock("sg.async_mu");
const asyncAfterMu = defineLock("sg.async_after_mu");
const withMu = defineLock("sg.with_mu");
const outerMu = defineLock("sg.outer");
const innerMu = defineLock("sg.inner");
const withDupMu = defineLock("sg.with_dup_mu");
const withHeldMu = defineLock("sg.with_held_mu");
const withRetMu = defineLock("sg.with_return_mu");
const reqMu = defineLock("sg.req_mu");

class NeedsReq {
  @requires(reqMu)
  m(): void {}
}

// test_scoped_lockable foo1: a guard released at the end of the function
function scoped_foo1(): void {
  using g = guard(oneMu);
  work();
}

// test_scoped_lockable foo4: two guards in one declaration
function scoped_foo4(): void {
  using g1 = guard(twoA), g2 = guard(twoB);
  work();
}

// test_scoped_lockable foo3: two guards of one lock; the second releases nothing
function scoped_foo3(): void {
  using a = guard(dupMu);
  using b = guard(dupMu); // expect: recursive-lock
  work();
}

// released on every return path
function guard_returns(): number {
  using g = guard(retMu);
  if (cond()) return 1;
  work();
  return 2;
}

// released at the end of a loop body on break, continue and fall-through
function guard_in_loop(): void {
  for (const x of items) {
    using g = guard(loopMu);
    if (x === 0) break;
    if (x < 0) continue;
    work();
  }
  lock(loopMu);
  unlock(loopMu);
}

// released on a throw path (which is not checked anyway) and on the normal path
function guard_throw(): void {
  using g = guard(throwMu);
  if (cond()) throw new Error("failed");
  work();
}

// released at the end of a nested block: locking it again after the block is fine
function guard_block_then_lock(): void {
  {
    using g = guard(blockMu);
    work();
  }
  lock(blockMu);
  unlock(blockMu);
}

// released at the end of a nested block: unlocking it after the block is wrong
function guard_block_then_unlock(): void {
  {
    using g = guard(afterMu);
    work();
  }
  unlock(afterMu); // expect: unlock-not-held
}

// a recursive guard inside a nested block releases nothing: the outer lock is still held
function guard_recursive_releases_nothing(): void {
  lock(heldMu);
  {
    using g = guard(heldMu); // expect: recursive-lock
    work();
  }
  unlock(heldMu);
}

// a guard in one branch is released before the join
function guard_in_branch(): void {
  if (cond()) {
    using g = guard(branchMu);
    work();
  }
  work();
}

// a guard in a case block, left by break
function guard_in_case(k: number): void {
  switch (k) {
    case 1: {
      using g = guard(switchMu);
      if (cond()) break;
      work();
      break;
    }
    default:
      work();
  }
}

// a shared guard
function guard_shared(): void {
  using g = guard(shared(sharedSem));
  work();
}

// await using
async function guard_await_using(): Promise<void> {
  await using g = guard(asyncMu);
  await io();
}

// await using is released at the end of its block as well
async function guard_await_using_block(): Promise<void> {
  {
    await using g = guard(asyncAfterMu);
    await io();
  }
  unlock(asyncAfterMu); // expect: unlock-not-held
}

// withLock: the callback runs holding the lock, which is released afterwards
function with_lock_basic(): number {
  const v = withLock(withMu, () => compute());
  lock(withMu);
  unlock(withMu);
  return v;
}

// withLock satisfies a requirement inside the callback, and not after it
function with_lock_requires(n: NeedsReq): void {
  withLock(reqMu, () => n.m());
  n.m(); // expect: requires-not-held
}

// withLock nested in withLock (edge sg.outer -> sg.inner)
function with_lock_nested(): void {
  withLock(outerMu, () => {
    withLock(innerMu, () => {
      work();
    });
  });
}

// withLock of a lock the callback's caller already holds (via an outer withLock)
function with_lock_recursive(): void {
  withLock(withDupMu, () => {
    withLock(withDupMu, () => work()); // expect: recursive-lock
  });
}

// withLock of a lock already held by a primitive: recursive, releases nothing (like a guard)
function with_lock_while_held(): void {
  lock(withHeldMu);
  withLock(withHeldMu, () => work()); // expect: recursive-lock
  unlock(withHeldMu);
}

// a return inside the callback leaves the callback only; withLock still releases
function with_lock_return_in_callback(): void {
  withLock(withRetMu, () => {
    if (cond()) return;
    work();
  });
  lock(withRetMu);
  unlock(withRetMu);
}

export {
  scoped_foo1, scoped_foo4, scoped_foo3, guard_returns, guard_in_loop, guard_throw,
  guard_block_then_lock, guard_block_then_unlock, guard_recursive_releases_nothing, guard_in_branch,
  guard_in_case, guard_shared, guard_await_using, guard_await_using_block, with_lock_basic,
  with_lock_requires, with_lock_nested, with_lock_recursive, with_lock_while_held,
  with_lock_return_in_callback,
};
