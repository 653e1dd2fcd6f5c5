/*
 * lockdep selftest, section 1.11.2, the rsem/rwsem column (rw_semaphore).
 * X is `kind: "rwsem"` (RSL = lock(shared(X)), a NON-recursive read; WSL = lock(X));
 * Y is a mutex (ML(Y1) = mutex_lock, as in lockdep). All locks here sleep and none spins, so
 * no sleep-in-atomic can arise.
 *
 * Form: straight-line bodies. Each lockdep event LU2(x, y) = LOCK(x); LOCK(y); UNLOCK(y);
 * UNLOCK(x) is one free function; an edge x -> y is sited at y in `lock(y)` (SPEC 5.2).
 *
 * Rows covered (all F in this column):
 *   recursive read-lock              rsem_AA1    F (recursive-lock)
 *   recursive read-lock #2           rsem_AA1B   F (recursive-lock)
 *   mixed read-write-lock            rsem_AA2    F (recursive-lock)
 *   mixed write-read-lock            rsem_AA3    F (recursive-lock)
 *   mixed read-lock/lock-write ABBA  rwsem_ABBA1 F (lock-order-inversion x2)
 *   mixed read-lock/lock-read ABBA   rwsem_ABBA2 F (lock-order-inversion x2)
 *   mixed write-lock/lock-write ABBA rwsem_ABBA3 F (lock-order-inversion x2)
 *   (chain cached row: rlock only in lockdep; no rwsem variant)
 */
import { defineLock, lock, unlock, shared } from "lockorder";

// ---- recursive read-lock (rsem_AA1): F: recursive-lock (down_read is not recursive)
const rsem_AA1_X = defineLock("rsem_AA1_X", { kind: "rwsem" });

// E1: RSL(X1); RSL(X1)
export function rsem_AA1_e1(): void {
  lock(shared(rsem_AA1_X));
  lock(shared(rsem_AA1_X)); // expect: recursive-lock
  unlock(shared(rsem_AA1_X));
}

// ---- recursive read-lock #2 (rsem_AA1B): F: recursive-lock (down_read is not recursive)
const rsem_AA1B_X = defineLock("rsem_AA1B_X", { kind: "rwsem" });

// E1: RSL(X1); RSL(X2)
// X2: a second instance of the class X, referenced by its display name (SPEC 2)
export function rsem_AA1B_e1(): void {
  lock(shared(rsem_AA1B_X));
  lock(shared("rsem_AA1B_X")); // expect: recursive-lock
  unlock(shared(rsem_AA1B_X));
}

// ---- mixed read-write-lock (rsem_AA2): F: recursive-lock
const rsem_AA2_X = defineLock("rsem_AA2_X", { kind: "rwsem" });

// E1: RSL(X1); WSL(X1)
export function rsem_AA2_e1(): void {
  lock(shared(rsem_AA2_X));
  lock(rsem_AA2_X); // expect: recursive-lock
  unlock(shared(rsem_AA2_X));
}

// ---- mixed write-read-lock (rsem_AA3): F: recursive-lock
const rsem_AA3_X = defineLock("rsem_AA3_X", { kind: "rwsem" });

// E1: WSL(X1); RSL(X1)
export function rsem_AA3_e1(): void {
  lock(rsem_AA3_X);
  lock(shared(rsem_AA3_X)); // expect: recursive-lock
  unlock(rsem_AA3_X);
}

// ---- mixed read-lock/lock-write ABBA (rwsem_ABBA1): F: X -(SN)-> Y, Y -(EN)-> X
const rwsem_ABBA1_X = defineLock("rwsem_ABBA1_X", { kind: "rwsem" });
const rwsem_ABBA1_Y = defineLock("rwsem_ABBA1_Y");

// E1: RSL(X1); ML(Y1); MU(Y1); RSU(X1)
export function rwsem_ABBA1_e1(): void {
  lock(shared(rwsem_ABBA1_X));
  lock(rwsem_ABBA1_Y); // expect: lock-order-inversion
  unlock(rwsem_ABBA1_Y);
  unlock(shared(rwsem_ABBA1_X));
}

// E2: ML(Y1); WSL(X1); WSU(X1); MU(Y1)
export function rwsem_ABBA1_e2(): void {
  lock(rwsem_ABBA1_Y);
  lock(rwsem_ABBA1_X); // expect: lock-order-inversion
  unlock(rwsem_ABBA1_X);
  unlock(rwsem_ABBA1_Y);
}

// ---- mixed read-lock/lock-read ABBA (rwsem_ABBA2): F: X -(SN)-> Y, Y -(EN)-> X (a down_read is N, not R)
const rwsem_ABBA2_X = defineLock("rwsem_ABBA2_X", { kind: "rwsem" });
const rwsem_ABBA2_Y = defineLock("rwsem_ABBA2_Y");

// E1: RSL(X1); ML(Y1); MU(Y1); RSU(X1)
export function rwsem_ABBA2_e1(): void {
  lock(shared(rwsem_ABBA2_X));
  lock(rwsem_ABBA2_Y); // expect: lock-order-inversion
  unlock(rwsem_ABBA2_Y);
  unlock(shared(rwsem_ABBA2_X));
}

// E2: ML(Y1); RSL(X1); RSU(X1); MU(Y1)
export function rwsem_ABBA2_e2(): void {
  lock(rwsem_ABBA2_Y);
  lock(shared(rwsem_ABBA2_X)); // expect: lock-order-inversion
  unlock(shared(rwsem_ABBA2_X));
  unlock(rwsem_ABBA2_Y);
}

// ---- mixed write-lock/lock-write ABBA (rwsem_ABBA3): F: X -(EN)-> Y, Y -(EN)-> X
const rwsem_ABBA3_X = defineLock("rwsem_ABBA3_X", { kind: "rwsem" });
const rwsem_ABBA3_Y = defineLock("rwsem_ABBA3_Y");

// E1: WSL(X1); ML(Y1); MU(Y1); WSU(X1)
export function rwsem_ABBA3_e1(): void {
  lock(rwsem_ABBA3_X);
  lock(rwsem_ABBA3_Y); // expect: lock-order-inversion
  unlock(rwsem_ABBA3_Y);
  unlock(rwsem_ABBA3_X);
}

// E2: ML(Y1); WSL(X1); WSU(X1); MU(Y1)
export function rwsem_ABBA3_e2(): void {
  lock(rwsem_ABBA3_Y);
  lock(rwsem_ABBA3_X); // expect: lock-order-inversion
  unlock(rwsem_ABBA3_X);
  unlock(rwsem_ABBA3_Y);
}
