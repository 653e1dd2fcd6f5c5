// Clang thread safety tests, group H: declared order (ACQUIRED_BEFORE / ACQUIRED_AFTER as
// `before:` / `after:`). An observed edge against the declared order (transitively) is a
// declared-order-violation at its site. Every case uses its own locks, and no two cases
// observe edges in opposite directions, so no observed cycle (lock-order-inversion) arises.
import {
  acquires, assertHeld, defineLock, guard, lock, requires, shared, tryLock, unlock,
} from "lockorder";

declare function work(): void;

// H1 AcquiredBeforeAfterText Foo: mu1 ACQUIRED_BEFORE(mu2, mu3)
const h1Mu2 = defineLock("ord.h1_mu2");
const h1Mu3 = defineLock("ord.h1_mu3");
const h1Mu1 = defineLock("ord.h1_mu1", { before: [h1Mu2, h1Mu3] });
// the same declarations again for the violating case
const h1bMu2 = defineLock("ord.h1b_mu2");
const h1bMu1 = defineLock("ord.h1b_mu1", { before: [h1bMu2] });

// H1 test1: in the declared order
function acquired_before_test1(): void {
  lock(h1Mu1);
  lock(h1Mu2);
  lock(h1Mu3);
  unlock(h1Mu3);
  unlock(h1Mu2);
  unlock(h1Mu1);
}

// H1 test2: mu2 then mu1
function acquired_before_test2(): void {
  lock(h1bMu2);
  lock(h1bMu1); // expect: declared-order-violation
  unlock(h1bMu1);
  unlock(h1bMu2);
}

// H2 Foo test4/test5/test6: locks held through @requires count
const h2Mu1 = defineLock("ord.h2_mu1");
const h2Mu2 = defineLock("ord.h2_mu2", { after: [h2Mu1] });
const h2bMu1 = defineLock("ord.h2b_mu1");
const h2bMu2 = defineLock("ord.h2b_mu2", { after: [h2bMu1] });
const h2cMu1 = defineLock("ord.h2c_mu1");
const h2cMu2 = defineLock("ord.h2c_mu2", { after: [h2cMu1] });

class RequiresOrder {
  // test4: REQUIRES(mu1) { mu2.Lock(); }
  @requires(h2Mu1)
  test4(): void {
    lock(h2Mu2);
    unlock(h2Mu2);
  }

  // test5: REQUIRES(mu2) { mu1.Lock(); }
  @requires(h2bMu2)
  test5(): void {
    lock(h2bMu1); // expect: declared-order-violation
    unlock(h2bMu1);
  }

  // test6: REQUIRES(mu2) { mu1.AssertHeld(); }: an assertion acquires nothing (no order
  // check), but here it is a check that fails, since mu1 is not held
  @requires(h2cMu2)
  test6(): void {
    assertHeld(h2cMu1); // expect: requires-not-held
  }
}

// H3 Foo test7/test8: the order of @requires arguments does not matter
const h3a = defineLock("ord.h3_a");
const h3b = defineLock("ord.h3_b", { after: [h3a] });
const h3c = defineLock("ord.h3_c", { after: [h3b] });

class RequiresArgumentOrder {
  @requires(h3a, h3b, h3c)
  test7(): void {
    assertHeld(h3b);
  }

  @requires(h3c, h3b, h3a)
  test8(): void {
    assertHeld(h3b);
  }
}

// H4 Foo2: mu2 ACQUIRED_AFTER(mu1), mu3 ACQUIRED_AFTER(mu1)
const h4Mu1 = defineLock("ord.h4_mu1");
const h4Mu2 = defineLock("ord.h4_mu2", { after: [h4Mu1] });
const h4Mu3 = defineLock("ord.h4_mu3", { after: [h4Mu1] });

// H4: mu3 then mu1
function foo2_test(): void {
  lock(h4Mu3);
  lock(h4Mu1); // expect: declared-order-violation
  unlock(h4Mu1);
  unlock(h4Mu3);
}

// H4: mu2 and mu3 are not ordered with respect to each other
function foo2_unordered(): void {
  lock(h4Mu2);
  lock(h4Mu3);
  unlock(h4Mu3);
  unlock(h4Mu2);
}

// H5 Foo4/Foo5: a transitive DAG mu1 -> {mu2, mu3} -> mu4 -> {mu5, mu6} -> mu7 -> mu8
const h5Mu1 = defineLock("ord.h5_mu1");
const h5Mu2 = defineLock("ord.h5_mu2", { after: [h5Mu1] });
const h5Mu3 = defineLock("ord.h5_mu3", { after: [h5Mu1] });
const h5Mu4 = defineLock("ord.h5_mu4", { after: [h5Mu2, h5Mu3] });
const h5Mu5 = defineLock("ord.h5_mu5", { after: [h5Mu4] });
const h5Mu6 = defineLock("ord.h5_mu6", { after: [h5Mu4] });
const h5Mu7 = defineLock("ord.h5_mu7", { after: [h5Mu5, h5Mu6] });
const h5Mu8 = defineLock("ord.h5_mu8", { after: [h5Mu7] });

// H5: mu8 then mu1 violates the transitive order
function transitive_dag_bad(): void {
  lock(h5Mu8);
  lock(h5Mu1); // expect: declared-order-violation
  unlock(h5Mu1);
  unlock(h5Mu8);
}

// H5: mu3 then mu6 follows the transitive order
function transitive_dag_good(): void {
  lock(h5Mu3);
  lock(h5Mu6);
  unlock(h5Mu6);
  unlock(h5Mu3);
}

// H5: mu5 and mu6 are siblings, not ordered
function transitive_dag_siblings(): void {
  lock(h5Mu5);
  lock(h5Mu6);
  unlock(h5Mu6);
  unlock(h5Mu5);
}

// H6 Foo6: cycles in the declared order, reported on each declaration on the cycle
const h6Mu1 = defineLock("ord.h6_mu1", { after: ["ord.h6_mu3"] }); // expect: declared-order-cycle
const h6Mu2 = defineLock("ord.h6_mu2", { after: [h6Mu1] }); // expect: declared-order-cycle
const h6Mu3 = defineLock("ord.h6_mu3", { after: [h6Mu2] }); // expect: declared-order-cycle
const h6MuB = defineLock("ord.h6_mu_b", { before: ["ord.h6_mu_b"] }); // expect: declared-order-cycle
const h6MuA = defineLock("ord.h6_mu_a", { after: ["ord.h6_mu_a"] }); // expect: declared-order-cycle

// H7 more_complex_attributes: lock1 ACQUIRED_BEFORE(lock), lock2 ACQUIRED_AFTER(lock)
const h7Lock = defineLock("ord.h7_lock");
const h7Lock1 = defineLock("ord.h7_lock1", { before: [h7Lock] });
const h7Lock2 = defineLock("ord.h7_lock2", { after: [h7Lock] });

// H7: lock then lock1
function more_complex_1(): void {
  lock(h7Lock);
  lock(h7Lock1); // expect: declared-order-violation
  unlock(h7Lock1);
  unlock(h7Lock);
}

// H7: lock2 then lock
function more_complex_2(): void {
  lock(h7Lock2);
  lock(h7Lock); // expect: declared-order-violation
  unlock(h7Lock);
  unlock(h7Lock2);
}

// the mode does not matter for the declared order
const hmMu = defineLock("ord.mode_mu");
const hmSem = defineLock("ord.mode_sem", { kind: "rwsem", after: [hmMu] });

// H1 test2 (shape) with the holder in read mode
function order_violation_under_read(): void {
  lock(shared(hmSem));
  lock(hmMu); // expect: declared-order-violation
  unlock(hmMu);
  unlock(shared(hmSem));
}

// a violation through a call is sited at the call expression
const hcA = defineLock("ord.call_a");
const hcB = defineLock("ord.call_b", { after: [hcA] });

class TakesA {
  @acquires(hcA)
  takeA(): void {}
}

// B held, then a call to an @acquires(A) method
function order_violation_through_call(t: TakesA): void {
  lock(hcB);
  t.takeA(); // expect: declared-order-violation
  unlock(hcB);
}

// a trylock against the order creates no edge into its lock, so no violation
const htA = defineLock("ord.try_a");
const htB = defineLock("ord.try_b", { after: [htA] });

// B held, then tryLock(A)
function trylock_against_order(): void {
  lock(htB);
  if (tryLock(htA)) {
    work();
    unlock(htA);
  }
  unlock(htB);
}

// a guard against the order is sited at the guard's argument
const hgA = defineLock("ord.guard_a");
const hgB = defineLock("ord.guard_b", { after: [hgA] });

// B held, then using g = guard(A)
function guard_against_order(): void {
  lock(hgB);
  {
    using g = guard(hgA); // expect: declared-order-violation
    work();
  }
  unlock(hgB);
}

export {
  acquired_before_test1, acquired_before_test2, RequiresOrder, RequiresArgumentOrder, foo2_test,
  foo2_unordered, transitive_dag_bad, transitive_dag_good, transitive_dag_siblings, h6Mu3, h6MuB, h6MuA,
  more_complex_1, more_complex_2, order_violation_under_read, order_violation_through_call,
  trylock_against_order, guard_against_order,
};
