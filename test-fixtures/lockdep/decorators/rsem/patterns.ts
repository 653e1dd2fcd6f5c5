/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `rsem`.
 * rsem: `kind: "rwsem"`, lock(shared(L)) = down_read, a NON-recursive read (SPEC 5.1).
 *
 * Form: decorators. Each lockdep event LU2(x, y) is one method `@acquires(x, y) eN() {}`; the
 * edge x -> y is sited at the decorator's second argument, i.e. on the decorator line (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                F (recursive-lock)
 *   A-B-B-A deadlock            F (lock-order-inversion)
 *   A-B-B-C-C-A deadlock        F (lock-order-inversion)
 *   A-B-C-A-B-C deadlock        F (lock-order-inversion)
 *   A-B-B-C-C-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-C-D-A deadlock    F (lock-order-inversion)
 *   double unlock               F (unlock-not-held)
 *   bad unlock order            S
 *   initialize held             skipped: no analogue (see the end of this file)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only sleeping locks here and no spinning lock is ever held: no sleep-in-atomic.
 */
import { defineLock, acquires, releases, returnsHolding, shared } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "rwsem" });
export class Aa {
  // E1: RSL(X1); RSL(X2), two instances of one class = one lock class here
  @acquires(shared(aa_X), shared(aa_X)) // expect: recursive-lock
  e1() {}
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "rwsem" });
const abba_B = defineLock("abba_B", { kind: "rwsem" });
export class Abba {
  // E1: LU2(A, B)
  @acquires(shared(abba_A), shared(abba_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, A)
  @acquires(shared(abba_B), shared(abba_A)) // expect: lock-order-inversion
  e2() {}
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "rwsem" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwsem" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwsem" });
export class Abbcca {
  // E1: LU2(A, B)
  @acquires(shared(abbcca_A), shared(abbcca_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, C)
  @acquires(shared(abbcca_B), shared(abbcca_C)) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(C, A)
  @acquires(shared(abbcca_C), shared(abbcca_A)) // expect: lock-order-inversion
  e3() {}
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "rwsem" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwsem" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwsem" });
export class Abcabc {
  // E1: LU2(A, B)
  @acquires(shared(abcabc_A), shared(abcabc_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, A)
  @acquires(shared(abcabc_C), shared(abcabc_A)) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(B, C)
  @acquires(shared(abcabc_B), shared(abcabc_C)) // expect: lock-order-inversion
  e3() {}
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwsem" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwsem" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwsem" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwsem" });
export class Abbccdda {
  // E1: LU2(A, B)
  @acquires(shared(abbccdda_A), shared(abbccdda_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, C)
  @acquires(shared(abbccdda_B), shared(abbccdda_C)) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(C, D)
  @acquires(shared(abbccdda_C), shared(abbccdda_D)) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(shared(abbccdda_D), shared(abbccdda_A)) // expect: lock-order-inversion
  e4() {}
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwsem" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwsem" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwsem" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwsem" });
export class Abcdbdda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbdda_A), shared(abcdbdda_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, D)
  // C -> D is on no cycle: its site stays silent
  @acquires(shared(abcdbdda_C), shared(abcdbdda_D))
  e2() {}

  // E3: LU2(B, D)
  @acquires(shared(abcdbdda_B), shared(abcdbdda_D)) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(shared(abcdbdda_D), shared(abcdbdda_A)) // expect: lock-order-inversion
  e4() {}
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwsem" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwsem" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwsem" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwsem" });
export class Abcdbcda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbcda_A), shared(abcdbcda_B)) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, D)
  @acquires(shared(abcdbcda_C), shared(abcdbcda_D)) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(B, C)
  @acquires(shared(abcdbcda_B), shared(abcdbcda_C)) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(shared(abcdbcda_D), shared(abcdbcda_A)) // expect: lock-order-inversion
  e4() {}
}

// ---- double unlock: LOCK(A); UNLOCK(A); UNLOCK(A): F (unlock-not-held on the second release)
// LOCK/UNLOCK are calls to @returnsHolding / @releases methods.
const dunlock_A = defineLock("dunlock_A", { kind: "rwsem" });
export class DoubleUnlock {
  @returnsHolding(shared(dunlock_A))
  take() {}

  @releases(shared(dunlock_A))
  release() {}

  run() {
    this.take();
    this.release();
    this.release(); // expect: unlock-not-held
  }
}

// ---- bad unlock order: LOCK(A); LOCK(B); UNLOCK(A); UNLOCK(B): S (non-nested unlock is legal)
const badorder_A = defineLock("badorder_A", { kind: "rwsem" });
const badorder_B = defineLock("badorder_B", { kind: "rwsem" });
export class BadUnlockOrder {
  @returnsHolding(shared(badorder_A))
  takeA() {}

  @returnsHolding(shared(badorder_B))
  takeB() {}

  @releases(shared(badorder_A))
  releaseA() {}

  @releases(shared(badorder_B))
  releaseB() {}

  run() {
    this.takeA();
    this.takeB();
    this.releaseA();
    this.releaseB();
  }
}

// initialize held (LOCK(A); INIT(A)): skipped, a model cannot re-initialise a lock class
// (defineLock declares a class once), so the row has no analogue.
