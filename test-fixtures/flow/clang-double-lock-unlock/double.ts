// Clang thread safety tests, group B: double lock, unlock of a lock that is not held,
// lock held at the end of a function, and @returnsHolding / @releases bodies and calls.
// Every case uses its own locks; the only nested acquisitions are
// dbl.two_a -> dbl.two_b and dbl.extra_a -> dbl.extra_b, so the lock graph has no cycle.
import {
  acquires, assertHeld, defineLock, lock, releases, requires, returnsHolding, unlock,
} from "lockorder";

declare function cond(): boolean;
declare function cond2(): boolean;
declare function work(): void;

const b1Mu = defineLock("dbl.b1_mu");
const b2Mu = defineLock("dbl.b2_mu");
const b3Mu = defineLock("dbl.b3_mu");
const goodMu = defineLock("dbl.good_mu");
const duMu = defineLock("dbl.double_unlock_mu");
const twoA = defineLock("dbl.two_a");
const twoB = defineLock("dbl.two_b");
const retMu = defineLock("dbl.ret_mu");
const ret2Mu = defineLock("dbl.ret2_mu");
const fooMu = defineLock("dbl.foo_mu");
const lufMu = defineLock("dbl.luf_mu");
const ubMu = defineLock("dbl.unlock_bad_mu");
const ubMu2 = defineLock("dbl.unlock_bad_mu2");
const extraA = defineLock("dbl.extra_a");
const extraB = defineLock("dbl.extra_b");
const reqMu = defineLock("dbl.req_mu");
const req2Mu = defineLock("dbl.req2_mu");
const acqMu = defineLock("dbl.acq_mu");
const acq2Mu = defineLock("dbl.acq2_mu");
const ctorMu = defineLock("dbl.ctor_mu");
const arrowMu = defineLock("dbl.arrow_mu");
const fexprMu = defineLock("dbl.fexpr_mu");
const methodMu = defineLock("dbl.method_mu");

// sls_fun_bad_1: unlock without lock
function sls_fun_bad_1(): void {
  unlock(b1Mu); // expect: unlock-not-held
}

// sls_fun_bad_2: lock twice (the second adds no hold, so one unlock releases it)
function sls_fun_bad_2(): void {
  lock(b2Mu);
  lock(b2Mu); // expect: recursive-lock
  unlock(b2Mu);
}

// sls_fun_bad_3: lock held at the end of the function (reported on the name)
function sls_fun_bad_3(): void { // expect: lock-held-at-exit
  lock(b3Mu);
}

// sls_fun_0 (good): lock, unlock, lock again, unlock
function sls_fun_0(): void {
  lock(goodMu);
  work();
  unlock(goodMu);
  lock(goodMu);
  unlock(goodMu);
}

// unlock twice
function double_unlock(): void {
  lock(duMu);
  unlock(duMu);
  unlock(duMu); // expect: unlock-not-held
}

// two locks held at the end: one diagnostic per lock
function two_held_at_exit(): void { // expect: lock-held-at-exit, lock-held-at-exit
  lock(twoA);
  lock(twoB);
}

// held on one of two exits (an early return)
function held_on_early_return(): void { // expect: lock-held-at-exit
  lock(retMu);
  if (cond()) return;
  unlock(retMu);
}

// held on two of three exits: still one diagnostic per lock
function held_on_two_returns(): number { // expect: lock-held-at-exit
  lock(ret2Mu);
  if (cond()) return 1;
  if (cond2()) return 2;
  unlock(ret2Mu);
  return 0;
}

// DuplicateAttributeTest: ACQUIRE()/RELEASE() methods, here @returnsHolding / @releases summaries
class Foo {
  @returnsHolding(fooMu)
  lockFoo(): void {}

  @releases(fooMu)
  unlockFoo(): void {}
}

// DuplicateAttributeTest test0: foo.lock() twice, foo.unlock() twice
function duplicate_attribute_test0(foo: Foo): void {
  foo.lockFoo();
  foo.lockFoo(); // expect: recursive-lock
  foo.unlockFoo();
  foo.unlockFoo(); // expect: unlock-not-held
}

// returnsHolding then releases: clean
function returns_holding_then_release(foo: Foo): void {
  foo.lockFoo();
  work();
  foo.unlockFoo();
}

// returnsHolding without the release: the caller holds it at its exit
function returns_holding_leaks(foo: Foo): void { // expect: lock-held-at-exit
  foo.lockFoo();
  work();
}

// releases called while not holding the lock
function releases_not_held(foo: Foo): void {
  foo.unlockFoo(); // expect: unlock-not-held
}

// releases called after a primitive lock of the same lock: clean
function lock_then_releases(foo: Foo): void {
  lock(fooMu);
  foo.unlockFoo();
}

// returnsHolding then a primitive unlock: clean
function returns_holding_then_unlock(foo: Foo): void {
  foo.lockFoo();
  unlock(fooMu);
}

// LockUnlockFunctionTest: annotated functions whose bodies are analysed
class LockUnlockFunctionTest {
  // lockGood: ACQUIRE(mu_) { mu_.Lock(); }
  @returnsHolding(lufMu)
  lockGood(): void {
    lock(lufMu);
  }

  // unlockGood: RELEASE(mu_) { mu_.Unlock(); }
  @releases(lufMu)
  unlockGood(): void {
    unlock(lufMu);
  }

  // unlockBad2: RELEASE(mu_) { mu2_.Unlock(); }
  @releases(ubMu)
  unlockBad2(): void { // expect: lock-held-at-exit
    unlock(ubMu2); // expect: unlock-not-held
  }

  // lockBad2 (the part the SPEC has a code for): another lock is left held
  @returnsHolding(extraA)
  lockExtra(): void { // expect: lock-held-at-exit
    lock(extraA);
    lock(extraB);
  }

  // a @requires body is analysed holding the lock: locking it again is recursive
  @requires(reqMu)
  relockRequired(): void {
    lock(reqMu); // expect: recursive-lock
  }

  // a @requires lock held at the end is not reported
  @requires(req2Mu)
  keepsRequired(): void {
    assertHeld(req2Mu);
    work();
  }

  // an @acquires body is analysed holding the lock: locking it again is recursive
  @acquires(acqMu)
  reacquire(): void {
    lock(acqMu); // expect: recursive-lock
  }

  // an @acquires summary
  @acquires(acq2Mu)
  takesAcq2(): void {}
}

// the bodies above used from a caller: clean
function lock_unlock_function_caller(t: LockUnlockFunctionTest): void {
  t.lockGood();
  work();
  t.unlockGood();
}

// calling an @acquires function while its lock is held
function acquires_while_held(t: LockUnlockFunctionTest): void {
  lock(acq2Mu);
  t.takesAcq2(); // expect: recursive-lock
  unlock(acq2Mu);
}

// @acquires is scoped: the caller does not hold the lock after the call
function acquires_is_scoped(t: LockUnlockFunctionTest): void {
  t.takesAcq2();
  unlock(acq2Mu); // expect: unlock-not-held
}

// lock held at the end of a constructor (reported on the constructor keyword)
class Ctor {
  constructor() { // expect: lock-held-at-exit
    lock(ctorMu);
  }
}

// lock held at the end of a method (reported on the method name)
class Method {
  leak(): void { // expect: lock-held-at-exit
    lock(methodMu);
  }
}

// lock held at the end of an arrow function stored in a const (reported on the variable name)
const arrowLeaks = (): void => { // expect: lock-held-at-exit
  lock(arrowMu);
};

// lock held at the end of a function expression stored in a const
const functionExpressionLeaks = function (): void { // expect: lock-held-at-exit
  lock(fexprMu);
};

export {
  sls_fun_bad_1, sls_fun_bad_2, sls_fun_bad_3, sls_fun_0, double_unlock, two_held_at_exit,
  held_on_early_return, held_on_two_returns, duplicate_attribute_test0, returns_holding_then_release,
  returns_holding_leaks, releases_not_held, lock_then_releases, returns_holding_then_unlock,
  lock_unlock_function_caller, acquires_while_held, acquires_is_scoped, Ctor, Method, arrowLeaks,
  functionExpressionLeaks,
};
