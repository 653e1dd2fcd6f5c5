// SPEC 4.2 callbacks. A function or arrow expression passed directly as an argument is a
// synchronous callback: it runs with the caller's held set, and its acquisitions make edges
// from that set, sited inside the callback. Deferred callbacks (setTimeout, setInterval,
// setImmediate, queueMicrotask, process.nextTick, a promise's then/catch/finally) and stored
// functions start with nothing held. Each pair below is an ABBA: X_ab acquires B inside a
// callback while holding A, X_ba acquires A while holding B. Only the synchronous variants
// close a cycle (lock-order-inversion at both sites); the deferred and stored ones are clean.
import { defineLock, guardedBy, lock, requires, unlock } from "lockorder";

declare function setTimeout(fn: () => void, ms?: number): number;
declare function setInterval(fn: () => void, ms?: number): number;
declare function setImmediate(fn: () => void): unknown;
declare function queueMicrotask(fn: () => void): void;
declare const process: { nextTick(fn: () => void): void };
declare function each<T>(xs: readonly T[], fn: (x: T) => void): void;
declare function register(fn: () => void): void;
declare function io(): Promise<number>;
declare function work(): void;
declare const items: number[];

// ---- synchronous callbacks: cycles ----

const feA = defineLock("cb.for_each_a");
const feB = defineLock("cb.for_each_b");

// Array.forEach with an arrow: edge A -> B sited at lock(B) inside the arrow
function for_each_ab(): void {
  lock(feA);
  items.forEach((m) => {
    lock(feB); // expect: lock-order-inversion
    work();
    unlock(feB);
  });
  unlock(feA);
}

// B then A
function for_each_ba(): void {
  lock(feB);
  lock(feA); // expect: lock-order-inversion
  unlock(feA);
  unlock(feB);
}

const fnA = defineLock("cb.function_expr_a");
const fnB = defineLock("cb.function_expr_b");

// Array.map with a function expression
function function_expression_ab(): number[] {
  lock(fnA);
  const out = items.map(function (x) {
    lock(fnB); // expect: lock-order-inversion
    unlock(fnB);
    return x;
  });
  unlock(fnA);
  return out;
}

// B then A
function function_expression_ba(): void {
  lock(fnB);
  lock(fnA); // expect: lock-order-inversion
  unlock(fnA);
  unlock(fnB);
}

const udA = defineLock("cb.user_a");
const udB = defineLock("cb.user_b");

// a callback passed to any call (here a declared function), not only to Array methods
function user_function_ab(): void {
  lock(udA);
  each(items, () => {
    lock(udB); // expect: lock-order-inversion
    unlock(udB);
  });
  unlock(udA);
}

// B then A
function user_function_ba(): void {
  lock(udB);
  lock(udA); // expect: lock-order-inversion
  unlock(udA);
  unlock(udB);
}

// ---- deferred callbacks: no edge from the caller's held set, so no cycle ----

const toA = defineLock("cb.set_timeout_a");
const toB = defineLock("cb.set_timeout_b");

// setTimeout
function set_timeout_ab(): void {
  lock(toA);
  setTimeout(() => {
    lock(toB);
    unlock(toB);
  }, 0);
  unlock(toA);
}

// setTimeout pair, B then A: the only edge between the two locks, so no cycle
function set_timeout_ba(): void {
  lock(toB);
  lock(toA);
  unlock(toA);
  unlock(toB);
}

const ivA = defineLock("cb.set_interval_a");
const ivB = defineLock("cb.set_interval_b");

// setInterval
function set_interval_ab(): void {
  lock(ivA);
  setInterval(() => {
    lock(ivB);
    unlock(ivB);
  }, 1000);
  unlock(ivA);
}

// setInterval pair, B then A: the only edge between the two locks, so no cycle
function set_interval_ba(): void {
  lock(ivB);
  lock(ivA);
  unlock(ivA);
  unlock(ivB);
}

const imA = defineLock("cb.set_immediate_a");
const imB = defineLock("cb.set_immediate_b");

// setImmediate
function set_immediate_ab(): void {
  lock(imA);
  setImmediate(() => {
    lock(imB);
    unlock(imB);
  });
  unlock(imA);
}

// setImmediate pair, B then A: the only edge between the two locks, so no cycle
function set_immediate_ba(): void {
  lock(imB);
  lock(imA);
  unlock(imA);
  unlock(imB);
}

const qmA = defineLock("cb.queue_microtask_a");
const qmB = defineLock("cb.queue_microtask_b");

// queueMicrotask with a function expression
function queue_microtask_ab(): void {
  lock(qmA);
  queueMicrotask(function () {
    lock(qmB);
    unlock(qmB);
  });
  unlock(qmA);
}

// queueMicrotask pair, B then A: the only edge between the two locks, so no cycle
function queue_microtask_ba(): void {
  lock(qmB);
  lock(qmA);
  unlock(qmA);
  unlock(qmB);
}

const ntA = defineLock("cb.next_tick_a");
const ntB = defineLock("cb.next_tick_b");

// process.nextTick
function next_tick_ab(): void {
  lock(ntA);
  process.nextTick(() => {
    lock(ntB);
    unlock(ntB);
  });
  unlock(ntA);
}

// process.nextTick pair, B then A: the only edge between the two locks, so no cycle
function next_tick_ba(): void {
  lock(ntB);
  lock(ntA);
  unlock(ntA);
  unlock(ntB);
}

const thA = defineLock("cb.then_a");
const thB = defineLock("cb.then_b");

// promise then
function then_ab(): void {
  lock(thA);
  io().then(() => {
    lock(thB);
    unlock(thB);
  });
  unlock(thA);
}

// then pair, B then A: the only edge between the two locks, so no cycle
function then_ba(): void {
  lock(thB);
  lock(thA);
  unlock(thA);
  unlock(thB);
}

const caA = defineLock("cb.catch_a");
const caB = defineLock("cb.catch_b");

// promise catch
function catch_ab(): void {
  lock(caA);
  io().catch(() => {
    lock(caB);
    unlock(caB);
  });
  unlock(caA);
}

// catch pair, B then A: the only edge between the two locks, so no cycle
function catch_ba(): void {
  lock(caB);
  lock(caA);
  unlock(caA);
  unlock(caB);
}

const fiA = defineLock("cb.finally_a");
const fiB = defineLock("cb.finally_b");

// promise finally
function finally_ab(): void {
  lock(fiA);
  io().finally(() => {
    lock(fiB);
    unlock(fiB);
  });
  unlock(fiA);
}

// finally pair, B then A: the only edge between the two locks, so no cycle
function finally_ba(): void {
  lock(fiB);
  lock(fiA);
  unlock(fiA);
  unlock(fiB);
}

// ---- stored functions: analysed with nothing held where they are created ----

const stA = defineLock("cb.stored_a");
const stB = defineLock("cb.stored_b");

// an arrow stored in a variable while A is held, handed over but not called here
function stored_variable_ab(): void {
  lock(stA);
  const cb = (): void => {
    lock(stB);
    unlock(stB);
  };
  unlock(stA);
  register(cb);
}

// stored-variable pair, B then A: no cycle
function stored_variable_ba(): void {
  lock(stB);
  lock(stA);
  unlock(stA);
  unlock(stB);
}

const spA = defineLock("cb.stored_property_a");
const spB = defineLock("cb.stored_property_b");

class Holder {
  onDone: (() => void) | null = null;

  // an arrow stored in a property while A is held
  storeAb(): void {
    lock(spA);
    this.onDone = () => {
      lock(spB);
      unlock(spB);
    };
    unlock(spA);
  }
}

// stored-property pair, B then A: no cycle
function stored_property_ba(): void {
  lock(spB);
  lock(spA);
  unlock(spA);
  unlock(spB);
}

const scA = defineLock("cb.stored_called_a");
const scB = defineLock("cb.stored_called_b");

// a stored arrow called while A is held: the edge is sited at the call
function stored_called_ab(): void {
  const cb = (): void => {
    lock(scB);
    unlock(scB);
  };
  lock(scA);
  cb(); // expect: lock-order-inversion
  unlock(scA);
}

// stored-and-called pair, B then A: closes the cycle with the edge sited at cb()
function stored_called_ba(): void {
  lock(scB);
  lock(scA); // expect: lock-order-inversion
  unlock(scA);
  unlock(scB);
}

// ---- the held set inside callbacks ----

const reqMu = defineLock("cb.req_mu");
const reqDeferredMu = defineLock("cb.req_deferred_mu");
const recMu = defineLock("cb.recursive_mu");
const recDeferredMu = defineLock("cb.recursive_deferred_mu");
const boxMu = defineLock("cb.box_mu");
const box2Mu = defineLock("cb.box2_mu");

class Needs {
  @requires(reqMu)
  m(): void {}

  @requires(reqDeferredMu)
  d(): void {}
}

class Box {
  @guardedBy(boxMu)
  v!: number;

  @guardedBy(box2Mu)
  w!: number;
}

// a synchronous callback sees the caller's lock: the requirement is met
function requires_in_sync_callback(n: Needs): void {
  lock(reqMu);
  items.forEach(() => n.m());
  unlock(reqMu);
}

// a deferred callback starts with nothing held: the requirement is not met
function requires_in_deferred_callback(n: Needs): void {
  lock(reqDeferredMu);
  setTimeout(() => {
    n.d(); // expect: requires-not-held
  });
  unlock(reqDeferredMu);
}

// a synchronous callback acquiring the caller's lock again
function recursive_in_sync_callback(): void {
  lock(recMu);
  items.forEach(() => {
    lock(recMu); // expect: recursive-lock
  });
  unlock(recMu);
}

// a deferred callback acquiring the caller's lock: not recursive
function recursive_in_deferred_callback(): void {
  lock(recDeferredMu);
  queueMicrotask(() => {
    lock(recDeferredMu);
    unlock(recDeferredMu);
  });
  unlock(recDeferredMu);
}

// a guarded field written in a synchronous callback under the caller's lock
function guarded_in_sync_callback(b: Box): void {
  lock(boxMu);
  items.forEach((x) => {
    b.v += x;
  });
  unlock(boxMu);
}

// a guarded field written in a deferred callback: the caller's lock is not held there
function guarded_in_deferred_callback(b: Box): void {
  lock(box2Mu);
  io().then((x) => {
    b.w = x; // expect: guarded-access
  });
  unlock(box2Mu);
}

export {
  for_each_ab, for_each_ba, function_expression_ab, function_expression_ba, user_function_ab,
  user_function_ba, set_timeout_ab, set_timeout_ba, set_interval_ab, set_interval_ba, set_immediate_ab,
  set_immediate_ba, queue_microtask_ab, queue_microtask_ba, next_tick_ab, next_tick_ba, then_ab,
  then_ba, catch_ab, catch_ba, finally_ab, finally_ba, stored_variable_ab, stored_variable_ba, Holder,
  stored_property_ba, stored_called_ab, stored_called_ba, requires_in_sync_callback,
  requires_in_deferred_callback, recursive_in_sync_callback, recursive_in_deferred_callback,
  guarded_in_sync_callback, guarded_in_deferred_callback,
};
