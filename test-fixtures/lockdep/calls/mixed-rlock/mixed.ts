/*
 * lockdep selftest, section 1.11.2, the rlock column (rwlock_t read side).
 * X is `kind: "rwlock"` (RL = lock(shared(X)), a recursive read; WL = lock(X), a write);
 * Y is `kind: "spinlock"` (L(Y1) = spin_lock, as in lockdep). All locks here spin, so no
 * sleep-in-atomic can arise.
 *
 * Form: nested calls. Each lockdep event LU2(x, y) is `@acquires(x) eN() { this.acquire_y(); }`
 * calling `@acquires(y) acquire_y() {}`; the edge x -> y is sited at the call (SPEC 5.2).
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
import { defineLock, acquires, shared } from "lockorder";

// ---- recursive read-lock (rlock_AA1): S
const rlock_AA1_X = defineLock("rlock_AA1_X", { kind: "rwlock" });
export class Rlock_AA1 {
  // E1: RL(X1); RL(X1)
  @acquires(shared(rlock_AA1_X))
  e1() {
    this.acquire_rlock_AA1_X_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(rlock_AA1_X))
  acquire_rlock_AA1_X_shared() {}
}

// ---- recursive read-lock #2 (rlock_AA1B): S
const rlock_AA1B_X = defineLock("rlock_AA1B_X", { kind: "rwlock" });
export class Rlock_AA1B {
  // E1: RL(X1); RL(X2)
  // X2: a second instance of the class X, referenced by its display name (SPEC 2)
  @acquires(shared(rlock_AA1B_X))
  e1() {
    this.acquire_rlock_AA1B_X_shared_byName();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared("rlock_AA1B_X"))
  acquire_rlock_AA1B_X_shared_byName() {}
}

// ---- mixed read-write-lock (rlock_AA2): F: recursive-lock
const rlock_AA2_X = defineLock("rlock_AA2_X", { kind: "rwlock" });
export class Rlock_AA2 {
  // E1: RL(X1); WL(X1)
  @acquires(shared(rlock_AA2_X))
  e1() {
    this.acquire_rlock_AA2_X(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rlock_AA2_X)
  acquire_rlock_AA2_X() {}
}

// ---- mixed write-read-lock (rlock_AA3): F: recursive-lock
const rlock_AA3_X = defineLock("rlock_AA3_X", { kind: "rwlock" });
export class Rlock_AA3 {
  // E1: WL(X1); RL(X1)
  @acquires(rlock_AA3_X)
  e1() {
    this.acquire_rlock_AA3_X_shared(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(rlock_AA3_X))
  acquire_rlock_AA3_X_shared() {}
}

// ---- mixed read-lock/lock-write ABBA (rlock_ABBA1): F: X -(SN)-> Y, Y -(EN)-> X is a strong cycle
const rlock_ABBA1_X = defineLock("rlock_ABBA1_X", { kind: "rwlock" });
const rlock_ABBA1_Y = defineLock("rlock_ABBA1_Y", { kind: "spinlock" });
export class Rlock_ABBA1 {
  // E1: RL(X1); L(Y1); U(Y1); RU(X1)
  @acquires(shared(rlock_ABBA1_X))
  e1() {
    this.acquire_rlock_ABBA1_Y(); // expect: lock-order-inversion
  }

  // E2: L(Y1); WL(X1); WU(X1); U(Y1)
  @acquires(rlock_ABBA1_Y)
  e2() {
    this.acquire_rlock_ABBA1_X(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rlock_ABBA1_Y)
  acquire_rlock_ABBA1_Y() {}
  @acquires(rlock_ABBA1_X)
  acquire_rlock_ABBA1_X() {}
}

// ---- mixed read-lock/lock-read ABBA (rlock_ABBA2): S: X -(SN)-> Y, Y -(ER)-> X; -(ER)-> then -(SN)-> breaks strength
const rlock_ABBA2_X = defineLock("rlock_ABBA2_X", { kind: "rwlock" });
const rlock_ABBA2_Y = defineLock("rlock_ABBA2_Y", { kind: "spinlock" });
export class Rlock_ABBA2 {
  // E1: RL(X1); L(Y1); U(Y1); RU(X1)
  @acquires(shared(rlock_ABBA2_X))
  e1() {
    this.acquire_rlock_ABBA2_Y();
  }

  // E2: L(Y1); RL(X1); RU(X1); U(Y1)
  @acquires(rlock_ABBA2_Y)
  e2() {
    this.acquire_rlock_ABBA2_X_shared();
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rlock_ABBA2_Y)
  acquire_rlock_ABBA2_Y() {}
  @acquires(shared(rlock_ABBA2_X))
  acquire_rlock_ABBA2_X_shared() {}
}

// ---- mixed write-lock/lock-write ABBA (rlock_ABBA3): F: X -(EN)-> Y, Y -(EN)-> X
const rlock_ABBA3_X = defineLock("rlock_ABBA3_X", { kind: "rwlock" });
const rlock_ABBA3_Y = defineLock("rlock_ABBA3_Y", { kind: "spinlock" });
export class Rlock_ABBA3 {
  // E1: WL(X1); L(Y1); U(Y1); WU(X1)
  @acquires(rlock_ABBA3_X)
  e1() {
    this.acquire_rlock_ABBA3_Y(); // expect: lock-order-inversion
  }

  // E2: L(Y1); WL(X1); WU(X1); U(Y1)
  @acquires(rlock_ABBA3_Y)
  e2() {
    this.acquire_rlock_ABBA3_X(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rlock_ABBA3_Y)
  acquire_rlock_ABBA3_Y() {}
  @acquires(rlock_ABBA3_X)
  acquire_rlock_ABBA3_X() {}
}

// ---- chain cached mixed R-L/L-W ABBA (rlock_chaincache_ABBA1): F at E1 and E3 (X -(SN)-> Y -(EN)-> X); E2 silent
const rlock_chaincache_ABBA1_X = defineLock("rlock_chaincache_ABBA1_X", { kind: "rwlock" });
const rlock_chaincache_ABBA1_Y = defineLock("rlock_chaincache_ABBA1_Y", { kind: "spinlock" });
export class Rlock_chaincache_ABBA1 {
  // E1: RL(X1); L(Y1); U(Y1); RU(X1)
  @acquires(shared(rlock_chaincache_ABBA1_X))
  e1() {
    this.acquire_rlock_chaincache_ABBA1_Y(); // expect: lock-order-inversion
  }

  // E2: L(Y1); RL(X1); RU(X1); U(Y1)
  // Y -(ER)-> X is on no strong cycle (X -(SN)-> Y -(ER)-> X is not strong): silent
  @acquires(rlock_chaincache_ABBA1_Y)
  e2() {
    this.acquire_rlock_chaincache_ABBA1_X_shared();
  }

  // E3: L(Y1); WL(X1); WU(X1); U(Y1)
  @acquires(rlock_chaincache_ABBA1_Y)
  e3() {
    this.acquire_rlock_chaincache_ABBA1_X(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rlock_chaincache_ABBA1_Y)
  acquire_rlock_chaincache_ABBA1_Y() {}
  @acquires(shared(rlock_chaincache_ABBA1_X))
  acquire_rlock_chaincache_ABBA1_X_shared() {}
  @acquires(rlock_chaincache_ABBA1_X)
  acquire_rlock_chaincache_ABBA1_X() {}
}
