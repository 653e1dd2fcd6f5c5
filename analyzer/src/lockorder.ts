/**
 * The `lockorder` module that driver models import (docs/annotations.md#the-lockorder-module).
 *
 * Owns: the declarations of locks, annotations and body primitives, typed so that a model
 * type-checks with `tsc --noEmit` under standard (TS 5+) decorators.
 * Must not: do anything at run time. Every function here is a no-op; the analyzer recognises
 * them by the name they are imported under, never by running them.
 */

/** The kinds of lock the checker knows (docs/annotations.md#lock-kinds). */
export type LockKind = "mutex" | "spinlock" | "rwlock" | "rwsem" | "completion" | "srcu";

declare const lockBrand: unique symbol;
declare const modifierBrand: unique symbol;

/** A lock class, as returned by `defineLock`: `Lock<"srcu">` for `{ kind: "srcu" }`. */
export interface Lock<K extends LockKind = LockKind> {
  readonly [lockBrand]: true;
  readonly name: string;
  readonly kind: K;
}

/**
 * `shared(L)`, `nested(L, n)`, `irq(L)`, `irqsave(L)` or `bh(L)`: a lock reference with a mode, a
 * lockdep subclass or an interrupt state (docs/annotations.md#modifiers); they compose in any order.
 */
export interface LockModifier {
  readonly [modifierBrand]: true;
}

/** Anything that names a lock: a `defineLock` result, a modifier, or a declared display name. */
export type LockRef = Lock | LockModifier | string;

/**
 * What a reference that holds its lock exclusively is checked against: an srcu domain is never
 * held exclusively (docs/annotations.md#waits), so `lock(S)` for `S: Lock<"srcu">` does not
 * compile, while `lock(shared(S))` and `waitFor(S)` do. References the types cannot tell apart
 * (a plain `Lock`, a display name, `nested(S, n)`) are left to the checker's invalid-annotation.
 */
type Holdable<R> = R extends Lock<"srcu"> ? SrcuIsNotHeldExclusively : unknown;

interface SrcuIsNotHeldExclusively {
  readonly "an srcu domain is read with shared(S) and waited for with waitFor(S)": never;
}

/**
 * What an interrupt modifier's reference is checked against: `irq(m)` for `m: Lock<"mutex">` does
 * not compile, since the kernel has spin_lock_irq and no mutex_lock_irq. References the types cannot
 * tell apart (a plain `Lock`, a display name, another modifier) are left to the checker's
 * invalid-annotation.
 */
type Spinning<R> = R extends Lock<infer K> ? (K extends "spinlock" | "rwlock" ? unknown : InterruptModifiersAreForSpinningLocks) : unknown;

interface InterruptModifiersAreForSpinningLocks {
  readonly "irq(), irqsave() and bh() take a spinlock or an rwlock": never;
}

/** Each of a list of references checked by Holdable. */
type AllHoldable<R extends readonly LockRef[]> = { readonly [I in keyof R]: R[I] & Holdable<R[I]> };

export interface LockOptions<K extends LockKind = LockKind> {
  /** Default `"mutex"`. */
  readonly kind?: K;
  /** Locks that must be acquired before this one (Clang's ACQUIRED_AFTER). */
  readonly after?: readonly (Lock | string)[];
  /** Locks that must be acquired after this one (Clang's ACQUIRED_BEFORE). */
  readonly before?: readonly (Lock | string)[];
}

export function defineLock<K extends LockKind = "mutex">(name: string, options?: LockOptions<K>): Lock<K> {
  return { name, kind: options?.kind ?? "mutex" } as unknown as Lock<K>;
}

/** Read (shared) mode; only for `rwlock`, `rwsem` and `srcu` (`srcu_read_lock`). */
export function shared(lock: LockRef): LockModifier {
  return { lock } as unknown as LockModifier;
}

/** Lockdep subclass `subclass` (1..7) of `lock`: a separate class `name/subclass`. */
export function nested(lock: LockRef, subclass: number): LockModifier {
  return { lock, subclass } as unknown as LockModifier;
}

/**
 * `spin_lock_irq` / `spin_unlock_irq` (and `read_`/`write_`): hard interrupts are disabled as the
 * lock is taken and enabled as it is released (docs/annotations.md#interrupt-contexts). Only for
 * spinning locks (`spinlock`, `rwlock`).
 */
export function irq<R extends LockRef>(lock: R & Spinning<R>): LockModifier {
  return { lock, irq: "irq" } as unknown as LockModifier;
}

/**
 * `spin_lock_irqsave` / `spin_unlock_irqrestore`: hard interrupts are disabled as the lock is taken,
 * and the state of before is restored as it is released. Only for spinning locks.
 */
export function irqsave<R extends LockRef>(lock: R & Spinning<R>): LockModifier {
  return { lock, irq: "irqsave" } as unknown as LockModifier;
}

/**
 * `spin_lock_bh` / `spin_unlock_bh`: softirqs are disabled as the lock is taken and enabled again
 * as it is released (the kernel counts these, so nested `bh` sections nest). Only for spinning locks.
 */
export function bh<R extends LockRef>(lock: R & Spinning<R>): LockModifier {
  return { lock, irq: "bh" } as unknown as LockModifier;
}

// ---- decorators (standard TS 5+ decorators on methods, getters and setters) ----

type MemberContext =
  | ClassMethodDecoratorContext
  | ClassGetterDecoratorContext
  | ClassSetterDecoratorContext;

/** A decorator for class methods, getters and setters that leaves the member unchanged. */
export type MethodAnnotation = (value: unknown, context: MemberContext) => void;

function annotation(): MethodAnnotation {
  return () => undefined;
}

/** Scoped: acquires the locks in order on entry, releases them on return. */
export function acquires<const R extends readonly LockRef[]>(..._locks: AllHoldable<R>): MethodAnnotation {
  return annotation();
}
/** As `acquires`, by trylock: the body is the success path. */
export function tryAcquires<const R extends readonly LockRef[]>(..._locks: AllHoldable<R>): MethodAnnotation {
  return annotation();
}
/** Every caller must hold the locks (exclusively; `shared(L)` accepts either mode). */
export function requires<const R extends readonly LockRef[]>(..._locks: AllHoldable<R>): MethodAnnotation {
  return annotation();
}
/** No caller may hold the locks. */
export function excludes(..._locks: LockRef[]): MethodAnnotation {
  return annotation();
}
/** Acquires the locks and returns with them held. */
export function returnsHolding<const R extends readonly LockRef[]>(..._locks: AllHoldable<R>): MethodAnnotation {
  return annotation();
}
/** The caller must hold the locks; the function releases them. */
export function releases<const R extends readonly LockRef[]>(..._locks: AllHoldable<R>): MethodAnnotation {
  return annotation();
}
/**
 * A hard interrupt handler (the function `request_irq` registers): it runs in hardirq context, with
 * hard interrupts disabled, and so does everything it calls (docs/annotations.md#interrupt-contexts).
 */
export function hardirq(_value: unknown, _context: MemberContext): void {}
/** A softirq, tasklet or timer callback: softirq context, softirqs disabled, hard interrupts enabled. */
export function softirq(_value: unknown, _context: MemberContext): void {}

/** The body is not analysed; the other annotations still apply at call sites. */
export function noLockAnalysis(_value: unknown, _context: MemberContext): void {}

/** On a field: reading needs the lock held in any mode, writing needs it exclusively. */
export function guardedBy(
  _lock: LockRef,
): (value: unknown, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext) => void {
  return () => undefined;
}

// ---- body primitives (docs/annotations.md#primitives) ----

export function lock<R extends LockRef>(_lock: R & Holdable<R>): void {}
export function unlock<R extends LockRef>(_lock: R & Holdable<R>): void {}
/** Returns whether the lock was taken; it is held only where the result is known true. */
export function tryLock<R extends LockRef>(_lock: R & Holdable<R>): boolean {
  return true;
}
/**
 * `mutex_lock_interruptible`, `mutex_lock_killable`, `down_read_killable`: waits for the lock like
 * `lock`, but returns false when interrupted (the kernel's -EINTR); the lock is held only where the
 * result is known true: `if (!lockInterruptible(L)) return -EINTR;`.
 */
export function lockInterruptible<R extends LockRef>(_lock: R & Holdable<R>): boolean {
  return true;
}
/** Holds the lock until the end of the enclosing block: `using g = guard(L)`. */
export function guard<R extends LockRef>(_lock: R & Holdable<R>): Disposable {
  return { [Symbol.dispose]() {} };
}
/** Runs `body` holding the lock. */
export function withLock<R extends LockRef, T>(_lock: R & Holdable<R>, body: () => T): T {
  return body();
}
/** Like lockdep_assert_held: the lock must be held here on every path. */
export function assertHeld<R extends LockRef>(_lock: R & Holdable<R>): void {}
// ---- interrupt state (docs/annotations.md#interrupt-contexts) ----

declare const irqFlagsBrand: unique symbol;
/** The state `localIrqSave` saved, for `localIrqRestore` (the kernel's `unsigned long flags`). */
export interface IrqFlags {
  readonly [irqFlagsBrand]: true;
}

/** `local_irq_disable()`: hard interrupts off (not counted: one enable turns them on again). */
export function localIrqDisable(): void {}
/** `local_irq_enable()`: hard interrupts on; every lock held here becomes hardirq-unsafe. */
export function localIrqEnable(): void {}
/** `local_irq_save(flags)`: hard interrupts off; returns the state of before. */
export function localIrqSave(): IrqFlags {
  return {} as IrqFlags;
}
/**
 * `local_irq_restore(flags)`: back to the state of the matching `localIrqSave` (the most recent one
 * not yet restored; the flags argument may be left out).
 */
export function localIrqRestore(_flags?: IrqFlags): void {}
/** `local_bh_disable()`: softirqs off (counted: they stay off until as many `localBhEnable`s). */
export function localBhDisable(): void {}
/** `local_bh_enable()`: undoes one `localBhDisable`; softirqs are on again when none is left. */
export function localBhEnable(): void {}

/**
 * Waits for a completion or for an srcu domain's readers (`synchronize_srcu`): acquires and
 * releases it at once (docs/annotations.md#waits).
 */
export function waitFor(_completion: LockRef): void {}
