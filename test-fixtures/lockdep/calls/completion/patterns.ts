/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `completion`.
 * completion: `kind: "completion"`, the region lock(C) ... unlock(C) (SPEC 4.4). Not a
 * lockdep selftest column: added here; a wait pseudo-lock deadlocks like a mutex.
 *
 * Form: nested calls. Each lockdep event LU2(x, y) is `@acquires(x) eN() { this.acquire_y(); }`
 * calling `@acquires(y) acquire_y() {}`; the edge x -> y is sited at the call (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                F (recursive-lock)
 *   A-B-B-A deadlock            F (lock-order-inversion)
 *   A-B-B-C-C-A deadlock        F (lock-order-inversion)
 *   A-B-C-A-B-C deadlock        F (lock-order-inversion)
 *   A-B-B-C-C-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-C-D-A deadlock    F (lock-order-inversion)
 *   (double unlock / bad unlock order: in ../../straight and ../../decorators; they
 *    are not LU2 events, so this form has no separate variant of them)
 *   initialize held             skipped: no analogue (a lock class cannot be re-initialised)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only sleeping locks here and no spinning lock is ever held: no sleep-in-atomic.
 */
import { defineLock, acquires } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "completion" });
export class Aa {
  // E1: LOCK(X1); LOCK(X2), two instances of one class = one lock class here
  @acquires(aa_X)
  e1() {
    this.acquire_aa_X(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(aa_X)
  acquire_aa_X() {}
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "completion" });
const abba_B = defineLock("abba_B", { kind: "completion" });
export class Abba {
  // E1: LU2(A, B)
  @acquires(abba_A)
  e1() {
    this.acquire_abba_B(); // expect: lock-order-inversion
  }

  // E2: LU2(B, A)
  @acquires(abba_B)
  e2() {
    this.acquire_abba_A(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abba_B)
  acquire_abba_B() {}
  @acquires(abba_A)
  acquire_abba_A() {}
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "completion" });
const abbcca_B = defineLock("abbcca_B", { kind: "completion" });
const abbcca_C = defineLock("abbcca_C", { kind: "completion" });
export class Abbcca {
  // E1: LU2(A, B)
  @acquires(abbcca_A)
  e1() {
    this.acquire_abbcca_B(); // expect: lock-order-inversion
  }

  // E2: LU2(B, C)
  @acquires(abbcca_B)
  e2() {
    this.acquire_abbcca_C(); // expect: lock-order-inversion
  }

  // E3: LU2(C, A)
  @acquires(abbcca_C)
  e3() {
    this.acquire_abbcca_A(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abbcca_B)
  acquire_abbcca_B() {}
  @acquires(abbcca_C)
  acquire_abbcca_C() {}
  @acquires(abbcca_A)
  acquire_abbcca_A() {}
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "completion" });
const abcabc_B = defineLock("abcabc_B", { kind: "completion" });
const abcabc_C = defineLock("abcabc_C", { kind: "completion" });
export class Abcabc {
  // E1: LU2(A, B)
  @acquires(abcabc_A)
  e1() {
    this.acquire_abcabc_B(); // expect: lock-order-inversion
  }

  // E2: LU2(C, A)
  @acquires(abcabc_C)
  e2() {
    this.acquire_abcabc_A(); // expect: lock-order-inversion
  }

  // E3: LU2(B, C)
  @acquires(abcabc_B)
  e3() {
    this.acquire_abcabc_C(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abcabc_B)
  acquire_abcabc_B() {}
  @acquires(abcabc_A)
  acquire_abcabc_A() {}
  @acquires(abcabc_C)
  acquire_abcabc_C() {}
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "completion" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "completion" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "completion" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "completion" });
export class Abbccdda {
  // E1: LU2(A, B)
  @acquires(abbccdda_A)
  e1() {
    this.acquire_abbccdda_B(); // expect: lock-order-inversion
  }

  // E2: LU2(B, C)
  @acquires(abbccdda_B)
  e2() {
    this.acquire_abbccdda_C(); // expect: lock-order-inversion
  }

  // E3: LU2(C, D)
  @acquires(abbccdda_C)
  e3() {
    this.acquire_abbccdda_D(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(abbccdda_D)
  e4() {
    this.acquire_abbccdda_A(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abbccdda_B)
  acquire_abbccdda_B() {}
  @acquires(abbccdda_C)
  acquire_abbccdda_C() {}
  @acquires(abbccdda_D)
  acquire_abbccdda_D() {}
  @acquires(abbccdda_A)
  acquire_abbccdda_A() {}
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "completion" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "completion" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "completion" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "completion" });
export class Abcdbdda {
  // E1: LU2(A, B)
  @acquires(abcdbdda_A)
  e1() {
    this.acquire_abcdbdda_B(); // expect: lock-order-inversion
  }

  // E2: LU2(C, D)
  // C -> D is on no cycle: its site stays silent
  @acquires(abcdbdda_C)
  e2() {
    this.acquire_abcdbdda_D();
  }

  // E3: LU2(B, D)
  @acquires(abcdbdda_B)
  e3() {
    this.acquire_abcdbdda_D(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(abcdbdda_D)
  e4() {
    this.acquire_abcdbdda_A(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abcdbdda_B)
  acquire_abcdbdda_B() {}
  @acquires(abcdbdda_D)
  acquire_abcdbdda_D() {}
  @acquires(abcdbdda_A)
  acquire_abcdbdda_A() {}
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "completion" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "completion" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "completion" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "completion" });
export class Abcdbcda {
  // E1: LU2(A, B)
  @acquires(abcdbcda_A)
  e1() {
    this.acquire_abcdbcda_B(); // expect: lock-order-inversion
  }

  // E2: LU2(C, D)
  @acquires(abcdbcda_C)
  e2() {
    this.acquire_abcdbcda_D(); // expect: lock-order-inversion
  }

  // E3: LU2(B, C)
  @acquires(abcdbcda_B)
  e3() {
    this.acquire_abcdbcda_C(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(abcdbcda_D)
  e4() {
    this.acquire_abcdbcda_A(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(abcdbcda_B)
  acquire_abcdbcda_B() {}
  @acquires(abcdbcda_D)
  acquire_abcdbcda_D() {}
  @acquires(abcdbcda_C)
  acquire_abcdbcda_C() {}
  @acquires(abcdbcda_A)
  acquire_abcdbcda_A() {}
}
