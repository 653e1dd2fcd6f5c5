/*
 * lockdep selftest, section 1.11.3 (DO_TESTCASE_6x1RR[B]), three-class read/write cycles,
 * rlock only: X, Y, Z are `kind: "rwlock"`; RL = lock(shared(L)) (a recursive read),
 * WL = lock(L) (a write). All spin: no sleep-in-atomic.
 *
 * Form: decorators. Each lockdep event LU2(x, y) is one method `@acquires(x, y) eN() {}`; the
 * edge x -> y is sited at the decorator's second argument, i.e. on the decorator line (SPEC 5.2).
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
  @acquires(w1w2_r2r3_w3r1_123_X, w1w2_r2r3_w3r1_123_Y) // expect: lock-order-inversion
  e1() {}

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_123_Y), shared(w1w2_r2r3_w3r1_123_Z)) // expect: lock-order-inversion
  e2() {}

  // E3: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_123_Z, shared(w1w2_r2r3_w3r1_123_X)) // expect: lock-order-inversion
  e3() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _132: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_132_X = defineLock("w1w2_r2r3_w3r1_132_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Y = defineLock("w1w2_r2r3_w3r1_132_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Z = defineLock("w1w2_r2r3_w3r1_132_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_132 {
  // E1: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_132_X, w1w2_r2r3_w3r1_132_Y) // expect: lock-order-inversion
  e1() {}

  // E2: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_132_Z, shared(w1w2_r2r3_w3r1_132_X)) // expect: lock-order-inversion
  e2() {}

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_132_Y), shared(w1w2_r2r3_w3r1_132_Z)) // expect: lock-order-inversion
  e3() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _213: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_213_X = defineLock("w1w2_r2r3_w3r1_213_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Y = defineLock("w1w2_r2r3_w3r1_213_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Z = defineLock("w1w2_r2r3_w3r1_213_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_213 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_213_Y), shared(w1w2_r2r3_w3r1_213_Z)) // expect: lock-order-inversion
  e1() {}

  // E2: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_213_X, w1w2_r2r3_w3r1_213_Y) // expect: lock-order-inversion
  e2() {}

  // E3: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_213_Z, shared(w1w2_r2r3_w3r1_213_X)) // expect: lock-order-inversion
  e3() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _231: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_231_X = defineLock("w1w2_r2r3_w3r1_231_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Y = defineLock("w1w2_r2r3_w3r1_231_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Z = defineLock("w1w2_r2r3_w3r1_231_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_231 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_231_Y), shared(w1w2_r2r3_w3r1_231_Z)) // expect: lock-order-inversion
  e1() {}

  // E2: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_231_Z, shared(w1w2_r2r3_w3r1_231_X)) // expect: lock-order-inversion
  e2() {}

  // E3: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_231_X, w1w2_r2r3_w3r1_231_Y) // expect: lock-order-inversion
  e3() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _312: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_312_X = defineLock("w1w2_r2r3_w3r1_312_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Y = defineLock("w1w2_r2r3_w3r1_312_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Z = defineLock("w1w2_r2r3_w3r1_312_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_312 {
  // E1: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_312_Z, shared(w1w2_r2r3_w3r1_312_X)) // expect: lock-order-inversion
  e1() {}

  // E2: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_312_X, w1w2_r2r3_w3r1_312_Y) // expect: lock-order-inversion
  e2() {}

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_312_Y), shared(w1w2_r2r3_w3r1_312_Z)) // expect: lock-order-inversion
  e3() {}
}

// ---- rlock W1W2/R2R3/W3R1, permutation _321: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_321_X = defineLock("w1w2_r2r3_w3r1_321_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Y = defineLock("w1w2_r2r3_w3r1_321_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Z = defineLock("w1w2_r2r3_w3r1_321_Z", { kind: "rwlock" });
export class W1w2_r2r3_w3r1_321 {
  // E1: (row E3) WL(Z1); RL(X1)
  @acquires(w1w2_r2r3_w3r1_321_Z, shared(w1w2_r2r3_w3r1_321_X)) // expect: lock-order-inversion
  e1() {}

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1w2_r2r3_w3r1_321_Y), shared(w1w2_r2r3_w3r1_321_Z)) // expect: lock-order-inversion
  e2() {}

  // E3: (row E1) WL(X1); WL(Y1)
  @acquires(w1w2_r2r3_w3r1_321_X, w1w2_r2r3_w3r1_321_Y) // expect: lock-order-inversion
  e3() {}
}
