/*
 * lockdep selftest, section 1.11.3 (DO_TESTCASE_6x1RR[B]), three-class read/write cycles,
 * rlock only: X, Y, Z are `kind: "rwlock"`; RL = lock(shared(L)) (a recursive read),
 * WL = lock(L) (a write). All spin: no sleep-in-atomic.
 *
 * Form: nested calls. Each lockdep event LU2(x, y) is `@acquires(x) eN() { this.acquire_y(); }`
 * calling `@acquires(y) acquire_y() {}`; the edge x -> y is sited at the call (SPEC 5.2).
 *
 * Row covered: rlock W1W2/R2R3/W3R1, all six event orders (_123 ... _321), each with its own locks.
 *   E1: WL(X1) WL(Y1); E2: RL(Y1) RL(Z1); E3: WL(Z1) RL(X1)
 * Expected: F x6. F: EN, SR, ER: strong.
 * Every permutation: lock-order-inversion at the site of each of its three edges.
 */
import { defineLock, acquires, shared } from "lockorder";

// ---- rlock W1W2/R2R3/W3R1, permutation _123: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_123_X = defineLock("w1w2_r2r3_w3r1_123_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_123_Y = defineLock("w1w2_r2r3_w3r1_123_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_123_Z = defineLock("w1w2_r2r3_w3r1_123_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_123 {
  // E1: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_123_X)
  e1() {
    this.acquire_w1w2_r2r3_w3r1_123_Y(); // expect: lock-order-inversion
  }

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_123_Y))
  e2() {
    this.acquire_w1w2_r2r3_w3r1_123_Z_shared(); // expect: lock-order-inversion
  }

  // E3: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_123_Z)
  e3() {
    this.acquire_w1w2_r2r3_w3r1_123_X_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(w1w2_r2r3_w3r1_123_Y)
  acquire_w1w2_r2r3_w3r1_123_Y() {}
  @acquires(shared(w1w2_r2r3_w3r1_123_Z))
  acquire_w1w2_r2r3_w3r1_123_Z_shared() {}
  @acquires(shared(w1w2_r2r3_w3r1_123_X))
  acquire_w1w2_r2r3_w3r1_123_X_shared() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _132: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_132_X = defineLock("w1w2_r2r3_w3r1_132_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Y = defineLock("w1w2_r2r3_w3r1_132_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Z = defineLock("w1w2_r2r3_w3r1_132_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_132 {
  // E1: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_132_X)
  e1() {
    this.acquire_w1w2_r2r3_w3r1_132_Y(); // expect: lock-order-inversion
  }

  // E2: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_132_Z)
  e2() {
    this.acquire_w1w2_r2r3_w3r1_132_X_shared(); // expect: lock-order-inversion
  }

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_132_Y))
  e3() {
    this.acquire_w1w2_r2r3_w3r1_132_Z_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(w1w2_r2r3_w3r1_132_Y)
  acquire_w1w2_r2r3_w3r1_132_Y() {}
  @acquires(shared(w1w2_r2r3_w3r1_132_X))
  acquire_w1w2_r2r3_w3r1_132_X_shared() {}
  @acquires(shared(w1w2_r2r3_w3r1_132_Z))
  acquire_w1w2_r2r3_w3r1_132_Z_shared() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _213: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_213_X = defineLock("w1w2_r2r3_w3r1_213_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Y = defineLock("w1w2_r2r3_w3r1_213_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Z = defineLock("w1w2_r2r3_w3r1_213_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_213 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_213_Y))
  e1() {
    this.acquire_w1w2_r2r3_w3r1_213_Z_shared(); // expect: lock-order-inversion
  }

  // E2: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_213_X)
  e2() {
    this.acquire_w1w2_r2r3_w3r1_213_Y(); // expect: lock-order-inversion
  }

  // E3: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_213_Z)
  e3() {
    this.acquire_w1w2_r2r3_w3r1_213_X_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(w1w2_r2r3_w3r1_213_Z))
  acquire_w1w2_r2r3_w3r1_213_Z_shared() {}
  @acquires(w1w2_r2r3_w3r1_213_Y)
  acquire_w1w2_r2r3_w3r1_213_Y() {}
  @acquires(shared(w1w2_r2r3_w3r1_213_X))
  acquire_w1w2_r2r3_w3r1_213_X_shared() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _231: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_231_X = defineLock("w1w2_r2r3_w3r1_231_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Y = defineLock("w1w2_r2r3_w3r1_231_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Z = defineLock("w1w2_r2r3_w3r1_231_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_231 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_231_Y))
  e1() {
    this.acquire_w1w2_r2r3_w3r1_231_Z_shared(); // expect: lock-order-inversion
  }

  // E2: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_231_Z)
  e2() {
    this.acquire_w1w2_r2r3_w3r1_231_X_shared(); // expect: lock-order-inversion
  }

  // E3: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_231_X)
  e3() {
    this.acquire_w1w2_r2r3_w3r1_231_Y(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(w1w2_r2r3_w3r1_231_Z))
  acquire_w1w2_r2r3_w3r1_231_Z_shared() {}
  @acquires(shared(w1w2_r2r3_w3r1_231_X))
  acquire_w1w2_r2r3_w3r1_231_X_shared() {}
  @acquires(w1w2_r2r3_w3r1_231_Y)
  acquire_w1w2_r2r3_w3r1_231_Y() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _312: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_312_X = defineLock("w1w2_r2r3_w3r1_312_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Y = defineLock("w1w2_r2r3_w3r1_312_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Z = defineLock("w1w2_r2r3_w3r1_312_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_312 {
  // E1: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_312_Z)
  e1() {
    this.acquire_w1w2_r2r3_w3r1_312_X_shared(); // expect: lock-order-inversion
  }

  // E2: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_312_X)
  e2() {
    this.acquire_w1w2_r2r3_w3r1_312_Y(); // expect: lock-order-inversion
  }

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_312_Y))
  e3() {
    this.acquire_w1w2_r2r3_w3r1_312_Z_shared(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(w1w2_r2r3_w3r1_312_X))
  acquire_w1w2_r2r3_w3r1_312_X_shared() {}
  @acquires(w1w2_r2r3_w3r1_312_Y)
  acquire_w1w2_r2r3_w3r1_312_Y() {}
  @acquires(shared(w1w2_r2r3_w3r1_312_Z))
  acquire_w1w2_r2r3_w3r1_312_Z_shared() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _321: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_321_X = defineLock("w1w2_r2r3_w3r1_321_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Y = defineLock("w1w2_r2r3_w3r1_321_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Z = defineLock("w1w2_r2r3_w3r1_321_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_321 {
  // E1: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_321_Z)
  e1() {
    this.acquire_w1w2_r2r3_w3r1_321_X_shared(); // expect: lock-order-inversion
  }

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_321_Y))
  e2() {
    this.acquire_w1w2_r2r3_w3r1_321_Z_shared(); // expect: lock-order-inversion
  }

  // E3: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_321_X)
  e3() {
    this.acquire_w1w2_r2r3_w3r1_321_Y(); // expect: lock-order-inversion
  }

  // leaves: each acquires one lock, so they add no edge of their own
  @acquires(shared(w1w2_r2r3_w3r1_321_X))
  acquire_w1w2_r2r3_w3r1_321_X_shared() {}
  @acquires(shared(w1w2_r2r3_w3r1_321_Z))
  acquire_w1w2_r2r3_w3r1_321_Z_shared() {}
  @acquires(w1w2_r2r3_w3r1_321_Y)
  acquire_w1w2_r2r3_w3r1_321_Y() {}
}
