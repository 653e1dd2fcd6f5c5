// SPEC 3: the annotations as JSDoc tags, on function declarations, `const f = () => ...`,
// `const f = function () ...`, object-literal methods and class methods, with the same
// meaning as the decorators. Tag arguments are lock references resolved in the function's
// scope. An unknown lock name in a tag is unknown-lock on the tag's line; a bad argument is
// invalid-annotation there. (Each bad tag ends its comment on its own line so that the
// expectation can follow on that line.) The only nested acquisition is
// jsdoc.kvm_lock -> jsdoc.cfg_sem.
import { assertHeld, lock, requires, shared, unlock } from "lockorder";
import {
  cfgSem, eqLock, exLock, kvmLock, nlReq, noLk, partialLock, plainLock, relLock, reqLock, retLock,
  strLock, tryLk, aliasTarget as aliasLock,
} from "./locks";
import * as locks from "./locks";

declare function work(): void;

// ---- function declaration: @acquires with two locks ----

/** @acquires kvmLock, shared(cfgSem) */
export function takeBoth(): void {
  assertHeld(kvmLock);
  assertHeld(shared(cfgSem));
  work();
}

// @acquires is scoped: nothing is held after the call
function take_both_scoped(): void {
  takeBoth();
  unlock(kvmLock); // expect: unlock-not-held
}

// calling an @acquires function while holding its lock
function take_both_recursive(): void {
  lock(kvmLock);
  takeBoth(); // expect: recursive-lock
  unlock(kvmLock);
}

// ---- const arrow: @requires ----

/** @requires reqLock */
const needsReq = (): void => {};

// requirement unmet
function needs_req_bad(): void {
  needsReq(); // expect: requires-not-held
}

// requirement met
function needs_req_good(): void {
  lock(reqLock);
  needsReq();
  unlock(reqLock);
}

// ---- const function expression: @returnsHolding ----

/** @returnsHolding retLock */
const takeRet = function (): void {
  lock(retLock);
};

// the caller holds the lock after the call and releases it
function take_ret_good(): void {
  takeRet();
  work();
  unlock(retLock);
}

// the caller keeps it to its end
function take_ret_leaks(): void { // expect: lock-held-at-exit
  takeRet();
}

// ---- object-literal method: @releases ----

const ops = {
  /** @releases relLock */
  drop(): void {
    unlock(relLock);
  },
};

// the caller holds the lock the method releases
function drop_good(): void {
  lock(relLock);
  ops.drop();
}

// the caller does not hold it
function drop_bad(): void {
  ops.drop(); // expect: unlock-not-held
}

// ---- class method: @excludes ----

class Excl {
  /** @excludes exLock */
  m(): void {}
}

// called while the excluded lock is held
function excludes_bad(e: Excl): void {
  lock(exLock);
  e.m(); // expect: excluded-held
  unlock(exLock);
}

// called with nothing held
function excludes_good(e: Excl): void {
  e.m();
}

// ---- @tryAcquires: the body is the success path, holding the lock ----

/** @tryAcquires tryLk */
function tryTake(): void {
  lock(tryLk); // expect: recursive-lock
}

// ---- @noLockAnalysis: the body is not analysed; other tags still apply at call sites ----

/** @noLockAnalysis */
function unchecked(): void {
  unlock(noLk);
}

/**
 * @noLockAnalysis
 * @requires nlReq
 */
function uncheckedRequires(): void {
  unlock(nlReq);
}

// the @requires of a @noLockAnalysis function is checked at the call
function unchecked_requires_bad(): void {
  uncheckedRequires(); // expect: requires-not-held
}

// ---- the same annotation as a decorator and as a JSDoc tag ----

class Equivalent {
  @requires(eqLock)
  viaDecorator(): void {}

  /** @requires eqLock */
  viaJsdoc(): void {}
}

// both unmet
function equivalent_bad(e: Equivalent): void {
  e.viaDecorator(); // expect: requires-not-held
  e.viaJsdoc(); // expect: requires-not-held
}

// both met
function equivalent_good(e: Equivalent): void {
  lock(eqLock);
  e.viaDecorator();
  e.viaJsdoc();
  unlock(eqLock);
}

// ---- lock references: shared(), a display-name string, a namespace import, an alias ----

/** @requires shared(cfgSem) */
function readCfg(): void {}

// a read hold satisfies @requires shared(...)
function read_cfg_good(): void {
  lock(shared(cfgSem));
  readCfg();
  unlock(shared(cfgSem));
}

// nothing held
function read_cfg_bad(): void {
  readCfg(); // expect: requires-not-held
}

/** @requires "jsdoc.str_lock" */
function needsStr(): void {}

/** @requires locks.nsLock */
function needsNs(): void {}

/** @requires aliasLock */
function needsAlias(): void {}

// each requirement met through another spelling of the same lock
function references_good(): void {
  lock(strLock);
  needsStr();
  unlock(strLock);
  lock(locks.nsLock);
  needsNs();
  unlock(locks.nsLock);
  lock(locks.aliasTarget);
  needsAlias();
  unlock(locks.aliasTarget);
}

// each requirement unmet
function references_bad(): void {
  needsStr(); // expect: requires-not-held
  needsNs(); // expect: requires-not-held
  needsAlias(); // expect: requires-not-held
}

// ---- bad tags ----

/**
 * An unknown name next to a good one: the good one still applies.
 * @requires partialLock, noSuchLock */ // expect: unknown-lock
function partiallyKnown(): void {}

// the known part of the tag is still required
function partially_known_bad(): void {
  partiallyKnown(); // expect: requires-not-held
}

// the known part of the tag is met
function partially_known_good(): void {
  lock(partialLock);
  partiallyKnown();
  unlock(partialLock);
}

/** @acquires "jsdoc.no_such_lock" */ // expect: unknown-lock
function unknownString(): void {}

/** @requires 42 */ // expect: invalid-annotation
function numberArgument(): void {}

/** @acquires nested(kvmLock, 9) */ // expect: invalid-annotation
function subclassOutOfRange(): void {}

/** @requires shared(plainLock) */ // expect: invalid-annotation
function sharedOnMutex(): void {}

/** @acquires */ // expect: invalid-annotation
function noArguments(): void {}

export {
  take_both_scoped, take_both_recursive, needs_req_bad, needs_req_good, take_ret_good, take_ret_leaks,
  drop_good, drop_bad, excludes_bad, excludes_good, tryTake, unchecked, unchecked_requires_bad,
  equivalent_bad, equivalent_good, read_cfg_good, read_cfg_bad, references_good, references_bad,
  partially_known_bad, partially_known_good, unknownString, numberArgument, subclassOutOfRange,
  sharedOnMutex, noArguments,
};
