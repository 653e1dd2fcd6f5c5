/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `rsem`.
 * rsem: `kind: "rwsem"`, lock(shared(L)) = down_read, a NON-recursive read (SPEC 5.1).
 *
 * Form: straight-line bodies. Each lockdep event LU2(x, y) = LOCK(x); LOCK(y); UNLOCK(y);
 * UNLOCK(x) is one free function; an edge x -> y is sited at y in `lock(y)` (SPEC 5.2).
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
import { defineLock, lock, unlock, shared } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "rwsem" });

// E1: RSL(X1); RSL(X2), two instances of one class = one lock class here
export function aa_e1(): void {
  lock(shared(aa_X));
  lock(shared(aa_X)); // expect: recursive-lock
  unlock(shared(aa_X));
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "rwsem" });
const abba_B = defineLock("abba_B", { kind: "rwsem" });

// E1: LU2(A, B)
export function abba_e1(): void {
  lock(shared(abba_A));
  lock(shared(abba_B)); // expect: lock-order-inversion
  unlock(shared(abba_B));
  unlock(shared(abba_A));
}

// E2: LU2(B, A)
export function abba_e2(): void {
  lock(shared(abba_B));
  lock(shared(abba_A)); // expect: lock-order-inversion
  unlock(shared(abba_A));
  unlock(shared(abba_B));
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "rwsem" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwsem" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwsem" });

// E1: LU2(A, B)
export function abbcca_e1(): void {
  lock(shared(abbcca_A));
  lock(shared(abbcca_B)); // expect: lock-order-inversion
  unlock(shared(abbcca_B));
  unlock(shared(abbcca_A));
}

// E2: LU2(B, C)
export function abbcca_e2(): void {
  lock(shared(abbcca_B));
  lock(shared(abbcca_C)); // expect: lock-order-inversion
  unlock(shared(abbcca_C));
  unlock(shared(abbcca_B));
}

// E3: LU2(C, A)
export function abbcca_e3(): void {
  lock(shared(abbcca_C));
  lock(shared(abbcca_A)); // expect: lock-order-inversion
  unlock(shared(abbcca_A));
  unlock(shared(abbcca_C));
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "rwsem" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwsem" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwsem" });

// E1: LU2(A, B)
export function abcabc_e1(): void {
  lock(shared(abcabc_A));
  lock(shared(abcabc_B)); // expect: lock-order-inversion
  unlock(shared(abcabc_B));
  unlock(shared(abcabc_A));
}

// E2: LU2(C, A)
export function abcabc_e2(): void {
  lock(shared(abcabc_C));
  lock(shared(abcabc_A)); // expect: lock-order-inversion
  unlock(shared(abcabc_A));
  unlock(shared(abcabc_C));
}

// E3: LU2(B, C)
export function abcabc_e3(): void {
  lock(shared(abcabc_B));
  lock(shared(abcabc_C)); // expect: lock-order-inversion
  unlock(shared(abcabc_C));
  unlock(shared(abcabc_B));
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwsem" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwsem" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwsem" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwsem" });

// E1: LU2(A, B)
export function abbccdda_e1(): void {
  lock(shared(abbccdda_A));
  lock(shared(abbccdda_B)); // expect: lock-order-inversion
  unlock(shared(abbccdda_B));
  unlock(shared(abbccdda_A));
}

// E2: LU2(B, C)
export function abbccdda_e2(): void {
  lock(shared(abbccdda_B));
  lock(shared(abbccdda_C)); // expect: lock-order-inversion
  unlock(shared(abbccdda_C));
  unlock(shared(abbccdda_B));
}

// E3: LU2(C, D)
export function abbccdda_e3(): void {
  lock(shared(abbccdda_C));
  lock(shared(abbccdda_D)); // expect: lock-order-inversion
  unlock(shared(abbccdda_D));
  unlock(shared(abbccdda_C));
}

// E4: LU2(D, A)
export function abbccdda_e4(): void {
  lock(shared(abbccdda_D));
  lock(shared(abbccdda_A)); // expect: lock-order-inversion
  unlock(shared(abbccdda_A));
  unlock(shared(abbccdda_D));
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwsem" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwsem" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwsem" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwsem" });

// E1: LU2(A, B)
export function abcdbdda_e1(): void {
  lock(shared(abcdbdda_A));
  lock(shared(abcdbdda_B)); // expect: lock-order-inversion
  unlock(shared(abcdbdda_B));
  unlock(shared(abcdbdda_A));
}

// E2: LU2(C, D)
// C -> D is on no cycle: its site stays silent
export function abcdbdda_e2(): void {
  lock(shared(abcdbdda_C));
  lock(shared(abcdbdda_D));
  unlock(shared(abcdbdda_D));
  unlock(shared(abcdbdda_C));
}

// E3: LU2(B, D)
export function abcdbdda_e3(): void {
  lock(shared(abcdbdda_B));
  lock(shared(abcdbdda_D)); // expect: lock-order-inversion
  unlock(shared(abcdbdda_D));
  unlock(shared(abcdbdda_B));
}

// E4: LU2(D, A)
export function abcdbdda_e4(): void {
  lock(shared(abcdbdda_D));
  lock(shared(abcdbdda_A)); // expect: lock-order-inversion
  unlock(shared(abcdbdda_A));
  unlock(shared(abcdbdda_D));
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwsem" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwsem" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwsem" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwsem" });

// E1: LU2(A, B)
export function abcdbcda_e1(): void {
  lock(shared(abcdbcda_A));
  lock(shared(abcdbcda_B)); // expect: lock-order-inversion
  unlock(shared(abcdbcda_B));
  unlock(shared(abcdbcda_A));
}

// E2: LU2(C, D)
export function abcdbcda_e2(): void {
  lock(shared(abcdbcda_C));
  lock(shared(abcdbcda_D)); // expect: lock-order-inversion
  unlock(shared(abcdbcda_D));
  unlock(shared(abcdbcda_C));
}

// E3: LU2(B, C)
export function abcdbcda_e3(): void {
  lock(shared(abcdbcda_B));
  lock(shared(abcdbcda_C)); // expect: lock-order-inversion
  unlock(shared(abcdbcda_C));
  unlock(shared(abcdbcda_B));
}

// E4: LU2(D, A)
export function abcdbcda_e4(): void {
  lock(shared(abcdbcda_D));
  lock(shared(abcdbcda_A)); // expect: lock-order-inversion
  unlock(shared(abcdbcda_A));
  unlock(shared(abcdbcda_D));
}

// ---- double unlock: LOCK(A); UNLOCK(A); UNLOCK(A): F (unlock-not-held on the second unlock)
const dunlock_A = defineLock("dunlock_A", { kind: "rwsem" });

export function double_unlock(): void {
  lock(shared(dunlock_A));
  unlock(shared(dunlock_A));
  unlock(shared(dunlock_A)); // expect: unlock-not-held
}

// ---- bad unlock order: LOCK(A); LOCK(B); UNLOCK(A); UNLOCK(B): S (non-nested unlock is legal)
const badorder_A = defineLock("badorder_A", { kind: "rwsem" });
const badorder_B = defineLock("badorder_B", { kind: "rwsem" });

export function bad_unlock_order(): void {
  lock(shared(badorder_A));
  lock(shared(badorder_B));
  unlock(shared(badorder_A));
  unlock(shared(badorder_B));
}

// initialize held (LOCK(A); INIT(A)): skipped, a model cannot re-initialise a lock class
// (defineLock declares a class once), so the row has no analogue.
