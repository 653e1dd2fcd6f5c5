/*
 * lockdep selftest, section 1.11.3 (DO_TESTCASE_6x1RR[B]), three-class read/write cycles,
 * rlock only: X, Y, Z are `kind: "rwlock"`; RL = lock(shared(L)) (a recursive read),
 * WL = lock(L) (a write). All spin: no sleep-in-atomic.
 *
 * Form: decorators. Each lockdep event LU2(x, y) is one method `@acquires(x, y) eN() {}`; the
 * edge x -> y is sited at the decorator's second argument, i.e. on the decorator line (SPEC 5.2).
 *
 * Row covered: rlock W1R2/R2R3/W3W1, all six event orders (_123 ... _321), each with its own locks.
 *   E1: WL(X1) RL(Y1); E2: RL(Y1) RL(Z1); E3: WL(Z1) WL(X1)
 * Expected: S x6. S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength.
 * No diagnostic anywhere in this file.
 */
import { defineLock, acquires, shared } from "lockorder";

// ---- rlock W1R2/R2R3/W3W1, permutation _123: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_123_X = defineLock("w1r2_r2r3_w3w1_123_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_123_Y = defineLock("w1r2_r2r3_w3w1_123_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_123_Z = defineLock("w1r2_r2r3_w3w1_123_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_123 {
  // E1: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_123_X, shared(w1r2_r2r3_w3w1_123_Y))
  e1() {}

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_123_Y), shared(w1r2_r2r3_w3w1_123_Z))
  e2() {}

  // E3: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_123_Z, w1r2_r2r3_w3w1_123_X)
  e3() {}
}

// ---- rlock W1R2/R2R3/W3W1, permutation _132: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_132_X = defineLock("w1r2_r2r3_w3w1_132_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_132_Y = defineLock("w1r2_r2r3_w3w1_132_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_132_Z = defineLock("w1r2_r2r3_w3w1_132_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_132 {
  // E1: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_132_X, shared(w1r2_r2r3_w3w1_132_Y))
  e1() {}

  // E2: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_132_Z, w1r2_r2r3_w3w1_132_X)
  e2() {}

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_132_Y), shared(w1r2_r2r3_w3w1_132_Z))
  e3() {}
}

// ---- rlock W1R2/R2R3/W3W1, permutation _213: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_213_X = defineLock("w1r2_r2r3_w3w1_213_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_213_Y = defineLock("w1r2_r2r3_w3w1_213_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_213_Z = defineLock("w1r2_r2r3_w3w1_213_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_213 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_213_Y), shared(w1r2_r2r3_w3w1_213_Z))
  e1() {}

  // E2: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_213_X, shared(w1r2_r2r3_w3w1_213_Y))
  e2() {}

  // E3: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_213_Z, w1r2_r2r3_w3w1_213_X)
  e3() {}
}

// ---- rlock W1R2/R2R3/W3W1, permutation _231: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_231_X = defineLock("w1r2_r2r3_w3w1_231_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_231_Y = defineLock("w1r2_r2r3_w3w1_231_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_231_Z = defineLock("w1r2_r2r3_w3w1_231_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_231 {
  // E1: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_231_Y), shared(w1r2_r2r3_w3w1_231_Z))
  e1() {}

  // E2: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_231_Z, w1r2_r2r3_w3w1_231_X)
  e2() {}

  // E3: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_231_X, shared(w1r2_r2r3_w3w1_231_Y))
  e3() {}
}

// ---- rlock W1R2/R2R3/W3W1, permutation _312: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_312_X = defineLock("w1r2_r2r3_w3w1_312_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_312_Y = defineLock("w1r2_r2r3_w3w1_312_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_312_Z = defineLock("w1r2_r2r3_w3w1_312_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_312 {
  // E1: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_312_Z, w1r2_r2r3_w3w1_312_X)
  e1() {}

  // E2: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_312_X, shared(w1r2_r2r3_w3w1_312_Y))
  e2() {}

  // E3: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_312_Y), shared(w1r2_r2r3_w3w1_312_Z))
  e3() {}
}

// ---- rlock W1R2/R2R3/W3W1, permutation _321: S: ER, SR, EN; -(ER)-> then -(SR)-> breaks strength
const w1r2_r2r3_w3w1_321_X = defineLock("w1r2_r2r3_w3w1_321_X", { kind: "rwlock" });
const w1r2_r2r3_w3w1_321_Y = defineLock("w1r2_r2r3_w3w1_321_Y", { kind: "rwlock" });
const w1r2_r2r3_w3w1_321_Z = defineLock("w1r2_r2r3_w3w1_321_Z", { kind: "rwlock" });
export class W1r2_r2r3_w3w1_321 {
  // E1: (row E3) WL(Z1); WL(X1)
  @acquires(w1r2_r2r3_w3w1_321_Z, w1r2_r2r3_w3w1_321_X)
  e1() {}

  // E2: (row E2) RL(Y1); RL(Z1)
  @acquires(shared(w1r2_r2r3_w3w1_321_Y), shared(w1r2_r2r3_w3w1_321_Z))
  e2() {}

  // E3: (row E1) WL(X1); RL(Y1)
  @acquires(w1r2_r2r3_w3w1_321_X, shared(w1r2_r2r3_w3w1_321_Y))
  e3() {}
}
