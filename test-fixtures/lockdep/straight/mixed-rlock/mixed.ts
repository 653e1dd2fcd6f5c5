/*
 * lockdep selftest, section 1.11.2, the rlock column (rwlock_t read side).
 * X is `kind: "rwlock"` (RL = lock(shared(X)), a recursive read; WL = lock(X), a write);
 * Y is `kind: "spinlock"` (L(Y1) = spin_lock, as in lockdep). All locks here spin, so no
 * sleep-in-atomic can arise.
 *
 * Form: straight-line bodies. Each lockdep event LU2(x, y) = LOCK(x); LOCK(y); UNLOCK(y);
 * UNLOCK(x) is one free function; an edge x -> y is sited at y in `lock(y)` (SPEC 5.2).
 *
 * Rows covered:
 *   recursive read-lock              rlock_AA1             S
 *   recursive read-lock #2           rlock_AA1B            S
 *   mixed read-write-lock            rlock_AA2             F (recursive-lock)
 *   mixed write-read-lock            rlock_AA3             F (recursive-lock)
 *   mixed read-lock/lock-write ABBA  rlock_ABBA1           F (lock-order-inversion x2)
 *   mixed read-lock/lock-read ABBA   rlock_ABBA2           S
 *   mixed write-lock/lock-write ABBA rlock_ABBA3           F (lock-order-inversion x2)
 *   chain cached mixed R-L/L-W ABBA  rlock_chaincache_ABBA1 F (at E1 and E3; E2 is silent)
 */
import { defineLock, lock, unlock, shared } from "lockorder";

// ---- recursive read-lock (rlock_AA1): S
const rlock_AA1_X = defineLock("rlock_AA1_X", { kind: "rwlock" });

// E1: RL(X1); RL(X1)
export function rlock_AA1_e1(): void {
  lock(shared(rlock_AA1_X));
  lock(shared(rlock_AA1_X));
  unlock(shared(rlock_AA1_X));
  unlock(shared(rlock_AA1_X));
}

// ---- recursive read-lock #2 (rlock_AA1B): S
const rlock_AA1B_X = defineLock("rlock_AA1B_X", { kind: "rwlock" });

// E1: RL(X1); RL(X2)
// X2: a second instance of the class X, referenced by its display name (SPEC 2)
export function rlock_AA1B_e1(): void {
  lock(shared(rlock_AA1B_X));
  lock(shared("rlock_AA1B_X"));
  unlock(shared("rlock_AA1B_X"));
  unlock(shared(rlock_AA1B_X));
}

// ---- mixed read-write-lock (rlock_AA2): F: recursive-lock
const rlock_AA2_X = defineLock("rlock_AA2_X", { kind: "rwlock" });

// E1: RL(X1); WL(X1)
export function rlock_AA2_e1(): void {
  lock(shared(rlock_AA2_X));
  lock(rlock_AA2_X); // expect: recursive-lock
  unlock(shared(rlock_AA2_X));
}

// ---- mixed write-read-lock (rlock_AA3): F: recursive-lock
const rlock_AA3_X = defineLock("rlock_AA3_X", { kind: "rwlock" });

// E1: WL(X1); RL(X1)
export function rlock_AA3_e1(): void {
  lock(rlock_AA3_X);
  lock(shared(rlock_AA3_X)); // expect: recursive-lock
  unlock(rlock_AA3_X);
}

// ---- mixed read-lock/lock-write ABBA (rlock_ABBA1): F: X -(SN)-> Y, Y -(EN)-> X is a strong cycle
const rlock_ABBA1_X = defineLock("rlock_ABBA1_X", { kind: "rwlock" });
const rlock_ABBA1_Y = defineLock("rlock_ABBA1_Y", { kind: "spinlock" });

// E1: RL(X1); L(Y1); U(Y1); RU(X1)
export function rlock_ABBA1_e1(): void {
  lock(shared(rlock_ABBA1_X));
  lock(rlock_ABBA1_Y); // expect: lock-order-inversion
  unlock(rlock_ABBA1_Y);
  unlock(shared(rlock_ABBA1_X));
}

// E2: L(Y1); WL(X1); WU(X1); U(Y1)
export function rlock_ABBA1_e2(): void {
  lock(rlock_ABBA1_Y);
  lock(rlock_ABBA1_X); // expect: lock-order-inversion
  unlock(rlock_ABBA1_X);
  unlock(rlock_ABBA1_Y);
}

// ---- mixed read-lock/lock-read ABBA (rlock_ABBA2): S: X -(SN)-> Y, Y -(ER)-> X; -(ER)-> then -(SN)-> breaks strength
const rlock_ABBA2_X = defineLock("rlock_ABBA2_X", { kind: "rwlock" });
const rlock_ABBA2_Y = defineLock("rlock_ABBA2_Y", { kind: "spinlock" });

// E1: RL(X1); L(Y1); U(Y1); RU(X1)
export function rlock_ABBA2_e1(): void {
  lock(shared(rlock_ABBA2_X));
  lock(rlock_ABBA2_Y);
  unlock(rlock_ABBA2_Y);
  unlock(shared(rlock_ABBA2_X));
}

// E2: L(Y1); RL(X1); RU(X1); U(Y1)
export function rlock_ABBA2_e2(): void {
  lock(rlock_ABBA2_Y);
  lock(shared(rlock_ABBA2_X));
  unlock(shared(rlock_ABBA2_X));
  unlock(rlock_ABBA2_Y);
}

// ---- mixed write-lock/lock-write ABBA (rlock_ABBA3): F: X -(EN)-> Y, Y -(EN)-> X
const rlock_ABBA3_X = defineLock("rlock_ABBA3_X", { kind: "rwlock" });
const rlock_ABBA3_Y = defineLock("rlock_ABBA3_Y", { kind: "spinlock" });

// E1: WL(X1); L(Y1); U(Y1); WU(X1)
export function rlock_ABBA3_e1(): void {
  lock(rlock_ABBA3_X);
  lock(rlock_ABBA3_Y); // expect: lock-order-inversion
  unlock(rlock_ABBA3_Y);
  unlock(rlock_ABBA3_X);
}

// E2: L(Y1); WL(X1); WU(X1); U(Y1)
export function rlock_ABBA3_e2(): void {
  lock(rlock_ABBA3_Y);
  lock(rlock_ABBA3_X); // expect: lock-order-inversion
  unlock(rlock_ABBA3_X);
  unlock(rlock_ABBA3_Y);
}

// ---- chain cached mixed R-L/L-W ABBA (rlock_chaincache_ABBA1): F at E1 and E3 (X -(SN)-> Y -(EN)-> X); E2 silent
const rlock_chaincache_ABBA1_X = defineLock("rlock_chaincache_ABBA1_X", { kind: "rwlock" });
const rlock_chaincache_ABBA1_Y = defineLock("rlock_chaincache_ABBA1_Y", { kind: "spinlock" });

// E1: RL(X1); L(Y1); U(Y1); RU(X1)
export function rlock_chaincache_ABBA1_e1(): void {
  lock(shared(rlock_chaincache_ABBA1_X));
  lock(rlock_chaincache_ABBA1_Y); // expect: lock-order-inversion
  unlock(rlock_chaincache_ABBA1_Y);
  unlock(shared(rlock_chaincache_ABBA1_X));
}

// E2: L(Y1); RL(X1); RU(X1); U(Y1)
// Y -(ER)-> X is on no strong cycle (X -(SN)-> Y -(ER)-> X is not strong): silent
export function rlock_chaincache_ABBA1_e2(): void {
  lock(rlock_chaincache_ABBA1_Y);
  lock(shared(rlock_chaincache_ABBA1_X));
  unlock(shared(rlock_chaincache_ABBA1_X));
  unlock(rlock_chaincache_ABBA1_Y);
}

// E3: L(Y1); WL(X1); WU(X1); U(Y1)
export function rlock_chaincache_ABBA1_e3(): void {
  lock(rlock_chaincache_ABBA1_Y);
  lock(rlock_chaincache_ABBA1_X); // expect: lock-order-inversion
  unlock(rlock_chaincache_ABBA1_X);
  unlock(rlock_chaincache_ABBA1_Y);
}
