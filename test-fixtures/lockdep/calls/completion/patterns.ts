/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `completion` (not a lockdep selftest
 * column: added here). A completion is lockdep's flush/wait pseudo-lock (SPEC 4.4): the code that
 * must finish before the waiters proceed is a region lock(C) ... unlock(C) (or @acquires(C)), and
 * waitFor(C) is wait_for_completion() / flush_work(). Entering a region never waits (it sets a busy
 * flag), so it makes no edge into C; a wait does. Lockdep's event LU2(x, y) = LOCK(x); LOCK(y) is
 * therefore W(x, y): a wait for y inside x's region, an edge x -> y. A cycle of such events is a
 * deadlock: each region waits for the next one to end (flush_work() of a work that flushes the first).
 *
 * Form: nested calls. Each event W(x, y) is `@acquires(x) eN() { this.wait_y(); }` calling
 * `wait_y() { waitFor(y); }`; the edge x -> y is sited at the call (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                F (recursive-lock: waiting inside one's own region)
 *   A-B-B-A deadlock            F (lock-order-inversion)
 *   A-B-B-C-C-A deadlock        F (lock-order-inversion)
 *   A-B-C-A-B-C deadlock        F (lock-order-inversion)
 *   A-B-B-C-C-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-C-D-A deadlock    F (lock-order-inversion)
 *   (double unlock / bad unlock order: in ../../straight and ../../decorators; they
 *    are not LU2 events, so this form has no separate variant of them)
 *   initialize held             skipped: no analogue (a lock class cannot be re-initialised)
 *   regions only (not a row)    S for A-B-B-A entered as regions (no edge into a region), F for
 *                               entering a region already held (recursive-lock)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only sleeping locks here and no spinning lock is ever held: no sleep-in-atomic.
 */
import { defineLock, acquires, waitFor } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the call (a region waiting for its own end)
const aa_X = defineLock("aa_X", { kind: "completion" });
export class Aa {
  // E1: LOCK(X); WAIT(X)
  @acquires(aa_X)
  e1() {
    this.wait_aa_X(); // expect: recursive-lock
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_aa_X() {
    waitFor(aa_X);
  }
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "completion" });
const abba_B = defineLock("abba_B", { kind: "completion" });
export class Abba {
  // E1: W(A, B)
  @acquires(abba_A)
  e1() {
    this.wait_abba_B(); // expect: lock-order-inversion
  }

  // E2: W(B, A)
  @acquires(abba_B)
  e2() {
    this.wait_abba_A(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abba_B() {
    waitFor(abba_B);
  }
  wait_abba_A() {
    waitFor(abba_A);
  }
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "completion" });
const abbcca_B = defineLock("abbcca_B", { kind: "completion" });
const abbcca_C = defineLock("abbcca_C", { kind: "completion" });
export class Abbcca {
  // E1: W(A, B)
  @acquires(abbcca_A)
  e1() {
    this.wait_abbcca_B(); // expect: lock-order-inversion
  }

  // E2: W(B, C)
  @acquires(abbcca_B)
  e2() {
    this.wait_abbcca_C(); // expect: lock-order-inversion
  }

  // E3: W(C, A)
  @acquires(abbcca_C)
  e3() {
    this.wait_abbcca_A(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abbcca_B() {
    waitFor(abbcca_B);
  }
  wait_abbcca_C() {
    waitFor(abbcca_C);
  }
  wait_abbcca_A() {
    waitFor(abbcca_A);
  }
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "completion" });
const abcabc_B = defineLock("abcabc_B", { kind: "completion" });
const abcabc_C = defineLock("abcabc_C", { kind: "completion" });
export class Abcabc {
  // E1: W(A, B)
  @acquires(abcabc_A)
  e1() {
    this.wait_abcabc_B(); // expect: lock-order-inversion
  }

  // E2: W(C, A)
  @acquires(abcabc_C)
  e2() {
    this.wait_abcabc_A(); // expect: lock-order-inversion
  }

  // E3: W(B, C)
  @acquires(abcabc_B)
  e3() {
    this.wait_abcabc_C(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abcabc_B() {
    waitFor(abcabc_B);
  }
  wait_abcabc_A() {
    waitFor(abcabc_A);
  }
  wait_abcabc_C() {
    waitFor(abcabc_C);
  }
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "completion" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "completion" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "completion" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "completion" });
export class Abbccdda {
  // E1: W(A, B)
  @acquires(abbccdda_A)
  e1() {
    this.wait_abbccdda_B(); // expect: lock-order-inversion
  }

  // E2: W(B, C)
  @acquires(abbccdda_B)
  e2() {
    this.wait_abbccdda_C(); // expect: lock-order-inversion
  }

  // E3: W(C, D)
  @acquires(abbccdda_C)
  e3() {
    this.wait_abbccdda_D(); // expect: lock-order-inversion
  }

  // E4: W(D, A)
  @acquires(abbccdda_D)
  e4() {
    this.wait_abbccdda_A(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abbccdda_B() {
    waitFor(abbccdda_B);
  }
  wait_abbccdda_C() {
    waitFor(abbccdda_C);
  }
  wait_abbccdda_D() {
    waitFor(abbccdda_D);
  }
  wait_abbccdda_A() {
    waitFor(abbccdda_A);
  }
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "completion" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "completion" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "completion" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "completion" });
export class Abcdbdda {
  // E1: W(A, B)
  @acquires(abcdbdda_A)
  e1() {
    this.wait_abcdbdda_B(); // expect: lock-order-inversion
  }

  // E2: W(C, D)
  // C -> D is on no cycle: its site stays silent
  @acquires(abcdbdda_C)
  e2() {
    this.wait_abcdbdda_D();
  }

  // E3: W(B, D)
  @acquires(abcdbdda_B)
  e3() {
    this.wait_abcdbdda_D(); // expect: lock-order-inversion
  }

  // E4: W(D, A)
  @acquires(abcdbdda_D)
  e4() {
    this.wait_abcdbdda_A(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abcdbdda_B() {
    waitFor(abcdbdda_B);
  }
  wait_abcdbdda_D() {
    waitFor(abcdbdda_D);
  }
  wait_abcdbdda_A() {
    waitFor(abcdbdda_A);
  }
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "completion" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "completion" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "completion" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "completion" });
export class Abcdbcda {
  // E1: W(A, B)
  @acquires(abcdbcda_A)
  e1() {
    this.wait_abcdbcda_B(); // expect: lock-order-inversion
  }

  // E2: W(C, D)
  @acquires(abcdbcda_C)
  e2() {
    this.wait_abcdbcda_D(); // expect: lock-order-inversion
  }

  // E3: W(B, C)
  @acquires(abcdbcda_B)
  e3() {
    this.wait_abcdbcda_C(); // expect: lock-order-inversion
  }

  // E4: W(D, A)
  @acquires(abcdbcda_D)
  e4() {
    this.wait_abcdbcda_A(); // expect: lock-order-inversion
  }

  // leaves: each waits for one completion, holding nothing, so they add no edge of their own
  wait_abcdbcda_B() {
    waitFor(abcdbcda_B);
  }
  wait_abcdbcda_D() {
    waitFor(abcdbcda_D);
  }
  wait_abcdbcda_C() {
    waitFor(abcdbcda_C);
  }
  wait_abcdbcda_A() {
    waitFor(abcdbcda_A);
  }
}

// ---- regions only: A-B-B-A with the callee entering y's region by @acquires(y): S. Entering a
// region never waits, at any depth of a call chain: no edge x -> y.
const regions_A = defineLock("regions_A", { kind: "completion" });
const regions_B = defineLock("regions_B", { kind: "completion" });
const regions_X = defineLock("regions_X", { kind: "completion" });
export class RegionsOnly {
  @acquires(regions_A)
  e1() {
    this.enter_regions_B();
  }

  @acquires(regions_B)
  e2() {
    this.enter_regions_A();
  }

  // Entering a region already held: F (recursive-lock; one busy flag cannot be set twice).
  @acquires(regions_X)
  aa() {
    this.enter_regions_X(); // expect: recursive-lock
  }

  @acquires(regions_A)
  enter_regions_A() {}

  @acquires(regions_B)
  enter_regions_B() {}

  @acquires(regions_X)
  enter_regions_X() {}
}
