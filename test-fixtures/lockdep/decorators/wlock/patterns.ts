/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `wlock`.
 * wlock: `kind: "rwlock"`, lock()/unlock() = write_lock/write_unlock.
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
 * Only spinning locks here: no sleep-in-atomic anywhere.
 */
import { defineLock, acquires, releases, returnsHolding } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "rwlock" });
export class Aa {
  // E1: WL(X1); WL(X2), two instances of one class = one lock class here
  @acquires(aa_X, aa_X) // expect: recursive-lock
  e1() {}
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "rwlock" });
const abba_B = defineLock("abba_B", { kind: "rwlock" });
export class Abba {
  // E1: LU2(A, B)
  @acquires(abba_A, abba_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, A)
  @acquires(abba_B, abba_A) // expect: lock-order-inversion
  e2() {}
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "rwlock" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwlock" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwlock" });
export class Abbcca {
  // E1: LU2(A, B)
  @acquires(abbcca_A, abbcca_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, C)
  @acquires(abbcca_B, abbcca_C) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(C, A)
  @acquires(abbcca_C, abbcca_A) // expect: lock-order-inversion
  e3() {}
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "rwlock" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwlock" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwlock" });
export class Abcabc {
  // E1: LU2(A, B)
  @acquires(abcabc_A, abcabc_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, A)
  @acquires(abcabc_C, abcabc_A) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(B, C)
  @acquires(abcabc_B, abcabc_C) // expect: lock-order-inversion
  e3() {}
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwlock" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwlock" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwlock" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwlock" });
export class Abbccdda {
  // E1: LU2(A, B)
  @acquires(abbccdda_A, abbccdda_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(B, C)
  @acquires(abbccdda_B, abbccdda_C) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(C, D)
  @acquires(abbccdda_C, abbccdda_D) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(abbccdda_D, abbccdda_A) // expect: lock-order-inversion
  e4() {}
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwlock" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwlock" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwlock" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwlock" });
export class Abcdbdda {
  // E1: LU2(A, B)
  @acquires(abcdbdda_A, abcdbdda_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, D)
  // C -> D is on no cycle: its site stays silent
  @acquires(abcdbdda_C, abcdbdda_D)
  e2() {}

  // E3: LU2(B, D)
  @acquires(abcdbdda_B, abcdbdda_D) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(abcdbdda_D, abcdbdda_A) // expect: lock-order-inversion
  e4() {}
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwlock" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwlock" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwlock" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwlock" });
export class Abcdbcda {
  // E1: LU2(A, B)
  @acquires(abcdbcda_A, abcdbcda_B) // expect: lock-order-inversion
  e1() {}

  // E2: LU2(C, D)
  @acquires(abcdbcda_C, abcdbcda_D) // expect: lock-order-inversion
  e2() {}

  // E3: LU2(B, C)
  @acquires(abcdbcda_B, abcdbcda_C) // expect: lock-order-inversion
  e3() {}

  // E4: LU2(D, A)
  @acquires(abcdbcda_D, abcdbcda_A) // expect: lock-order-inversion
  e4() {}
}

// ---- double unlock: LOCK(A); UNLOCK(A); UNLOCK(A): F (unlock-not-held on the second release)
// LOCK/UNLOCK are calls to @returnsHolding / @releases methods.
const dunlock_A = defineLock("dunlock_A", { kind: "rwlock" });
export class DoubleUnlock {
  @returnsHolding(dunlock_A)
  take() {}

  @releases(dunlock_A)
  release() {}

  run() {
    this.take();
    this.release();
    this.release(); // expect: unlock-not-held
  }
}

// ---- bad unlock order: LOCK(A); LOCK(B); UNLOCK(A); UNLOCK(B): S (non-nested unlock is legal)
const badorder_A = defineLock("badorder_A", { kind: "rwlock" });
const badorder_B = defineLock("badorder_B", { kind: "rwlock" });
export class BadUnlockOrder {
  @returnsHolding(badorder_A)
  takeA() {}

  @returnsHolding(badorder_B)
  takeB() {}

  @releases(badorder_A)
  releaseA() {}

  @releases(badorder_B)
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
