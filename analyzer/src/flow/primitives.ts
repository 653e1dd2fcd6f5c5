/**
 * The lock primitives' meaning in the flow walk (docs/annotations.md#primitives): what `lock`,
 * `unlock`, `tryLock`, `lockInterruptible`, `guard`, `withLock`, `assertHeld` and `waitFor` do to
 * the held set, and what acquiring, holding and releasing a lock report on the way; what an
 * acquisition of a completion (a region, which never waits) or of an srcu domain (a read) is; what
 * the interrupt primitives and the modifiers `irq`, `irqsave`, `bh` do to the interrupt state
 * (docs/annotations.md#interrupt-contexts).
 *
 * Owns: the function's acquisitions (AcquireEvent), the places it turns interrupts on with locks
 * held (IrqEnableEvent) and whether its body has lock effects; the lock each trylock or
 * lockInterruptible call tried; the held-lock cap (MAX_HELD_LOCKS); the diagnostics recursive-lock,
 * direct sleep-in-atomic (under a spinning lock, in an interrupt entry, with interrupts disabled by
 * the body), unlock-not-held, assertHeld's requires-not-held, the primitives' invalid-annotation (no
 * lock, an srcu domain named exclusively), and analysis-incomplete for too many locks held.
 * Must not: walk statements or expressions itself: `withLock`'s body is handed back to the walk
 * (Walk); calls are the walker's.
 */
import { ts } from "@ts-morph/common";
import { messages } from "../diagnostics";
import { MAX_HELD_LOCKS } from "../limits";
import { AS_ON_ENTRY, hardPart, localAtomicCause, OFF, softPart } from "../irqState";
import { acquisitionSleeps, heldInMode, isSpinning, type AcquireEvent, type AcquisitionKind, type FunctionInfo, type HeldEntry, type IrqEnableEvent, type LockUse, type Site } from "../model";
import { skipOuter } from "../tree";
import { isConditionalAcquire } from "./conditions";
import { acquiredHere, callSite, type FlowContext, type ResolvedCall } from "./context";
import { afterIrqPrimitive, afterReleasing, afterTaking, IRQ_PRIMITIVES, irqCodeOf, readAgain, releasedAt, withHeld, type Flow, type IrqPrimitive, type IrqState, type State } from "./heldSet";

/** What a primitive hands back to the walk: `withLock` runs its body, a call or a callback, inside. */
export interface Walk {
  walkExpr(e: ts.Expression, st: State): Flow;
  walkCallback(cb: ts.ArrowFunction | ts.FunctionExpression, st: State): void;
  applyCall(site: Site, st: State, resolved: ResolvedCall | undefined): State;
  /** A scope id of its own, for the locks `withLock` releases at its end. */
  newScope(): number;
}

const PRIMITIVES = ["lock", "unlock", "tryLock", "lockInterruptible", "guard", "withLock", "assertHeld", "waitFor"];

/** How an acquisition holds its lock, beyond its AcquisitionKind. */
interface AcquireOptions {
  /** The scope whose end releases the lock (guards, `withLock`). */
  readonly scope?: number;
  /** `waitFor`: the acquisition is a wait, released at once. */
  readonly wait?: boolean;
  /** `lockInterruptible`: it waits like `lock`, but holds the lock only where its result is known true. */
  readonly mayFail?: boolean;
}

export class Primitives {
  readonly acquisitions: AcquireEvent[] = [];
  readonly enables: IrqEnableEvent[] = [];
  /** False while the body has no primitives and no calls that change the held set (a summary). */
  hasLockEffects = false;
  /**
   * Set from the first unknown lock reference on (in an annotation of the function, or a
   * primitive's argument): the held set may lack the lock meant, so what only follows from that
   * (unlock-not-held, lock-held-at-exit, inconsistent-lock-state, requires-not-held) is not reported.
   */
  unknownLock: boolean;
  private readonly tryUses = new Map<ts.Node, LockUse>();
  /** Whether analysis-incomplete was reported for the held-lock cap. */
  private tooManyHeld = false;
  /** Locks not taken into the held set because MAX_HELD_LOCKS were held already. */
  private readonly capped = new Set<number>();

  constructor(
    private readonly ctx: FlowContext,
    private readonly fn: FunctionInfo,
    private readonly walk: Walk,
  ) {
    this.unknownLock = fn.annotations.unknownLock === true;
  }

  /** The lock a walked `tryLock(L)` or `lockInterruptible(L)` call tried. */
  tryUseOf(call: ts.CallExpression): LockUse | undefined {
    return this.tryUses.get(call);
  }

  /** Whether a call is a primitive that holds its lock only where its result is true (tryLock, lockInterruptible). */
  isConditional(call: ts.CallExpression): boolean {
    return isConditionalAcquire(call, this.ctx.checker);
  }

  /** Applies the lockorder export `name` called by `call`; other exports do nothing. */
  call(name: string, call: ts.CallExpression, st: State): Flow {
    if (IRQ_PRIMITIVES.includes(name)) {
      this.hasLockEffects = true;
      return this.changeIrq(st, afterIrqPrimitive(st.irq, name as IrqPrimitive), callSite(call));
    }
    if (!PRIMITIVES.includes(name)) return st;
    const [target, body] = call.arguments;
    if (!target) {
      this.ctx.sink.add(callSite(call), { code: "invalid-annotation", message: messages.primitiveNeedsLock(name) });
      return st;
    }
    const use = this.resolve(name, target);
    if (!use) {
      // The body of a `withLock` whose lock is not one still runs, with the locks held around it.
      if (name === "withLock" && body) this.runBody(call, body, st);
      return st;
    }
    switch (name) {
      case "lock":
        return this.acquire(st, use, "block").state;
      case "unlock":
        return this.release(st, use);
      case "tryLock":
        this.tryUses.set(call, use);
        return this.acquire(st, use, "try").state;
      case "lockInterruptible":
        // The walk holds the lock where the result is known true (walkCond, the facts of locals).
        this.tryUses.set(call, use);
        return this.acquire(st, use, "block", { mayFail: true }).state;
      case "guard":
        // Outside `using`, nothing releases a guard: it is a plain acquisition.
        return this.guard(call, st, undefined, use);
      case "withLock": {
        const { state: inside, added } = this.acquire(st, use, "block", { scope: this.walk.newScope() });
        if (body) this.runBody(call, body, inside);
        // Its release undoes the modifier: after `withLock(irq(L), …)` hard interrupts are on.
        return added ? this.changeIrq(st, afterReleasing(inside.irq, use.irq, inside.held[inside.held.length - 1]), callSite(call)) : st;
      }
      case "assertHeld": {
        const held = st.held.find((e) => e.lock === use.lock);
        if (!heldInMode(held?.mode, use.mode) && !this.unknownLock) {
          this.ctx.sink.add(callSite(call), { code: "requires-not-held", callee: "assertHeld", lock: this.ctx.locks.byId(use.lock), exclusive: use.mode === "E" });
        }
        return st;
      }
      default: {
        // waitFor: acquired and released at once (docs/annotations.md#waits).
        const { state, added } = this.acquire(st, use, "block", { wait: true });
        return added ? this.release(state, use) : st;
      }
    }
  }

  /** `guard(L)`: an acquisition that the end of `scope` releases (none outside `using`). */
  guard(call: ts.CallExpression, st: State, scope: number | undefined, resolved?: LockUse): State {
    const target = call.arguments[0];
    const use = resolved ?? (target ? this.resolve("guard", target) : undefined);
    if (!use) return st;
    return this.acquire(st, use, "block", { scope }).state;
  }

  /**
   * A primitive's lock reference, or undefined (reported) when it is none or names what the
   * primitive cannot take: an srcu domain is read with `shared(S)` and waited for with
   * `waitFor(S)`, never held exclusively (docs/annotations.md#waits).
   */
  private resolve(name: string, target: ts.Expression): LockUse | undefined {
    const before = this.ctx.locks.unknownReported;
    const use = this.ctx.locks.resolve(target);
    if (this.ctx.locks.unknownReported > before) this.unknownLock = true;
    if (!use || this.ctx.locks.byId(use.lock).kind !== "srcu") return use;
    const lock = this.ctx.locks.byId(use.lock);
    if (name === "waitFor") {
      if (use.mode === "E") return use;
      this.ctx.sink.add(use.site, { code: "invalid-annotation", message: messages.srcuWaitShared(lock) });
      return undefined;
    }
    if (!this.ctx.locks.exclusiveSrcu(use)) return use;
    this.ctx.sink.add(use.site, { code: "invalid-annotation", message: messages.srcuExclusive(`${name}()`, lock) });
    return undefined;
  }

  /** `withLock`'s body: a literal callback runs inside, with the held set `st`; a function value is called with it. */
  private runBody(call: ts.CallExpression, body: ts.Expression, st: State): void {
    const cb = skipOuter(body);
    if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) this.walk.walkCallback(cb, st);
    else this.walk.applyCall(callSite(call), st, { target: this.ctx.dispatch.valueTarget(cb), direct: [] });
  }

  /**
   * Acquires `use` (a primitive or an annotation): reports a recursive acquisition and sleeping
   * in atomic context, records the acquisition (with the held set before it, for edges) and holds
   * the lock. A trylock ("try") and a `lockInterruptible` hold it only where their result says so
   * (the walk adds it there). Entering a completion's region never waits (docs/annotations.md#waits):
   * it is recorded as "try" (no edge into the completion) but held, so that it orders what is
   * acquired inside.
   */
  acquire(st: State, use: LockUse, how: AcquisitionKind, options: AcquireOptions = {}): { state: State; added: boolean } {
    this.hasLockEffects = true;
    const lock = this.ctx.locks.byId(use.lock);
    const i = st.held.findIndex((e) => e.lock === use.lock);
    if (i >= 0) {
      const held = st.held[i];
      if (use.acquire === "R" && held.mode === "S") return { state: readAgain(st, i), added: false };
      this.ctx.sink.add(use.site, { code: "recursive-lock", lock, wait: options.wait === true }, [acquiredHere(held, messages.firstAcquiredHere())]);
      return { state: st, added: false };
    }
    const wait = options.wait === true;
    const recorded: AcquisitionKind = lock.kind === "completion" && !wait ? "try" : how;
    // `lock(irq(L))` takes L with interrupts already off (spin_lock_irq disables them first).
    const taking = afterTaking(st.irq, use.irq);
    const irq = irqCodeOf(taking);
    if (acquisitionSleeps(lock.kind, use.mode, recorded)) {
      const spinning = st.held.find((e) => isSpinning(this.ctx.locks.byId(e.lock).kind));
      const atomic = spinning ? undefined : localAtomicCause(irq, this.fn.annotations.context);
      if (spinning) {
        this.ctx.sink.add(use.site, { code: "sleep-in-atomic", sleeping: lock, spinning: this.ctx.locks.byId(spinning.lock), wait }, [acquiredHere(spinning)]);
      } else if (atomic) {
        this.ctx.sink.add(use.site, { code: "sleep-in-atomic", sleeping: lock, atomic, wait });
      }
    }
    if (this.pastCap(st, use)) return { state: st, added: false };
    this.acquisitions.push({ use, how: recorded, held: st.held, ...(irq !== AS_ON_ENTRY ? { irq } : {}), ...(wait ? { wait: true } : {}) });
    // A trylock's modifier takes effect where the result says it succeeded (hold).
    if (how === "try" || options.mayFail) return { state: st, added: false };
    return { state: { ...withHeld(st, this.entryOf(st.irq, use, options.scope)), irq: taking }, added: true };
  }

  /** Adds a lock to the held set without acquiring it (a contract, a trylock result), with its modifier's effect. */
  hold(st: State, use: LockUse): State {
    if (st.held.some((e) => e.lock === use.lock) || this.pastCap(st, use)) return st;
    return { ...withHeld(st, this.entryOf(st.irq, use)), irq: afterTaking(st.irq, use.irq) };
  }

  /** The held entry of `use` taken in interrupt state `before`: what its release needs to know. */
  private entryOf(before: IrqState, use: LockUse, scope?: number): HeldEntry {
    const irq = irqCodeOf(afterTaking(before, use.irq));
    return {
      lock: use.lock,
      mode: use.mode,
      site: use.site,
      ...(scope !== undefined ? { scope } : {}),
      ...(irq !== AS_ON_ENTRY ? { irq } : {}),
      ...(use.irq ? { modifier: use.irq } : {}),
      ...(use.irq === "irqsave" ? { restore: before.hard } : {}),
    };
  }

  /**
   * Moves to interrupt state `irq` at `site`: where that turns an interrupt on with locks still
   * held, records where (lockGraph/interrupts.ts decides, per entry state, which locks it makes unsafe).
   */
  changeIrq(st: State, irq: IrqState, site: Site): State {
    if (irq === st.irq) return st;
    const from = irqCodeOf(st.irq);
    const to = irqCodeOf(irq);
    const turnsOn = (hardPart(to) !== hardPart(from) && hardPart(to) !== OFF) || (softPart(to) !== softPart(from) && softPart(to) !== OFF);
    if (turnsOn && st.held.length > 0) this.enables.push({ site, held: st.held, from, to });
    return { ...st, irq };
  }

  release(st: State, use: LockUse, site: Site = use.site): State {
    this.hasLockEffects = true;
    const i = this.heldIndex(st, use.lock);
    // Releasing a lock the cap kept out of the held set is no error of the model's.
    if (i < 0 && this.capped.has(use.lock)) return st;
    if (i < 0) {
      if (!this.unknownLock) this.ctx.sink.add(site, { code: "unlock-not-held", lock: this.ctx.locks.byId(use.lock) });
      return st;
    }
    const released = releasedAt(st, i);
    // A recursive read given up keeps the hold, and the interrupt state with it.
    if (released.held.length === st.held.length) return released;
    return this.changeIrq(released, afterReleasing(st.irq, use.irq, st.held[i]), site);
  }

  /**
   * The hold a release of `lock` ends (docs/annotations.md#modifiers): for a plain lock, its most
   * recent hold or that of any of its `nested` subclasses, as the kernel's unlock names the
   * instance, not the subclass it was taken as; for a subclass, its own hold, or when an earlier
   * plain release took that one, the most recent hold of its family (`unlock(L);
   * unlock(nested(L, 1))` and `@releases(L, nested(L, 1))` release both).
   */
  private heldIndex(st: State, lock: number): number {
    const cls = this.ctx.locks.byId(lock);
    if (cls.subclass !== 0) {
      const own = st.held.findIndex((e) => e.lock === lock);
      if (own >= 0) return own;
    }
    for (let i = st.held.length - 1; i >= 0; i--) {
      if (this.ctx.locks.byId(st.held[i].lock).base === cls.base) return i;
    }
    return -1;
  }

  /**
   * Whether the held set is full (MAX_HELD_LOCKS): the lock is then not held, nor ordered, and the
   * function is reported once as not fully analysed. The cap keeps the edges of each acquisition
   * (one per held lock) bounded however many locks an annotation lists.
   */
  private pastCap(st: State, use: LockUse): boolean {
    if (st.held.length < MAX_HELD_LOCKS) return false;
    this.capped.add(use.lock);
    if (!this.tooManyHeld) {
      this.tooManyHeld = true;
      this.ctx.sink.add(use.site, { code: "analysis-incomplete", message: messages.functionIncomplete(this.fn.name, messages.tooManyHeld(MAX_HELD_LOCKS)) });
    }
    return true;
  }
}
