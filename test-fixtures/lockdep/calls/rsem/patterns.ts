/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `rsem`.
 * rsem: `kind: "rwsem"`, lock(shared(L)) = down_read, a NON-recursive read (SPEC 5.1).
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
import { defineLock, acquires, shared } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "rwsem" });
export class Aa {
  // E1: RSL(X1); RSL(X2), two instances of one class = one lock class here
  @acquires(shared(aa_X))
  e1() {
    this.acquire_aa_X_shared(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(aa_X))
  acquire_aa_X_shared() {}
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "rwsem" });
const abba_B = defineLock("abba_B", { kind: "rwsem" });
export class Abba {
  // E1: LU2(A, B)
  @acquires(shared(abba_A))
  e1() {
    this.acquire_abba_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(B, A)
  @acquires(shared(abba_B))
  e2() {
    this.acquire_abba_A_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abba_B))
  acquire_abba_B_shared() {}
  @acquires(shared(abba_A))
  acquire_abba_A_shared() {}
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "rwsem" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwsem" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwsem" });
export class Abbcca {
  // E1: LU2(A, B)
  @acquires(shared(abbcca_A))
  e1() {
    this.acquire_abbcca_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(B, C)
  @acquires(shared(abbcca_B))
  e2() {
    this.acquire_abbcca_C_shared(); // expect: lock-order-inversion
  }

  // E3: LU2(C, A)
  @acquires(shared(abbcca_C))
  e3() {
    this.acquire_abbcca_A_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abbcca_B))
  acquire_abbcca_B_shared() {}
  @acquires(shared(abbcca_C))
  acquire_abbcca_C_shared() {}
  @acquires(shared(abbcca_A))
  acquire_abbcca_A_shared() {}
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "rwsem" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwsem" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwsem" });
export class Abcabc {
  // E1: LU2(A, B)
  @acquires(shared(abcabc_A))
  e1() {
    this.acquire_abcabc_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(C, A)
  @acquires(shared(abcabc_C))
  e2() {
    this.acquire_abcabc_A_shared(); // expect: lock-order-inversion
  }

  // E3: LU2(B, C)
  @acquires(shared(abcabc_B))
  e3() {
    this.acquire_abcabc_C_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abcabc_B))
  acquire_abcabc_B_shared() {}
  @acquires(shared(abcabc_A))
  acquire_abcabc_A_shared() {}
  @acquires(shared(abcabc_C))
  acquire_abcabc_C_shared() {}
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwsem" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwsem" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwsem" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwsem" });
export class Abbccdda {
  // E1: LU2(A, B)
  @acquires(shared(abbccdda_A))
  e1() {
    this.acquire_abbccdda_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(B, C)
  @acquires(shared(abbccdda_B))
  e2() {
    this.acquire_abbccdda_C_shared(); // expect: lock-order-inversion
  }

  // E3: LU2(C, D)
  @acquires(shared(abbccdda_C))
  e3() {
    this.acquire_abbccdda_D_shared(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(shared(abbccdda_D))
  e4() {
    this.acquire_abbccdda_A_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abbccdda_B))
  acquire_abbccdda_B_shared() {}
  @acquires(shared(abbccdda_C))
  acquire_abbccdda_C_shared() {}
  @acquires(shared(abbccdda_D))
  acquire_abbccdda_D_shared() {}
  @acquires(shared(abbccdda_A))
  acquire_abbccdda_A_shared() {}
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwsem" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwsem" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwsem" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwsem" });
export class Abcdbdda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbdda_A))
  e1() {
    this.acquire_abcdbdda_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(C, D)
  // C -> D is on no cycle: its site stays silent
  @acquires(shared(abcdbdda_C))
  e2() {
    this.acquire_abcdbdda_D_shared();
  }

  // E3: LU2(B, D)
  @acquires(shared(abcdbdda_B))
  e3() {
    this.acquire_abcdbdda_D_shared(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(shared(abcdbdda_D))
  e4() {
    this.acquire_abcdbdda_A_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abcdbdda_B))
  acquire_abcdbdda_B_shared() {}
  @acquires(shared(abcdbdda_D))
  acquire_abcdbdda_D_shared() {}
  @acquires(shared(abcdbdda_A))
  acquire_abcdbdda_A_shared() {}
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwsem" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwsem" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwsem" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwsem" });
export class Abcdbcda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbcda_A))
  e1() {
    this.acquire_abcdbcda_B_shared(); // expect: lock-order-inversion
  }

  // E2: LU2(C, D)
  @acquires(shared(abcdbcda_C))
  e2() {
    this.acquire_abcdbcda_D_shared(); // expect: lock-order-inversion
  }

  // E3: LU2(B, C)
  @acquires(shared(abcdbcda_B))
  e3() {
    this.acquire_abcdbcda_C_shared(); // expect: lock-order-inversion
  }

  // E4: LU2(D, A)
  @acquires(shared(abcdbcda_D))
  e4() {
    this.acquire_abcdbcda_A_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abcdbcda_B))
  acquire_abcdbcda_B_shared() {}
  @acquires(shared(abcdbcda_D))
  acquire_abcdbcda_D_shared() {}
  @acquires(shared(abcdbcda_C))
  acquire_abcdbcda_C_shared() {}
  @acquires(shared(abcdbcda_A))
  acquire_abcdbcda_A_shared() {}
}
