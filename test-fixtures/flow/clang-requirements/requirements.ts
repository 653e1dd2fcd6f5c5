// Clang thread safety tests, group A: requirements checked at call sites
// (@requires / @requires(shared(L)) / @excludes, and assertHeld).
// No function here acquires one lock while holding another, except
// thread_annot_lock_42_good (req.mu1 -> req.mu2), so the lock graph has no cycle.
import { assertHeld, defineLock, excludes, lock, requires, shared, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;

const aaMu = defineLock("req.aa_mu");
const aaSem = defineLock("req.aa_sem", { kind: "rwsem" });
const aaRw = defineLock("req.aa_rwlock", { kind: "rwlock" });
const leMu = defineLock("req.le_mu");
const leSem = defineLock("req.le_sem", { kind: "rwsem" });
const mu1 = defineLock("req.mu1");
const mu2 = defineLock("req.mu2");
const mu3 = defineLock("req.mu3");
const condMu = defineLock("req.cond_mu");
const baseMu = defineLock("req.base_mu");

class Bar {
  @requires(aaMu)
  aaElrFun(): void {}

  @requires(aaSem)
  aaElrFunX(): void {}

  @requires(shared(aaSem))
  aaElrFunS(): void {}

  @requires(shared(aaRw))
  readRw(): void {}

  @excludes(leMu)
  leFun(): void {}

  @excludes(leSem)
  leFunSem(): void {}

  @requires(condMu)
  needsCond(): void {}

  // thread_annot_lock_42: f1() REQUIRES(mu2) REQUIRES(mu1) calls f2() EXCLUDES(mu1, mu2, mu3)
  @requires(mu2, mu1)
  f1(): void {
    assertHeld(mu2);
    this.f2(); // expect: excluded-held, excluded-held
  }

  @excludes(mu1, mu2, mu3)
  f2(): void {}

  @requires(aaMu)
  static staticNeedsAa(): void {}
}

// a caller that declares the requirement itself satisfies its callee's requirement
class Baz {
  @requires(aaMu)
  outer(b: Bar): void {
    b.aaElrFun();
  }
}

// thread_annot_lock_46 (shape): the callee's requirement is declared on the base class method
class Base {
  @requires(baseMu)
  func1(): void {}
}
class Derived extends Base {
  override func1(): void {}
}

// es_bad_0: REQUIRES(aa_mu) called with nothing held
function es_bad_0(b: Bar): void {
  b.aaElrFun(); // expect: requires-not-held
}

// es_fun_0: REQUIRES(aa_mu) called holding aa_mu
function es_fun_0(b: Bar): void {
  lock(aaMu);
  b.aaElrFun();
  unlock(aaMu);
}

// es_bad_1: a shared hold does not satisfy an exclusive requirement
function es_bad_1(b: Bar): void {
  lock(shared(aaSem));
  b.aaElrFunX(); // expect: requires-not-held
  unlock(shared(aaSem));
}

// es_bad_2: REQUIRES_SHARED called with nothing held
function es_bad_2(b: Bar): void {
  b.aaElrFunS(); // expect: requires-not-held
}

// es_fun_1: an exclusive hold satisfies REQUIRES_SHARED
function es_fun_1(b: Bar): void {
  lock(aaSem);
  b.aaElrFunS();
  unlock(aaSem);
}

// REQUIRES_SHARED satisfied by a shared hold of an rwsem
function es_fun_shared_rwsem(b: Bar): void {
  lock(shared(aaSem));
  b.aaElrFunS();
  unlock(shared(aaSem));
}

// REQUIRES_SHARED satisfied by a (recursive-read) shared hold of an rwlock
function es_fun_shared_rwlock(b: Bar): void {
  lock(shared(aaRw));
  b.readRw();
  unlock(shared(aaRw));
}

// REQUIRES_SHARED on an rwlock called with nothing held
function es_bad_shared_rwlock(b: Bar): void {
  b.readRw(); // expect: requires-not-held
}

// es_bad_6: EXCLUDES(le_mu) called while le_mu is held
function es_bad_6(b: Bar): void {
  lock(leMu);
  b.leFun(); // expect: excluded-held
  unlock(leMu);
}

// es_bad_7: EXCLUDES called while the lock is held in read mode
function es_bad_7(b: Bar): void {
  lock(shared(leSem));
  b.leFunSem(); // expect: excluded-held
  unlock(shared(leSem));
}

// es_fun_excl: EXCLUDES called with nothing held, and after the release
function es_fun_excl(b: Bar): void {
  b.leFun();
  lock(leMu);
  work();
  unlock(leMu);
  b.leFun();
}

// thread_annot_lock_42, the call: one requires-not-held per missing lock
function thread_annot_lock_42_bad(b: Bar): void {
  b.f1(); // expect: requires-not-held, requires-not-held
}

// thread_annot_lock_42, satisfied (the order of the requirements does not matter)
function thread_annot_lock_42_good(b: Bar): void {
  lock(mu1);
  lock(mu2);
  b.f1();
  unlock(mu2);
  unlock(mu1);
}

// static method call (Class.m()) with the requirement unmet
function static_call_bad(): void {
  Bar.staticNeedsAa(); // expect: requires-not-held
}

// static method call with the requirement met
function static_call_good(): void {
  lock(aaMu);
  Bar.staticNeedsAa();
  unlock(aaMu);
}

// thread_annot_lock_46 (shape): call through a base-class-typed reference
function thread_annot_lock_46(b: Base): void {
  b.func1(); // expect: requires-not-held
}

// the requirement is checked after a join: not held on every path, then counts as not held
function requires_after_join(b: Bar): void {
  if (cond()) lock(condMu);
  b.needsCond(); // expect: inconsistent-lock-state, requires-not-held
}

// the requirement met on both branches
function requires_after_consistent_join(b: Bar): void {
  if (cond()) {
    lock(condMu);
  } else {
    lock(condMu);
  }
  b.needsCond();
  unlock(condMu);
}

// assertHeld with nothing held (lockdep_assert_held)
function assert_held_bad(): void {
  assertHeld(aaMu); // expect: requires-not-held
}

// assertHeld with the lock held
function assert_held_good(): void {
  lock(aaMu);
  assertHeld(aaMu);
  unlock(aaMu);
}

// assertHeld(shared(L)) accepts a shared or an exclusive hold
function assert_held_shared_good(): void {
  lock(shared(aaSem));
  assertHeld(shared(aaSem));
  unlock(shared(aaSem));
  lock(aaSem);
  assertHeld(shared(aaSem));
  unlock(aaSem);
}

// assertHeld where the lock is held on only one path
function assert_held_some_paths(): void {
  if (cond()) lock(condMu);
  assertHeld(condMu); // expect: inconsistent-lock-state, requires-not-held
}

// assertHeld in a @requires body: the requirement makes it held
class AssertInRequires {
  @requires(aaMu)
  m(): void {
    assertHeld(aaMu);
  }
}

export { Bar, Baz, Derived, AssertInRequires };
export {
  es_bad_0, es_fun_0, es_bad_1, es_bad_2, es_fun_1, es_fun_shared_rwsem, es_fun_shared_rwlock,
  es_bad_shared_rwlock, es_bad_6, es_bad_7, es_fun_excl, thread_annot_lock_42_bad,
  thread_annot_lock_42_good, static_call_bad, static_call_good, thread_annot_lock_46,
  requires_after_join, requires_after_consistent_join, assert_held_bad, assert_held_good,
  assert_held_shared_good, assert_held_some_paths,
};
