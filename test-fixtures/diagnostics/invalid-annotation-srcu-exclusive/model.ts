// invalid-annotation: an SRCU domain is never held exclusively. Its readers take it with
// shared(S) (srcu_read_lock / srcu_read_unlock) and its updaters wait for the readers with
// waitFor(S) (synchronize_srcu); an exclusive lock(S), tryLock(S), lockInterruptible(S),
// guard(S), withLock(S, …), unlock(S), assertHeld(S) or @acquires(S)-like annotation is reported at
// the reference and skipped, and the rest of the model is still analysed. `@excludes(S)` (no
// caller is inside a read section) and waitFor(S) are fine; waitFor(shared(S)) is not.
// Where the type says S is an srcu domain, the exclusive forms do not compile either
// (`@ts-expect-error` below); a display name or nested(S, n) is left to the checker.
import {
  acquires,
  assertHeld,
  defineLock,
  excludes,
  guard,
  lock,
  lockInterruptible,
  nested,
  releases,
  requires,
  returnsHolding,
  shared,
  tryAcquires,
  tryLock,
  unlock,
  waitFor,
  withLock,
} from "lockorder";

export const kvmSrcu = defineLock("kvm->srcu", { kind: "srcu" });
export const slotsLock = defineLock("kvm->slots_lock");
export const irqLock = defineLock("kvm->irq_lock");

export function primitives(): void {
  // @ts-expect-error: an srcu domain is read with shared(S)
  lock(kvmSrcu); // expect: invalid-annotation
  // @ts-expect-error
  unlock(kvmSrcu); // expect: invalid-annotation
  // @ts-expect-error
  if (tryLock(kvmSrcu)) return; // expect: invalid-annotation
  // @ts-expect-error
  if (!lockInterruptible(kvmSrcu)) return; // expect: invalid-annotation
  // @ts-expect-error
  assertHeld(kvmSrcu); // expect: invalid-annotation
  lock("kvm->srcu"); // expect: invalid-annotation
  lock(nested(kvmSrcu, 1)); // expect: invalid-annotation
  waitFor(shared(kvmSrcu)); // expect: invalid-annotation
}

export function scoped(): void {
  // @ts-expect-error
  using g = guard(kvmSrcu); // expect: invalid-annotation
  lock(slotsLock);
  unlock(slotsLock);
}

// The callback still runs, with what is held around it: slots_lock -> irq_lock is an edge.
export function callback(): void {
  // @ts-expect-error
  withLock(kvmSrcu, () => { // expect: invalid-annotation
    lock(slotsLock);
    lock(irqLock); // expect: lock-order-inversion
    unlock(irqLock);
    unlock(slotsLock);
  });
}

export function irqFirst(): void {
  lock(irqLock);
  lock(slotsLock); // expect: lock-order-inversion
  unlock(slotsLock);
  unlock(irqLock);
}

export class Annotated {
  // @ts-expect-error
  @acquires(kvmSrcu) // expect: invalid-annotation
  a(): void {}

  // @ts-expect-error
  @tryAcquires(kvmSrcu) // expect: invalid-annotation
  b(): void {}

  // @ts-expect-error
  @requires(slotsLock, kvmSrcu) // expect: invalid-annotation
  c(): void {}

  // @ts-expect-error
  @returnsHolding(kvmSrcu) // expect: invalid-annotation
  d(): void {}

  // @ts-expect-error
  @releases(kvmSrcu) // expect: invalid-annotation
  e(): void {}

  // Fine: a read section, the caller's read section, no caller inside one.
  @acquires(shared(kvmSrcu))
  f(): void {}

  @requires(shared(kvmSrcu))
  g(): void {}

  @excludes(kvmSrcu)
  h(): void {
    waitFor(kvmSrcu);
  }
}

/** @acquires kvmSrcu */ // expect: invalid-annotation
export function jsdoc(): void {}
