/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `completion` (not a lockdep selftest
 * column: added here). A completion is lockdep's flush/wait pseudo-lock (SPEC 4.4): the code that
 * must finish before the waiters proceed is a region lock(C) ... unlock(C) (or @acquires(C)), and
 * waitFor(C) is wait_for_completion() / flush_work(). Entering a region never waits (it sets a busy
 * flag), so it makes no edge into C; a wait does. Lockdep's event LU2(x, y) = LOCK(x); LOCK(y) is
 * therefore W(x, y): a wait for y inside x's region, an edge x -> y. A cycle of such events is a
 * deadlock: each region waits for the next one to end (flush_work() of a work that flushes the first).
 *
 * Form: straight-line bodies. Each event W(x, y) = LOCK(x); WAIT(y); UNLOCK(x) is one free
 * function `lock(x); waitFor(y); unlock(x);`; the edge x -> y is sited at y in `waitFor(y)` (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                F (recursive-lock: waiting inside one's own region)
 *   A-B-B-A deadlock            F (lock-order-inversion)
 *   A-B-B-C-C-A deadlock        F (lock-order-inversion)
 *   A-B-C-A-B-C deadlock        F (lock-order-inversion)
 *   A-B-B-C-C-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-D-D-A deadlock    F (lock-order-inversion)
 *   A-B-C-D-B-C-D-A deadlock    F (lock-order-inversion)
 *   double unlock               F (unlock-not-held)
 *   bad unlock order            S
 *   initialize held             skipped: no analogue (a lock class cannot be re-initialised)
 *   regions only (not a row)    S for A-B-B-A entered as regions (no edge into a region), F for
 *                               entering a region already held (recursive-lock)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only sleeping locks here and no spinning lock is ever held: no sleep-in-atomic.
 */
import { defineLock, lock, unlock, waitFor } from "lockorder";

// ---- A-A deadlock (AA): F: recursive-lock at the wait (a region waiting for its own end)
const aa_X = defineLock("aa_X", { kind: "completion" });

// E1: LOCK(X); WAIT(X)
export function aa_e1(): void {
  lock(aa_X);
  waitFor(aa_X); // expect: recursive-lock
  unlock(aa_X);
}

// ---- A-B-B-A deadlock: F: lock-order-inversion at the site of every edge
const abba_A = defineLock("abba_A", { kind: "completion" });
const abba_B = defineLock("abba_B", { kind: "completion" });

// E1: W(A, B)
export function abba_e1(): void {
  lock(abba_A);
  waitFor(abba_B); // expect: lock-order-inversion
  unlock(abba_A);
}

// E2: W(B, A)
export function abba_e2(): void {
  lock(abba_B);
  waitFor(abba_A); // expect: lock-order-inversion
  unlock(abba_B);
}

// ---- A-B-B-C-C-A deadlock: F: lock-order-inversion at the site of every edge
const abbcca_A = defineLock("abbcca_A", { kind: "completion" });
const abbcca_B = defineLock("abbcca_B", { kind: "completion" });
const abbcca_C = defineLock("abbcca_C", { kind: "completion" });

// E1: W(A, B)
export function abbcca_e1(): void {
  lock(abbcca_A);
  waitFor(abbcca_B); // expect: lock-order-inversion
  unlock(abbcca_A);
}

// E2: W(B, C)
export function abbcca_e2(): void {
  lock(abbcca_B);
  waitFor(abbcca_C); // expect: lock-order-inversion
  unlock(abbcca_B);
}

// E3: W(C, A)
export function abbcca_e3(): void {
  lock(abbcca_C);
  waitFor(abbcca_A); // expect: lock-order-inversion
  unlock(abbcca_C);
}

// ---- A-B-C-A-B-C deadlock: F: lock-order-inversion at the site of every edge
const abcabc_A = defineLock("abcabc_A", { kind: "completion" });
const abcabc_B = defineLock("abcabc_B", { kind: "completion" });
const abcabc_C = defineLock("abcabc_C", { kind: "completion" });

// E1: W(A, B)
export function abcabc_e1(): void {
  lock(abcabc_A);
  waitFor(abcabc_B); // expect: lock-order-inversion
  unlock(abcabc_A);
}

// E2: W(C, A)
export function abcabc_e2(): void {
  lock(abcabc_C);
  waitFor(abcabc_A); // expect: lock-order-inversion
  unlock(abcabc_C);
}

// E3: W(B, C)
export function abcabc_e3(): void {
  lock(abcabc_B);
  waitFor(abcabc_C); // expect: lock-order-inversion
  unlock(abcabc_B);
}

// ---- A-B-B-C-C-D-D-A deadlock: F: lock-order-inversion at the site of every edge
const abbccdda_A = defineLock("abbccdda_A", { kind: "completion" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "completion" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "completion" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "completion" });

// E1: W(A, B)
export function abbccdda_e1(): void {
  lock(abbccdda_A);
  waitFor(abbccdda_B); // expect: lock-order-inversion
  unlock(abbccdda_A);
}

// E2: W(B, C)
export function abbccdda_e2(): void {
  lock(abbccdda_B);
  waitFor(abbccdda_C); // expect: lock-order-inversion
  unlock(abbccdda_B);
}

// E3: W(C, D)
export function abbccdda_e3(): void {
  lock(abbccdda_C);
  waitFor(abbccdda_D); // expect: lock-order-inversion
  unlock(abbccdda_C);
}

// E4: W(D, A)
export function abbccdda_e4(): void {
  lock(abbccdda_D);
  waitFor(abbccdda_A); // expect: lock-order-inversion
  unlock(abbccdda_D);
}

// ---- A-B-C-D-B-D-D-A deadlock: F: lock-order-inversion at the sites of A->B, B->D, D->A; none at C->D
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "completion" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "completion" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "completion" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "completion" });

// E1: W(A, B)
export function abcdbdda_e1(): void {
  lock(abcdbdda_A);
  waitFor(abcdbdda_B); // expect: lock-order-inversion
  unlock(abcdbdda_A);
}

// E2: W(C, D)
// C -> D is on no cycle: its site stays silent
export function abcdbdda_e2(): void {
  lock(abcdbdda_C);
  waitFor(abcdbdda_D);
  unlock(abcdbdda_C);
}

// E3: W(B, D)
export function abcdbdda_e3(): void {
  lock(abcdbdda_B);
  waitFor(abcdbdda_D); // expect: lock-order-inversion
  unlock(abcdbdda_B);
}

// E4: W(D, A)
export function abcdbdda_e4(): void {
  lock(abcdbdda_D);
  waitFor(abcdbdda_A); // expect: lock-order-inversion
  unlock(abcdbdda_D);
}

// ---- A-B-C-D-B-C-D-A deadlock: F: lock-order-inversion at the site of every edge
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "completion" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "completion" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "completion" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "completion" });

// E1: W(A, B)
export function abcdbcda_e1(): void {
  lock(abcdbcda_A);
  waitFor(abcdbcda_B); // expect: lock-order-inversion
  unlock(abcdbcda_A);
}

// E2: W(C, D)
export function abcdbcda_e2(): void {
  lock(abcdbcda_C);
  waitFor(abcdbcda_D); // expect: lock-order-inversion
  unlock(abcdbcda_C);
}

// E3: W(B, C)
export function abcdbcda_e3(): void {
  lock(abcdbcda_B);
  waitFor(abcdbcda_C); // expect: lock-order-inversion
  unlock(abcdbcda_B);
}

// E4: W(D, A)
export function abcdbcda_e4(): void {
  lock(abcdbcda_D);
  waitFor(abcdbcda_A); // expect: lock-order-inversion
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

// ---- regions only: A-B-B-A with every LOCK entering a region: S. Entering B's region inside A's
// sets B's busy flag without waiting, so it is no edge A -> B (it orders nothing into B).
const regions_A = defineLock("regions_A", { kind: "completion" });
const regions_B = defineLock("regions_B", { kind: "completion" });

export function regions_e1(): void {
  lock(regions_A);
  lock(regions_B);
  unlock(regions_B);
  unlock(regions_A);
}

export function regions_e2(): void {
  lock(regions_B);
  lock(regions_A);
  unlock(regions_A);
  unlock(regions_B);
}

// Entering a region already held: F (recursive-lock; one busy flag cannot be set twice).
const regions_X = defineLock("regions_X", { kind: "completion" });

export function regions_aa(): void {
  lock(regions_X);
  lock(regions_X); // expect: recursive-lock
  unlock(regions_X);
}
