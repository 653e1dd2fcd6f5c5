/*
 * lockdep selftest, section 1.11.1 (DO_TESTCASE_6R), column `rlock`.
 * rlock: `kind: "rwlock"`, lock(shared(L)) = read_lock, a RECURSIVE read (SPEC 5.1).
 *
 * Form: straight-line bodies. Each lockdep event LU2(x, y) = LOCK(x); LOCK(y); UNLOCK(y);
 * UNLOCK(x) is one free function; an edge x -> y is sited at y in `lock(y)` (SPEC 5.2).
 *
 * Rows covered and their expected outcome in this column:
 *   A-A deadlock                S
 *   A-B-B-A deadlock            S
 *   A-B-B-C-C-A deadlock        S
 *   A-B-C-A-B-C deadlock        S
 *   A-B-B-C-C-D-D-A deadlock    S
 *   A-B-C-D-B-D-D-A deadlock    S
 *   A-B-C-D-B-C-D-A deadlock    S
 *   double unlock               F (unlock-not-held)
 *   bad unlock order            S
 *   initialize held             skipped: no analogue (see the end of this file)
 *
 * Each row uses its own locks, so rows do not interact.
 * Only spinning locks here: no sleep-in-atomic anywhere.
 */
import { defineLock, lock, unlock, shared } from "lockorder";

// ---- A-A deadlock (AA): S (a recursive read nested in a read of the same lock, SPEC 5.1)
const aa_X = defineLock("aa_X", { kind: "rwlock" });

// E1: RL(X1); RL(X2), two instances of one class = one lock class here
export function aa_e1(): void {
  lock(shared(aa_X));
  lock(shared(aa_X));
  unlock(shared(aa_X));
  unlock(shared(aa_X));
}

// ---- A-B-B-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abba_A = defineLock("abba_A", { kind: "rwlock" });
const abba_B = defineLock("abba_B", { kind: "rwlock" });

// E1: LU2(A, B)
export function abba_e1(): void {
  lock(shared(abba_A));
  lock(shared(abba_B));
  unlock(shared(abba_B));
  unlock(shared(abba_A));
}

// E2: LU2(B, A)
export function abba_e2(): void {
  lock(shared(abba_B));
  lock(shared(abba_A));
  unlock(shared(abba_A));
  unlock(shared(abba_B));
}

// ---- A-B-B-C-C-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abbcca_A = defineLock("abbcca_A", { kind: "rwlock" });
const abbcca_B = defineLock("abbcca_B", { kind: "rwlock" });
const abbcca_C = defineLock("abbcca_C", { kind: "rwlock" });

// E1: LU2(A, B)
export function abbcca_e1(): void {
  lock(shared(abbcca_A));
  lock(shared(abbcca_B));
  unlock(shared(abbcca_B));
  unlock(shared(abbcca_A));
}

// E2: LU2(B, C)
export function abbcca_e2(): void {
  lock(shared(abbcca_B));
  lock(shared(abbcca_C));
  unlock(shared(abbcca_C));
  unlock(shared(abbcca_B));
}

// E3: LU2(C, A)
export function abbcca_e3(): void {
  lock(shared(abbcca_C));
  lock(shared(abbcca_A));
  unlock(shared(abbcca_A));
  unlock(shared(abbcca_C));
}

// ---- A-B-C-A-B-C deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcabc_A = defineLock("abcabc_A", { kind: "rwlock" });
const abcabc_B = defineLock("abcabc_B", { kind: "rwlock" });
const abcabc_C = defineLock("abcabc_C", { kind: "rwlock" });

// E1: LU2(A, B)
export function abcabc_e1(): void {
  lock(shared(abcabc_A));
  lock(shared(abcabc_B));
  unlock(shared(abcabc_B));
  unlock(shared(abcabc_A));
}

// E2: LU2(C, A)
export function abcabc_e2(): void {
  lock(shared(abcabc_C));
  lock(shared(abcabc_A));
  unlock(shared(abcabc_A));
  unlock(shared(abcabc_C));
}

// E3: LU2(B, C)
export function abcabc_e3(): void {
  lock(shared(abcabc_B));
  lock(shared(abcabc_C));
  unlock(shared(abcabc_C));
  unlock(shared(abcabc_B));
}

// ---- A-B-B-C-C-D-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abbccdda_A = defineLock("abbccdda_A", { kind: "rwlock" });
const abbccdda_B = defineLock("abbccdda_B", { kind: "rwlock" });
const abbccdda_C = defineLock("abbccdda_C", { kind: "rwlock" });
const abbccdda_D = defineLock("abbccdda_D", { kind: "rwlock" });

// E1: LU2(A, B)
export function abbccdda_e1(): void {
  lock(shared(abbccdda_A));
  lock(shared(abbccdda_B));
  unlock(shared(abbccdda_B));
  unlock(shared(abbccdda_A));
}

// E2: LU2(B, C)
export function abbccdda_e2(): void {
  lock(shared(abbccdda_B));
  lock(shared(abbccdda_C));
  unlock(shared(abbccdda_C));
  unlock(shared(abbccdda_B));
}

// E3: LU2(C, D)
export function abbccdda_e3(): void {
  lock(shared(abbccdda_C));
  lock(shared(abbccdda_D));
  unlock(shared(abbccdda_D));
  unlock(shared(abbccdda_C));
}

// E4: LU2(D, A)
export function abbccdda_e4(): void {
  lock(shared(abbccdda_D));
  lock(shared(abbccdda_A));
  unlock(shared(abbccdda_A));
  unlock(shared(abbccdda_D));
}

// ---- A-B-C-D-B-D-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcdbdda_A = defineLock("abcdbdda_A", { kind: "rwlock" });
const abcdbdda_B = defineLock("abcdbdda_B", { kind: "rwlock" });
const abcdbdda_C = defineLock("abcdbdda_C", { kind: "rwlock" });
const abcdbdda_D = defineLock("abcdbdda_D", { kind: "rwlock" });

// E1: LU2(A, B)
export function abcdbdda_e1(): void {
  lock(shared(abcdbdda_A));
  lock(shared(abcdbdda_B));
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
  lock(shared(abcdbdda_D));
  unlock(shared(abcdbdda_D));
  unlock(shared(abcdbdda_B));
}

// E4: LU2(D, A)
export function abcdbdda_e4(): void {
  lock(shared(abcdbdda_D));
  lock(shared(abcdbdda_A));
  unlock(shared(abcdbdda_A));
  unlock(shared(abcdbdda_D));
}

// ---- A-B-C-D-B-C-D-A deadlock: S (every edge is -(SR)->: only recursive reads close the cycle, SPEC 5.3)
const abcdbcda_A = defineLock("abcdbcda_A", { kind: "rwlock" });
const abcdbcda_B = defineLock("abcdbcda_B", { kind: "rwlock" });
const abcdbcda_C = defineLock("abcdbcda_C", { kind: "rwlock" });
const abcdbcda_D = defineLock("abcdbcda_D", { kind: "rwlock" });

// E1: LU2(A, B)
export function abcdbcda_e1(): void {
  lock(shared(abcdbcda_A));
  lock(shared(abcdbcda_B));
  unlock(shared(abcdbcda_B));
  unlock(shared(abcdbcda_A));
}

// E2: LU2(C, D)
export function abcdbcda_e2(): void {
  lock(shared(abcdbcda_C));
  lock(shared(abcdbcda_D));
  unlock(shared(abcdbcda_D));
  unlock(shared(abcdbcda_C));
}

// E3: LU2(B, C)
export function abcdbcda_e3(): void {
  lock(shared(abcdbcda_B));
  lock(shared(abcdbcda_C));
  unlock(shared(abcdbcda_C));
  unlock(shared(abcdbcda_B));
}

// E4: LU2(D, A)
export function abcdbcda_e4(): void {
  lock(shared(abcdbcda_D));
  lock(shared(abcdbcda_A));
  unlock(shared(abcdbcda_A));
  unlock(shared(abcdbcda_D));
}

// ---- double unlock: LOCK(A); UNLOCK(A); UNLOCK(A): F (unlock-not-held on the second unlock)
const dunlock_A = defineLock("dunlock_A", { kind: "rwlock" });

export function double_unlock(): void {
  lock(shared(dunlock_A));
  unlock(shared(dunlock_A));
  unlock(shared(dunlock_A)); // expect: unlock-not-held
}

// ---- bad unlock order: LOCK(A); LOCK(B); UNLOCK(A); UNLOCK(B): S (non-nested unlock is legal)
const badorder_A = defineLock("badorder_A", { kind: "rwlock" });
const badorder_B = defineLock("badorder_B", { kind: "rwlock" });

export function bad_unlock_order(): void {
  lock(shared(badorder_A));
  lock(shared(badorder_B));
  unlock(shared(badorder_A));
  unlock(shared(badorder_B));
}

// initialize held (LOCK(A); INIT(A)): skipped, a model cannot re-initialise a lock class
// (defineLock declares a class once), so the row has no analogue.
