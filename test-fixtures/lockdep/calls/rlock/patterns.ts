/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `rlock`.
 * rlock: `kind: "rwlock"`, lock(shared(L)) = read_lock, a RECURSIVE read (SPEC 5.1).
 *
 * Form: nested calls. Each lockdep event LU2(x, y) is `@acquires(x) eN() { this.acquire_y(); }`
 * calling `@acquires(y) acquire_y() {}`; the edge x -> y is sited at the call (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                S
 *   A-B-B-A deadlock            S
 *   A-B-B-C-C-A deadlock        S
 *   A-B-C-A-B-C deadlock        S
 *   A-B-B-C-C-D-D-A deadlock    S
 *   A-B-C-D-B-D-D-A deadlock    S
 *   A-B-C-D-B-C-D-A deadlock    S
 *   (double unlock / bad unlock order: in ../../straight and ../../decorators; they
 *    are not LU2 events, so this form has no separate variant of them)
 *   initialize held             skipped: no analogue (a lock class cannot be re-initialised)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only spinning locks here: no sleep-in-atomic anywhere.
 */
import { defineLock, acquires, shared } from "lockorder";

// ---- A-A deadlock (AA): S (a recursive read nested in a read of the same lock, SPEC 5.1)
const aa_X = defineLock("aa_X", { kind: "rwlock" });
export class Aa {
  // E1: RL(X1); RL(X2), two instances of one class = one lock class here
  @acquires(shared(aa_X))
  e1() {
    this.acquire_aa_X_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(aa_X))
  acquire_aa_X_shared() {}
}

// ---- A-B-B-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abba_A = defineLock("abba_A", { kind: "rwlock" });
const abba_B = defineLock("abba_B", { kind: "rwlock" });
export class Abba {
  // E1: LU2(A, B)
  @acquires(shared(abba_A))
  e1() {
    this.acquire_abba_B_shared();
  }

  // E2: LU2(B, A)
  @acquires(shared(abba_B))
  e2() {
    this.acquire_abba_A_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abba_B))
  acquire_abba_B_shared() {}
  @acquires(shared(abba_A))
  acquire_abba_A_shared() {}
}

// ---- A-B-B-C-C-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abbcca_A = defineLock("abbcca_A", { kind: "rwlock" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwlock" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwlock" });
export class Abbcca {
  // E1: LU2(A, B)
  @acquires(shared(abbcca_A))
  e1() {
    this.acquire_abbcca_B_shared();
  }

  // E2: LU2(B, C)
  @acquires(shared(abbcca_B))
  e2() {
    this.acquire_abbcca_C_shared();
  }

  // E3: LU2(C, A)
  @acquires(shared(abbcca_C))
  e3() {
    this.acquire_abbcca_A_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abbcca_B))
  acquire_abbcca_B_shared() {}
  @acquires(shared(abbcca_C))
  acquire_abbcca_C_shared() {}
  @acquires(shared(abbcca_A))
  acquire_abbcca_A_shared() {}
}

// ---- A-B-C-A-B-C deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcabc_A = defineLock("abcabc_A", { kind: "rwlock" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwlock" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwlock" });
export class Abcabc {
  // E1: LU2(A, B)
  @acquires(shared(abcabc_A))
  e1() {
    this.acquire_abcabc_B_shared();
  }

  // E2: LU2(C, A)
  @acquires(shared(abcabc_C))
  e2() {
    this.acquire_abcabc_A_shared();
  }

  // E3: LU2(B, C)
  @acquires(shared(abcabc_B))
  e3() {
    this.acquire_abcabc_C_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abcabc_B))
  acquire_abcabc_B_shared() {}
  @acquires(shared(abcabc_A))
  acquire_abcabc_A_shared() {}
  @acquires(shared(abcabc_C))
  acquire_abcabc_C_shared() {}
}

// ---- A-B-B-C-C-D-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwlock" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwlock" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwlock" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwlock" });
export class Abbccdda {
  // E1: LU2(A, B)
  @acquires(shared(abbccdda_A))
  e1() {
    this.acquire_abbccdda_B_shared();
  }

  // E2: LU2(B, C)
  @acquires(shared(abbccdda_B))
  e2() {
    this.acquire_abbccdda_C_shared();
  }

  // E3: LU2(C, D)
  @acquires(shared(abbccdda_C))
  e3() {
    this.acquire_abbccdda_D_shared();
  }

  // E4: LU2(D, A)
  @acquires(shared(abbccdda_D))
  e4() {
    this.acquire_abbccdda_A_shared();
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

// ---- A-B-C-D-B-D-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwlock" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwlock" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwlock" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwlock" });
export class Abcdbdda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbdda_A))
  e1() {
    this.acquire_abcdbdda_B_shared();
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
    this.acquire_abcdbdda_D_shared();
  }

  // E4: LU2(D, A)
  @acquires(shared(abcdbdda_D))
  e4() {
    this.acquire_abcdbdda_A_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(abcdbdda_B))
  acquire_abcdbdda_B_shared() {}
  @acquires(shared(abcdbdda_D))
  acquire_abcdbdda_D_shared() {}
  @acquires(shared(abcdbdda_A))
  acquire_abcdbdda_A_shared() {}
}

// ---- A-B-C-D-B-C-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwlock" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwlock" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwlock" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwlock" });
export class Abcdbcda {
  // E1: LU2(A, B)
  @acquires(shared(abcdbcda_A))
  e1() {
    this.acquire_abcdbcda_B_shared();
  }

  // E2: LU2(C, D)
  @acquires(shared(abcdbcda_C))
  e2() {
    this.acquire_abcdbcda_D_shared();
  }

  // E3: LU2(B, C)
  @acquires(shared(abcdbcda_B))
  e3() {
    this.acquire_abcdbcda_C_shared();
  }

  // E4: LU2(D, A)
  @acquires(shared(abcdbcda_D))
  e4() {
    this.acquire_abcdbcda_A_shared();
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
