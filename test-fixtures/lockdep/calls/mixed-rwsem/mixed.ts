/*
 * lockdep selftest, section 1.11.2, the rsem/rwsem column (rw_semaphore).
 * X is `kind: "rwsem"` (RSL = lock(shared(X)), a NON-recursive read; WSL = lock(X));
 * Y is a mutex (ML(Y1) = mutex_lock, as in lockdep). All locks here sleep and none spins, so
 * no sleep-in-atomic can arise.
 *
 * Form: nested calls. Each lockdep event LU2(x, y) is `@acquires(x) eN() { this.acquire_y(); }`
 * calling `@acquires(y) acquire_y() {}`; the edge x -> y is sited at the call (SPEC 5.2).
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
import { defineLock, acquires, shared } from "lockorder";

// ---- recursive read-lock (rsem_AA1): F: recursive-lock (down_read is not recursive)
const rsem_AA1_X = defineLock("rsem_AA1_X", { kind: "rwsem" });
export class Rsem_AA1 {
  // E1: RSL(X1); RSL(X1)
  @acquires(shared(rsem_AA1_X))
  e1() {
    this.acquire_rsem_AA1_X_shared(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(rsem_AA1_X))
  acquire_rsem_AA1_X_shared() {}
}

// ---- recursive read-lock #2 (rsem_AA1B): F: recursive-lock (down_read is not recursive)
const rsem_AA1B_X = defineLock("rsem_AA1B_X", { kind: "rwsem" });
export class Rsem_AA1B {
  // E1: RSL(X1); RSL(X2)
  // X2: a second instance of the class X, referenced by its display name (SPEC 2)
  @acquires(shared(rsem_AA1B_X))
  e1() {
    this.acquire_rsem_AA1B_X_shared_byName(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared("rsem_AA1B_X"))
  acquire_rsem_AA1B_X_shared_byName() {}
}

// ---- mixed read-write-lock (rsem_AA2): F: recursive-lock
const rsem_AA2_X = defineLock("rsem_AA2_X", { kind: "rwsem" });
export class Rsem_AA2 {
  // E1: RSL(X1); WSL(X1)
  @acquires(shared(rsem_AA2_X))
  e1() {
    this.acquire_rsem_AA2_X(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rsem_AA2_X)
  acquire_rsem_AA2_X() {}
}

// ---- mixed write-read-lock (rsem_AA3): F: recursive-lock
const rsem_AA3_X = defineLock("rsem_AA3_X", { kind: "rwsem" });
export class Rsem_AA3 {
  // E1: WSL(X1); RSL(X1)
  @acquires(rsem_AA3_X)
  e1() {
    this.acquire_rsem_AA3_X_shared(); // expect: recursive-lock
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(rsem_AA3_X))
  acquire_rsem_AA3_X_shared() {}
}

// ---- mixed read-lock/lock-write ABBA (rwsem_ABBA1): F: X -(SN)-> Y, Y -(EN)-> X
const rwsem_ABBA1_X = defineLock("rwsem_ABBA1_X", { kind: "rwsem" });
const rwsem_ABBA1_Y = defineLock("rwsem_ABBA1_Y");
export class Rwsem_ABBA1 {
  // E1: RSL(X1); ML(Y1); MU(Y1); RSU(X1)
  @acquires(shared(rwsem_ABBA1_X))
  e1() {
    this.acquire_rwsem_ABBA1_Y(); // expect: lock-order-inversion
  }

  // E2: ML(Y1); WSL(X1); WSU(X1); MU(Y1)
  @acquires(rwsem_ABBA1_Y)
  e2() {
    this.acquire_rwsem_ABBA1_X(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rwsem_ABBA1_Y)
  acquire_rwsem_ABBA1_Y() {}
  @acquires(rwsem_ABBA1_X)
  acquire_rwsem_ABBA1_X() {}
}

// ---- mixed read-lock/lock-read ABBA (rwsem_ABBA2): F: X -(SN)-> Y, Y -(EN)-> X (a down_read is N, not R)
const rwsem_ABBA2_X = defineLock("rwsem_ABBA2_X", { kind: "rwsem" });
const rwsem_ABBA2_Y = defineLock("rwsem_ABBA2_Y");
export class Rwsem_ABBA2 {
  // E1: RSL(X1); ML(Y1); MU(Y1); RSU(X1)
  @acquires(shared(rwsem_ABBA2_X))
  e1() {
    this.acquire_rwsem_ABBA2_Y(); // expect: lock-order-inversion
  }

  // E2: ML(Y1); RSL(X1); RSU(X1); MU(Y1)
  @acquires(rwsem_ABBA2_Y)
  e2() {
    this.acquire_rwsem_ABBA2_X_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rwsem_ABBA2_Y)
  acquire_rwsem_ABBA2_Y() {}
  @acquires(shared(rwsem_ABBA2_X))
  acquire_rwsem_ABBA2_X_shared() {}
}

// ---- mixed write-lock/lock-write ABBA (rwsem_ABBA3): F: X -(EN)-> Y, Y -(EN)-> X
const rwsem_ABBA3_X = defineLock("rwsem_ABBA3_X", { kind: "rwsem" });
const rwsem_ABBA3_Y = defineLock("rwsem_ABBA3_Y");
export class Rwsem_ABBA3 {
  // E1: WSL(X1); ML(Y1); MU(Y1); WSU(X1)
  @acquires(rwsem_ABBA3_X)
  e1() {
    this.acquire_rwsem_ABBA3_Y(); // expect: lock-order-inversion
  }

  // E2: ML(Y1); WSL(X1); WSU(X1); MU(Y1)
  @acquires(rwsem_ABBA3_Y)
  e2() {
    this.acquire_rwsem_ABBA3_X(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(rwsem_ABBA3_Y)
  acquire_rwsem_ABBA3_Y() {}
  @acquires(rwsem_ABBA3_X)
  acquire_rwsem_ABBA3_X() {}
}
