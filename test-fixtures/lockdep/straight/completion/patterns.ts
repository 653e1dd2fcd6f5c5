/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `completion`.
 * completion: `kind: "completion"`, the region lock(C) ... unlock(C) (SPEC 4.4). Not a
 * lockdep selftest column: added here; a wait pseudo-lock deadlocks like a mutex.
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
import { defineLock, lock, unlock } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the second acquisition
const aa_X = defineLock("aa_X", { kind: "completion" });

// E1: LOCK(X1); LOCK(X2), two instances of one class = one lock class here
export function aa_e1(): void {
  lock(aa_X);
  lock(aa_X); // expect: recursive-lock
  unlock(aa_X);
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "completion" });
const abba_B = defineLock("abba_B", { kind: "completion" });

// E1: LU2(A, B)
export function abba_e1(): void {
  lock(abba_A);
  lock(abba_B); // expect: lock-order-inversion
  unlock(abba_B);
  unlock(abba_A);
}

// E2: LU2(B, A)
export function abba_e2(): void {
  lock(abba_B);
  lock(abba_A); // expect: lock-order-inversion
  unlock(abba_A);
  unlock(abba_B);
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "completion" });
const abbcca_B = defineLock("abbcca_B", { kind: "completion" });
const abbcca_C = defineLock("abbcca_C", { kind: "completion" });

// E1: LU2(A, B)
export function abbcca_e1(): void {
  lock(abbcca_A);
  lock(abbcca_B); // expect: lock-order-inversion
  unlock(abbcca_B);
  unlock(abbcca_A);
}

// E2: LU2(B, C)
export function abbcca_e2(): void {
  lock(abbcca_B);
  lock(abbcca_C); // expect: lock-order-inversion
  unlock(abbcca_C);
  unlock(abbcca_B);
}

// E3: LU2(C, A)
export function abbcca_e3(): void {
  lock(abbcca_C);
  lock(abbcca_A); // expect: lock-order-inversion
  unlock(abbcca_A);
  unlock(abbcca_C);
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "completion" });
const abcabc_B = defineLock("abcabc_B", { kind: "completion" });
const abcabc_C = defineLock("abcabc_C", { kind: "completion" });

// E1: LU2(A, B)
export function abcabc_e1(): void {
  lock(abcabc_A);
  lock(abcabc_B); // expect: lock-order-inversion
  unlock(abcabc_B);
  unlock(abcabc_A);
}

// E2: LU2(C, A)
export function abcabc_e2(): void {
  lock(abcabc_C);
  lock(abcabc_A); // expect: lock-order-inversion
  unlock(abcabc_A);
  unlock(abcabc_C);
}

// E3: LU2(B, C)
export function abcabc_e3(): void {
  lock(abcabc_B);
  lock(abcabc_C); // expect: lock-order-inversion
  unlock(abcabc_C);
  unlock(abcabc_B);
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "completion" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "completion" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "completion" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "completion" });

// E1: LU2(A, B)
export function abbccdda_e1(): void {
  lock(abbccdda_A);
  lock(abbccdda_B); // expect: lock-order-inversion
  unlock(abbccdda_B);
  unlock(abbccdda_A);
}

// E2: LU2(B, C)
export function abbccdda_e2(): void {
  lock(abbccdda_B);
  lock(abbccdda_C); // expect: lock-order-inversion
  unlock(abbccdda_C);
  unlock(abbccdda_B);
}

// E3: LU2(C, D)
export function abbccdda_e3(): void {
  lock(abbccdda_C);
  lock(abbccdda_D); // expect: lock-order-inversion
  unlock(abbccdda_D);
  unlock(abbccdda_C);
}

// E4: LU2(D, A)
export function abbccdda_e4(): void {
  lock(abbccdda_D);
  lock(abbccdda_A); // expect: lock-order-inversion
  unlock(abbccdda_A);
  unlock(abbccdda_D);
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "completion" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "completion" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "completion" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "completion" });

// E1: LU2(A, B)
export function abcdbdda_e1(): void {
  lock(abcdbdda_A);
  lock(abcdbdda_B); // expect: lock-order-inversion
  unlock(abcdbdda_B);
  unlock(abcdbdda_A);
}

// E2: LU2(C, D)
// C -> D is on no cycle: its site stays silent
export function abcdbdda_e2(): void {
  lock(abcdbdda_C);
  lock(abcdbdda_D);
  unlock(abcdbdda_D);
  unlock(abcdbdda_C);
}

// E3: LU2(B, D)
export function abcdbdda_e3(): void {
  lock(abcdbdda_B);
  lock(abcdbdda_D); // expect: lock-order-inversion
  unlock(abcdbdda_D);
  unlock(abcdbdda_B);
}

// E4: LU2(D, A)
export function abcdbdda_e4(): void {
  lock(abcdbdda_D);
  lock(abcdbdda_A); // expect: lock-order-inversion
  unlock(abcdbdda_A);
  unlock(abcdbdda_D);
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "completion" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "completion" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "completion" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "completion" });

// E1: LU2(A, B)
export function abcdbcda_e1(): void {
  lock(abcdbcda_A);
  lock(abcdbcda_B); // expect: lock-order-inversion
  unlock(abcdbcda_B);
  unlock(abcdbcda_A);
}

// E2: LU2(C, D)
export function abcdbcda_e2(): void {
  lock(abcdbcda_C);
  lock(abcdbcda_D); // expect: lock-order-inversion
  unlock(abcdbcda_D);
  unlock(abcdbcda_C);
}

// E3: LU2(B, C)
export function abcdbcda_e3(): void {
  lock(abcdbcda_B);
  lock(abcdbcda_C); // expect: lock-order-inversion
  unlock(abcdbcda_C);
  unlock(abcdbcda_B);
}

// E4: LU2(D, A)
export function abcdbcda_e4(): void {
  lock(abcdbcda_D);
  lock(abcdbcda_A); // expect: lock-order-inversion
  unlock(abcdbcda_A);
  unlock(abcdbcda_D);
}

// ---- double unlock: LOCK(A); UNLOCK(A); UNLOCK(A): F (unlock-not-held on the second unlock)
const dunlock_A = defineLock("dunlock_A", { kind: "completion" });

export function double_unlock(): void {
  lock(dunlock_A);
  unlock(dunlock_A);
  unlock(dunlock_A); // expect: unlock-not-held
}

// ---- bad unlock order: LOCK(A); LOCK(B); UNLOCK(A); UNLOCK(B): S (non-nested unlock is legal)
const badorder_A = defineLock("badorder_A", { kind: "completion" });
const badorder_B = defineLock("badorder_B", { kind: "completion" });

export function bad_unlock_order(): void {
  lock(badorder_A);
  lock(badorder_B);
  unlock(badorder_A);
  unlock(badorder_B);
}

// initialize held (LOCK(A); INIT(A)): skipped, a model cannot re-initialise a lock class
// (defineLock declares a class once), so the row has no analogue.
