/**
 * The lock primitives' meaning in the flow walk (docs/annotations.md#primitives): what `lock`,
 * `unlock`, `tryLock`, `guard`, `withLock`, `assertHeld` and `waitFor` do to the held set, and
 * what acquiring, holding and releasing a lock report on the way.
 *
 * Owns: the function's acquisitions (AcquireEvent) and whether its body has lock effects; the
 * lock each trylock call tried; the held-lock cap (MAX_HELD_LOCKS); the diagnostics recursive-lock,
 * direct sleep-in-atomic, unlock-not-held, assertHeld's requires-not-held, a primitive without a
 * lock's invalid-annotation, and analysis-incomplete for too many locks held.
 * Must not: walk statements or expressions itself: `withLock`'s body is handed back to the walk
 * (Walk); calls are the walker's.
 */
import { ts } from "@ts-morph/common";
import { messages } from "../diagnostics";
import { MAX_HELD_LOCKS } from "../limits";
import { heldInMode, isSpinning, type AcquireEvent, type AcquisitionKind, type FunctionInfo, type HeldEntry, type LockUse, type Site } from "../model";
import { skipOuter } from "../tree";
import { acquiredHere, callSite, type FlowContext, type ResolvedCall } from "./context";
import { readAgain, releasedAt, withHeld, type Flow, type State } from "./heldSet";

/** What a primitive hands back to the walk: `withLock` runs its body, a call or a callback, inside. */
export interface Walk {
  walkExpr(e: ts.Expression, st: State): Flow;
  walkCallback(cb: ts.ArrowFunction | ts.FunctionExpression, st: State): void;
  applyCall(site: Site, st: State, resolved: ResolvedCall | undefined): State;
  /** A scope id of its own, for the locks `withLock` releases at its end. */
  newScope(): number;
}

const PRIMITIVES = ["lock", "unlock", "tryLock", "guard", "withLock", "assertHeld", "waitFor"];

export class Primitives {
  readonly acquisitions: AcquireEvent[] = [];
  /** False while the body has no primitives and no calls that change the held set (a summary). */
  hasLockEffects = false;
  private readonly tryUses = new Map<ts.Node, LockUse>();
  /** Whether analysis-incomplete was reported for the held-lock cap. */
  private tooManyHeld = false;
  /** Locks not taken into the held set because MAX_HELD_LOCKS were held already. */
  private readonly capped = new Set<number>();

  constructor(
    private readonly ctx: FlowContext,
    private readonly fn: FunctionInfo,
    private readonly walk: Walk,
  ) {}

  /** The lock a walked `tryLock(L)` call tried. */
  tryUseOf(call: ts.CallExpression): LockUse | undefined {
    return this.tryUses.get(call);
  }

  /** Applies the lockorder export `name` called by `call`; other exports do nothing. */
  call(name: string, call: ts.CallExpression, st: State): Flow {
    if (!PRIMITIVES.includes(name)) return st;
    const [target, body] = call.arguments;
    if (!target) {
      this.ctx.sink.add(callSite(call), { code: "invalid-annotation", message: messages.primitiveNeedsLock(name) });
      return st;
    }
    const use = this.ctx.locks.resolve(target);
    if (!use) return name === "withLock" && body ? this.walk.walkExpr(body, st) : st;
    switch (name) {
      case "lock":
        return this.acquire(st, use, "block").state;
      case "unlock":
        return this.release(st, use);
      case "tryLock":
        this.tryUses.set(call, use);
        return this.acquire(st, use, "try").state;
      case "guard":
        // Outside `using`, nothing releases a guard: it is a plain acquisition.
        return this.guard(call, st, undefined, use);
      case "withLock": {
        const scope = this.walk.newScope();
        const inside = this.acquire(st, use, "block", scope).state;
        const cb = body && skipOuter(body);
        if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) this.walk.walkCallback(cb, inside);
        else if (cb) this.walk.applyCall(callSite(call), inside, { target: this.ctx.dispatch.valueTarget(cb), direct: [] });
        return st;
      }
      case "assertHeld": {
        const held = st.held.find((e) => e.lock === use.lock);
        if (!heldInMode(held?.mode, use.mode)) {
          this.ctx.sink.add(callSite(call), { code: "requires-not-held", callee: "assertHeld", lock: this.ctx.locks.byId(use.lock), exclusive: use.mode === "E" });
        }
        return st;
      }
      default: {
        // waitFor: acquired and released at once (docs/annotations.md#waits).
        const { state, added } = this.acquire(st, use, "block", undefined, true);
        return added ? this.release(state, use) : st;
      }
    }
  }

  /** `guard(L)`: an acquisition that the end of `scope` releases (none outside `using`). */
  guard(call: ts.CallExpression, st: State, scope: number | undefined, resolved?: LockUse): State {
    const target = call.arguments[0];
    const use = resolved ?? (target ? this.ctx.locks.resolve(target) : undefined);
    if (!use) return st;
    return this.acquire(st, use, "block", scope).state;
  }

  acquire(st: State, use: LockUse, how: AcquisitionKind, scope?: number, isWait = false): { state: State; added: boolean } {
    this.hasLockEffects = true;
    const lock = this.ctx.locks.byId(use.lock);
    const i = st.held.findIndex((e) => e.lock === use.lock);
    if (i >= 0) {
      const held = st.held[i];
      if (use.acquire === "R" && held.mode === "S") return { state: readAgain(st, i), added: false };
      this.ctx.sink.add(use.site, { code: "recursive-lock", lock }, [acquiredHere(held, messages.firstAcquiredHere())]);
      return { state: st, added: false };
    }
    if (!isSpinning(lock.kind)) {
      const spinning = st.held.find((e) => isSpinning(this.ctx.locks.byId(e.lock).kind));
      if (spinning) {
        this.ctx.sink.add(use.site, { code: "sleep-in-atomic", sleeping: lock, spinning: this.ctx.locks.byId(spinning.lock), wait: isWait }, [acquiredHere(spinning)]);
      }
    }
    if (this.pastCap(st, use)) return { state: st, added: false };
    this.acquisitions.push({ use, how, held: st.held });
    if (how === "try") return { state: st, added: false };
    const entry: HeldEntry = scope === undefined ? { lock: use.lock, mode: use.mode, site: use.site } : { lock: use.lock, mode: use.mode, site: use.site, scope };
    return { state: withHeld(st, entry), added: true };
  }

  /** Adds a lock to the held set without acquiring it (a contract, a trylock result). */
  hold(st: State, use: LockUse): State {
    if (st.held.some((e) => e.lock === use.lock) || this.pastCap(st, use)) return st;
    return withHeld(st, { lock: use.lock, mode: use.mode, site: use.site });
  }

  release(st: State, use: LockUse, site: Site = use.site): State {
    this.hasLockEffects = true;
    const i = this.heldIndex(st, use.lock);
    // Releasing a lock the cap kept out of the held set is no error of the model's.
    if (i < 0 && this.capped.has(use.lock)) return st;
    if (i < 0) {
      this.ctx.sink.add(site, { code: "unlock-not-held", lock: this.ctx.locks.byId(use.lock) });
      return st;
    }
    return releasedAt(st, i);
  }

  /**
   * The hold a release of `lock` ends (docs/annotations.md#modifiers): a subclass's own hold;
   * for a plain lock, its most recent hold or that of any of its `nested` subclasses, as the
   * kernel's unlock names the instance, not the subclass it was taken as.
   */
  private heldIndex(st: State, lock: number): number {
    const exact = st.held.findIndex((e) => e.lock === lock);
    if (this.ctx.locks.byId(lock).subclass !== 0) return exact;
    for (let i = st.held.length - 1; i >= 0; i--) {
      const held = st.held[i].lock;
      if (held === lock || this.ctx.locks.byId(held).base === lock) return i;
    }
    return exact;
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
