// Clang thread safety tests, group E: tryLock. The lock is held only where the result is
// known true: through `if`, `!`, `&&`, `||`, comparisons with true/false, const/let locals
// and `?:` with constant arms. Before any branch on the result it is not held; after a join
// that merges different values of a local, the result is unknown.
// Nested acquisitions: tl.both_a -> tl.both_b only (by trylock, so no edge into tl.both_b).
import { defineLock, guardedBy, lock, tryLock, unlock } from "lockorder";

declare function cond(): boolean;
declare function work(): void;

const e1Mu = defineLock("tl.e1_mu");
const foo1Mu = defineLock("tl.foo1_mu");
const foo2Mu = defineLock("tl.foo2_mu");
const negMu = defineLock("tl.neg_mu");
const letMu = defineLock("tl.let_mu");
const negLocalMu = defineLock("tl.neg_local_mu");
const foo8Mu = defineLock("tl.foo8_mu");
const foo11Mu = defineLock("tl.foo11_mu");
const foo15Mu = defineLock("tl.foo15_mu");
const eqTrueMu = defineLock("tl.eq_true_mu");
const eqFalseMu = defineLock("tl.eq_false_mu");
const neqFalseMu = defineLock("tl.neq_false_mu");
const falseEqMu = defineLock("tl.false_eq_mu");
const eqTrueBadMu = defineLock("tl.eq_true_bad_mu");
const andMu = defineLock("tl.and_mu");
const orMu = defineLock("tl.or_mu");
const whileMu = defineLock("tl.while_mu");
const orBadMu = defineLock("tl.or_bad_mu");
const ternLocalMu = defineLock("tl.ternary_local_mu");
const ternIfMu = defineLock("tl.ternary_if_mu");
const failMu = defineLock("tl.fail_mu");
const uncheckedMu = defineLock("tl.unchecked_mu");
const exitMu = defineLock("tl.exit_mu");
const noElseMu = defineLock("tl.no_else_mu");
const bothA = defineLock("tl.both_a");
const bothB = defineLock("tl.both_b");

class Guarded {
  @guardedBy(e1Mu)
  a!: number;
}

// E1 (S1 example): the guarded write is allowed only on the success branch
function s1_trylock_example(g: Guarded): void {
  const ok = tryLock(e1Mu);
  g.a = 0; // expect: guarded-access
  if (ok) {
    g.a = 0;
    unlock(e1Mu);
  } else {
    g.a = 0; // expect: guarded-access
  }
}

// E2 TryLockTest foo1: if (mu.TryLock())
function trylock_foo1(): void {
  if (tryLock(foo1Mu)) {
    work();
    unlock(foo1Mu);
  }
}

// E2 TryLockTest foo2: if (!mu.TryLock()) return;
function trylock_foo2(): void {
  if (!tryLock(foo2Mu)) return;
  work();
  unlock(foo2Mu);
}

// E2 TryLockTest foo7 (shape): tracked through negations held in const locals
function trylock_negated_locals(): void {
  const b1 = tryLock(negMu);
  const b2 = !b1;
  const b3 = !b2;
  if (b3) {
    unlock(negMu);
  }
}

// E2: a let local that is not reassigned
function trylock_let_local(): void {
  let ok = tryLock(letMu);
  if (ok) unlock(letMu);
}

// E2 TryLockTest foo6 (shape): a negated result in a local, early return on failure
function trylock_negated_local_return(): void {
  const failed = !tryLock(negLocalMu);
  if (failed) return;
  unlock(negLocalMu);
}

// E3 TryLockTest foo8: after a join that merges two values of b, b is unknown
function trylock_foo8(): void {
  let b = tryLock(foo8Mu);
  if (cond()) b = true;
  if (b) {
    unlock(foo8Mu); // expect: unlock-not-held
  }
}

// E5 TryLockTest foo11: a trylock success path merges with a plain lock
function trylock_foo11(): void {
  if (cond()) {
    if (!tryLock(foo11Mu)) return;
  } else {
    lock(foo11Mu);
  }
  work();
  unlock(foo11Mu);
}

// E6 TryLockTest foo15: `?:` with constant arms inverts the result
function trylock_foo15(): void {
  if (tryLock(foo15Mu) ? false : true) unlock(foo15Mu); // expect: unlock-not-held
} // expect: inconsistent-lock-state

// E7 TryLockEqTest: === true
function trylock_eq_true(): void {
  if (tryLock(eqTrueMu) === true) {
    unlock(eqTrueMu);
  } else {
    work();
  }
}

// E7 TryLockEqTest: == false with an early return
function trylock_eq_false(): void {
  if (tryLock(eqFalseMu) == false) return;
  unlock(eqFalseMu);
}

// E7: !== false
function trylock_neq_false(): void {
  if (tryLock(neqFalseMu) !== false) unlock(neqFalseMu);
}

// E7: the constant on the left
function trylock_false_eq(): void {
  if (false === tryLock(falseEqMu)) {
    return;
  }
  unlock(falseEqMu);
}

// E7: only the failure branch is wrong
function trylock_eq_true_bad(): void {
  if (tryLock(eqTrueBadMu) === true) {
    unlock(eqTrueBadMu);
  } else {
    unlock(eqTrueBadMu); // expect: unlock-not-held
  }
}

// E8 LogicalConditionalTryLock: c && mu.TryLock()
function trylock_and(): void {
  if (cond() && tryLock(andMu)) {
    unlock(andMu);
  }
}

// E8 LogicalConditionalTryLock: c || !mu.TryLock() then return
function trylock_or_return(): void {
  if (cond() || !tryLock(orMu)) return;
  unlock(orMu);
}

// E8 LogicalConditionalTryLock: while (c && mu.TryLock())
function trylock_while(): void {
  while (cond() && tryLock(whileMu)) {
    work();
    unlock(whileMu);
  }
}

// c || mu.TryLock(): the then-branch is entered held (trylock path) and not held (c path)
function trylock_or_bad(): void {
  if (cond() || tryLock(orBadMu)) {
    unlock(orBadMu); // expect: inconsistent-lock-state, unlock-not-held
  }
}

// `?:` with constant arms stored in a const local
function trylock_ternary_local(): void {
  const ok = tryLock(ternLocalMu) ? true : false;
  if (ok) unlock(ternLocalMu);
}

// `?:` with constant arms directly in the condition
function trylock_ternary_if(): void {
  if (tryLock(ternIfMu) ? true : false) {
    unlock(ternIfMu);
  }
}

// held only on the success side
function trylock_failure_branch(): void {
  if (tryLock(failMu)) {
    work();
    unlock(failMu);
  } else {
    unlock(failMu); // expect: unlock-not-held
  }
}

// a result that is never tested: the lock never counts as held
function trylock_unchecked(): void {
  tryLock(uncheckedMu);
  unlock(uncheckedMu); // expect: unlock-not-held
}

// success path left held at the end
function trylock_held_at_exit(): void { // expect: lock-held-at-exit
  if (!tryLock(exitMu)) return;
  work();
}

// success branch without an unlock: held on one side of the join
function trylock_no_unlock(): void {
  if (tryLock(noElseMu)) {
    work();
  }
} // expect: inconsistent-lock-state

// two trylocks with &&: the failure of the second leaves the first held on the false exit
function trylock_two_and(): void {
  if (tryLock(bothA) && tryLock(bothB)) {
    unlock(bothB);
    unlock(bothA);
  }
  work(); // expect: inconsistent-lock-state
}

export {
  Guarded, s1_trylock_example, trylock_foo1, trylock_foo2, trylock_negated_locals, trylock_let_local,
  trylock_negated_local_return, trylock_foo8, trylock_foo11, trylock_foo15, trylock_eq_true,
  trylock_eq_false, trylock_neq_false, trylock_false_eq, trylock_eq_true_bad, trylock_and,
  trylock_or_return, trylock_while, trylock_or_bad, trylock_ternary_local, trylock_ternary_if,
  trylock_failure_branch, trylock_unchecked, trylock_held_at_exit, trylock_no_unlock, trylock_two_and,
};
