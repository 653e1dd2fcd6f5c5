/*
 * lockdep selftest, section 1.11.3 (DO_TESTCASE_6x1RR[B]), three-class read/write cycles,
 * rlock only: X, Y, Z are `kind: "rwlock"`; RL = lock(shared(L)) (a recursive read),
 * WL = lock(L) (a write). All spin: no sleep-in-atomic.
 *
 * Form: straight-line bodies. Each lockdep event LU2(x, y) = LOCK(x); LOCK(y); UNLOCK(y);
 * UNLOCK(x) is one free function; an edge x -> y is sited at y in `lock(y)` (SPEC 5.2).
 *
 * Row covered: rlock W1W2/R2R3/W3R1, all six event orders (_123 ... _321), each with its own locks.
 *   E1: WL(X1) WL(Y1); E2: RL(Y1) RL(Z1); E3: WL(Z1) RL(X1)
 * Expected: F x6. F: EN, SR, ER: strong.
 * Every permutation: lock-order-inversion at the site of each of its three edges.
 */
import { defineLock, lock, unlock, shared } from "lockorder";

// ---- rlock W1W2/R2R3/W3R1, permutation _123: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_123_X = defineLock("w1w2_r2r3_w3r1_123_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_123_Y = defineLock("w1w2_r2r3_w3r1_123_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_123_Z = defineLock("w1w2_r2r3_w3r1_123_Z", { kind: "rwlock" });

// E1: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_123_e1(): void {
  lock(w1w2_r2r3_w3r1_123_X);
  lock(w1w2_r2r3_w3r1_123_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_123_Y);
  unlock(w1w2_r2r3_w3r1_123_X);
}

// E2: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_123_e2(): void {
  lock(shared(w1w2_r2r3_w3r1_123_Y));
  lock(shared(w1w2_r2r3_w3r1_123_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_123_Z));
  unlock(shared(w1w2_r2r3_w3r1_123_Y));
}

// E3: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_123_e3(): void {
  lock(w1w2_r2r3_w3r1_123_Z);
  lock(shared(w1w2_r2r3_w3r1_123_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_123_X));
  unlock(w1w2_r2r3_w3r1_123_Z);
}

// ---- rlock W1W2/R2R3/W3R1, permutation _132: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_132_X = defineLock("w1w2_r2r3_w3r1_132_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Y = defineLock("w1w2_r2r3_w3r1_132_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_132_Z = defineLock("w1w2_r2r3_w3r1_132_Z", { kind: "rwlock" });

// E1: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_132_e1(): void {
  lock(w1w2_r2r3_w3r1_132_X);
  lock(w1w2_r2r3_w3r1_132_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_132_Y);
  unlock(w1w2_r2r3_w3r1_132_X);
}

// E2: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_132_e2(): void {
  lock(w1w2_r2r3_w3r1_132_Z);
  lock(shared(w1w2_r2r3_w3r1_132_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_132_X));
  unlock(w1w2_r2r3_w3r1_132_Z);
}

// E3: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_132_e3(): void {
  lock(shared(w1w2_r2r3_w3r1_132_Y));
  lock(shared(w1w2_r2r3_w3r1_132_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_132_Z));
  unlock(shared(w1w2_r2r3_w3r1_132_Y));
}

// ---- rlock W1W2/R2R3/W3R1, permutation _213: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_213_X = defineLock("w1w2_r2r3_w3r1_213_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Y = defineLock("w1w2_r2r3_w3r1_213_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_213_Z = defineLock("w1w2_r2r3_w3r1_213_Z", { kind: "rwlock" });

// E1: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_213_e1(): void {
  lock(shared(w1w2_r2r3_w3r1_213_Y));
  lock(shared(w1w2_r2r3_w3r1_213_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_213_Z));
  unlock(shared(w1w2_r2r3_w3r1_213_Y));
}

// E2: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_213_e2(): void {
  lock(w1w2_r2r3_w3r1_213_X);
  lock(w1w2_r2r3_w3r1_213_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_213_Y);
  unlock(w1w2_r2r3_w3r1_213_X);
}

// E3: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_213_e3(): void {
  lock(w1w2_r2r3_w3r1_213_Z);
  lock(shared(w1w2_r2r3_w3r1_213_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_213_X));
  unlock(w1w2_r2r3_w3r1_213_Z);
}

// ---- rlock W1W2/R2R3/W3R1, permutation _231: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_231_X = defineLock("w1w2_r2r3_w3r1_231_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Y = defineLock("w1w2_r2r3_w3r1_231_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_231_Z = defineLock("w1w2_r2r3_w3r1_231_Z", { kind: "rwlock" });

// E1: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_231_e1(): void {
  lock(shared(w1w2_r2r3_w3r1_231_Y));
  lock(shared(w1w2_r2r3_w3r1_231_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_231_Z));
  unlock(shared(w1w2_r2r3_w3r1_231_Y));
}

// E2: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_231_e2(): void {
  lock(w1w2_r2r3_w3r1_231_Z);
  lock(shared(w1w2_r2r3_w3r1_231_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_231_X));
  unlock(w1w2_r2r3_w3r1_231_Z);
}

// E3: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_231_e3(): void {
  lock(w1w2_r2r3_w3r1_231_X);
  lock(w1w2_r2r3_w3r1_231_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_231_Y);
  unlock(w1w2_r2r3_w3r1_231_X);
}

// ---- rlock W1W2/R2R3/W3R1, permutation _312: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_312_X = defineLock("w1w2_r2r3_w3r1_312_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Y = defineLock("w1w2_r2r3_w3r1_312_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_312_Z = defineLock("w1w2_r2r3_w3r1_312_Z", { kind: "rwlock" });

// E1: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_312_e1(): void {
  lock(w1w2_r2r3_w3r1_312_Z);
  lock(shared(w1w2_r2r3_w3r1_312_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_312_X));
  unlock(w1w2_r2r3_w3r1_312_Z);
}

// E2: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_312_e2(): void {
  lock(w1w2_r2r3_w3r1_312_X);
  lock(w1w2_r2r3_w3r1_312_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_312_Y);
  unlock(w1w2_r2r3_w3r1_312_X);
}

// E3: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_312_e3(): void {
  lock(shared(w1w2_r2r3_w3r1_312_Y));
  lock(shared(w1w2_r2r3_w3r1_312_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_312_Z));
  unlock(shared(w1w2_r2r3_w3r1_312_Y));
}

// ---- rlock W1W2/R2R3/W3R1, permutation _321: F: EN, SR, ER: strong
const w1w2_r2r3_w3r1_321_X = defineLock("w1w2_r2r3_w3r1_321_X", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Y = defineLock("w1w2_r2r3_w3r1_321_Y", { kind: "rwlock" });
const w1w2_r2r3_w3r1_321_Z = defineLock("w1w2_r2r3_w3r1_321_Z", { kind: "rwlock" });

// E1: (row E3) WL(Z1); RL(X1)
export function w1w2_r2r3_w3r1_321_e1(): void {
  lock(w1w2_r2r3_w3r1_321_Z);
  lock(shared(w1w2_r2r3_w3r1_321_X)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_321_X));
  unlock(w1w2_r2r3_w3r1_321_Z);
}

// E2: (row E2) RL(Y1); RL(Z1)
export function w1w2_r2r3_w3r1_321_e2(): void {
  lock(shared(w1w2_r2r3_w3r1_321_Y));
  lock(shared(w1w2_r2r3_w3r1_321_Z)); // expect: lock-order-inversion
  unlock(shared(w1w2_r2r3_w3r1_321_Z));
  unlock(shared(w1w2_r2r3_w3r1_321_Y));
}

// E3: (row E1) WL(X1); WL(Y1)
export function w1w2_r2r3_w3r1_321_e3(): void {
  lock(w1w2_r2r3_w3r1_321_X);
  lock(w1w2_r2r3_w3r1_321_Y); // expect: lock-order-inversion
  unlock(w1w2_r2r3_w3r1_321_Y);
  unlock(w1w2_r2r3_w3r1_321_X);
}
