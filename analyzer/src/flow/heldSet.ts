/**
 * The held-set domain of the flow walk (docs/annotations.md#control-flow), kept apart from the walk
 * as Clang's thread safety analysis keeps its lockset: a state is the locks held (each with its
 * mode, the scope whose end releases it and its recursive reads) and the trylock results known in
 * locals; the states of several paths join, and a lock held on only some of them is inconsistent
 * unless a trylock result explains it (docs/annotations.md#trylock-results).
 *
 * Owns: State, Fact and their operations as pure functions: holding and releasing an entry,
 * facts set, forgotten and assumed, the interrupt state (IrqState) and what the primitives and
 * modifiers of docs/annotations.md#interrupt-contexts do to it, the join and the inconsistent locks
 * and interrupt states it finds, the comparison of a loop's back edges with its entry, the key under
 * which a state is memoised.
 * Must not: know statements, expressions or the checker (a symbol is only a key here), or report
 * anything: the walk reports what these functions find.
 */
import type { ts } from "@ts-morph/common";
import { IN, irqCode, OFF, ON, type IrqCode, type IrqPart } from "../irqState";
import type { HeldEntry, IrqKind, IrqModifier, LockUse } from "../model";

/** "`v === when` means the lock was taken": a trylock result stored in a local. */
export interface Fact {
  readonly use: LockUse;
  readonly when: boolean;
  /** The variable's value where it is known on this path (after branching on it). */
  readonly known?: boolean;
}

export interface State {
  readonly held: readonly HeldEntry[];
  readonly facts: ReadonlyMap<ts.Symbol, Fact>;
  readonly irq: IrqState;
}

/**
 * The interrupt state of a point of a body, relative to the function's entry: each part IN until
 * the body changes it. `localBhDisable` counts (softirqs stay off until as many enables), so the
 * count is kept apart from the softirq part it falls back to; `localIrqSave` pushes the hard part
 * that `localIrqRestore` brings back.
 */
export interface IrqState {
  readonly hard: IrqPart;
  readonly soft: IrqPart;
  readonly bh: number;
  readonly saved: readonly IrqPart[];
}

export const ENTRY_IRQ: IrqState = { hard: IN, soft: IN, bh: 0, saved: [] };

export function entryState(): State {
  return { held: [], facts: NO_FACTS, irq: ENTRY_IRQ };
}

/** A state, or null where the path is unreachable. */
export type Flow = State | null;

export const NO_FACTS: ReadonlyMap<ts.Symbol, Fact> = new Map();

export function isState(s: Flow): s is State {
  return s !== null;
}

// ---- the held entries ----

export function withHeld(st: State, entry: HeldEntry): State {
  return { ...st, held: [...st.held, entry] };
}

/** A recursive read nested in a read of the entry at `i` (rwlock readers are recursive): a second hold. */
export function readAgain(st: State, i: number): State {
  const held = st.held[i];
  const deeper = { ...held, extraReads: (held.extraReads ?? 0) + 1 };
  return { ...st, held: st.held.map((e, j) => (j === i ? deeper : e)) };
}

/** Releases the entry at `i` once: a recursive read is given up first. */
export function releasedAt(st: State, i: number): State {
  const e = st.held[i];
  if (e.extraReads) {
    const shallower = { ...e, extraReads: e.extraReads - 1 };
    return { ...st, held: st.held.map((x, j) => (j === i ? shallower : x)) };
  }
  return { ...st, held: st.held.filter((_, j) => j !== i) };
}

/**
 * The state at the end of a scope: the guards taken in it are released, the last first, each
 * undoing its modifier (`guard(irqsave(L))` restores the interrupt state of before).
 */
export function releaseScope(st: State, scope: number): State {
  if (!st.held.some((e) => e.scope === scope)) return st;
  let irq = st.irq;
  for (let i = st.held.length - 1; i >= 0; i--) if (st.held[i].scope === scope) irq = afterReleasing(irq, st.held[i].modifier, st.held[i]);
  return { ...st, held: st.held.filter((e) => e.scope !== scope), irq };
}

// ---- interrupt state ----

/** The state as the rest of the analysis sees it (irqState.ts): a softirq count makes softirqs off. */
export function irqCodeOf(irq: IrqState): IrqCode {
  return irqCode(irq.hard, irq.bh > 0 ? OFF : irq.soft);
}

export type IrqPrimitive = "localIrqDisable" | "localIrqEnable" | "localIrqSave" | "localIrqRestore" | "localBhDisable" | "localBhEnable";
export const IRQ_PRIMITIVES: readonly string[] = ["localIrqDisable", "localIrqEnable", "localIrqSave", "localIrqRestore", "localBhDisable", "localBhEnable"];

/** What an interrupt primitive does (docs/annotations.md#interrupt-state). */
export function afterIrqPrimitive(irq: IrqState, primitive: IrqPrimitive): IrqState {
  switch (primitive) {
    case "localIrqDisable":
      return { ...irq, hard: OFF };
    case "localIrqEnable":
      return { ...irq, hard: ON };
    case "localIrqSave":
      return { ...irq, hard: OFF, saved: [...irq.saved, irq.hard] };
    case "localIrqRestore":
      // A restore with no save before it in the body brings back the state of the entry.
      return { ...irq, hard: irq.saved[irq.saved.length - 1] ?? IN, saved: irq.saved.slice(0, -1) };
    case "localBhDisable":
      return { ...irq, bh: irq.bh + 1 };
    case "localBhEnable":
      return irq.bh > 0 ? { ...irq, bh: irq.bh - 1 } : { ...irq, soft: ON };
  }
}

/** Taking a lock with a modifier: `irq`/`irqsave` disable hard interrupts, `bh` softirqs. */
export function afterTaking(irq: IrqState, modifier: IrqModifier | undefined): IrqState {
  if (modifier === "irq" || modifier === "irqsave") return irq.hard === OFF ? irq : { ...irq, hard: OFF };
  if (modifier === "bh") return afterIrqPrimitive(irq, "localBhDisable");
  return irq;
}

/**
 * Releasing a lock with a modifier: `irq` enables hard interrupts, `irqsave` restores the state the
 * hold saved (as on entry when it saved none), `bh` undoes one softirq disable.
 */
export function afterReleasing(irq: IrqState, modifier: IrqModifier | undefined, hold: HeldEntry | undefined): IrqState {
  if (modifier === "irq") return irq.hard === ON ? irq : { ...irq, hard: ON };
  if (modifier === "irqsave") {
    const hard = (hold?.restore ?? IN) as IrqPart;
    return irq.hard === hard ? irq : { ...irq, hard };
  }
  if (modifier === "bh") return afterIrqPrimitive(irq, "localBhEnable");
  return irq;
}

/**
 * Joins the interrupt states of several paths. A part off on some paths and not on others is
 * inconsistent, and counts as on (the more enabled state) afterwards; IN and ON agree (a body that
 * disabled and enabled interrupts again is back where it started).
 */
function joinIrq(states: readonly State[]): { irq: IrqState; inconsistent: IrqKind[] } {
  const first = states[0].irq;
  if (states.every((s) => s.irq === first)) return { irq: first, inconsistent: [] };
  const inconsistent: IrqKind[] = [];
  const merge = (parts: IrqPart[], kind: IrqKind): IrqPart => {
    if (parts.every((p) => p === parts[0])) return parts[0];
    if (parts.some((p) => p === OFF)) inconsistent.push(kind);
    return parts.some((p) => p === ON) ? ON : IN;
  };
  const hard = merge(states.map((s) => s.irq.hard), "hardirq");
  const bh = Math.min(...states.map((s) => s.irq.bh));
  const effectiveSoft = merge(states.map((s) => (s.irq.bh > 0 ? OFF : s.irq.soft)), "softirq");
  const soft = bh > 0 ? merge(states.map((s) => s.irq.soft), "softirq") : effectiveSoft;
  // Saves not restored on every path: the first path's stand (a restore of one is unbalanced anyway).
  return { irq: { hard, soft, bh, saved: first.saved }, inconsistent: [...new Set(inconsistent)] };
}

/** Which interrupts a loop's back edges leave off where its entry has them on, or the other way round. */
export function irqChangedAround(top: State, backEdges: readonly Flow[]): IrqKind[] {
  const live = backEdges.filter(isState);
  return live.length === 0 ? [] : joinIrq([top, ...live]).inconsistent;
}

// ---- trylock facts ----

export function withFact(st: State, sym: ts.Symbol, fact: Fact): State {
  return { ...st, facts: new Map(st.facts).set(sym, fact) };
}

export function withoutFact(st: State, sym: ts.Symbol): State {
  if (!st.facts.has(sym)) return st;
  const facts = new Map(st.facts);
  facts.delete(sym);
  return { ...st, facts };
}

export function withoutFacts(st: State, syms: readonly ts.Symbol[]): State {
  if (!syms.some((sym) => st.facts.has(sym))) return st;
  const facts = new Map(st.facts);
  for (const sym of syms) facts.delete(sym);
  return { ...st, facts };
}

/**
 * The state on the paths where the local holding `fact` is `value`, or null if it is known to be
 * the other; whether the result says the lock was taken there is for the caller to apply.
 */
export function assume(st: State, sym: ts.Symbol, fact: Fact, value: boolean): Flow {
  if (fact.known !== undefined && fact.known !== value) return null;
  return { ...st, facts: new Map(st.facts).set(sym, { ...fact, known: value }) };
}

// ---- joins ----

/**
 * Joins the states of several paths; locks held on only some of them are returned apart, and so
 * are the interrupts disabled on only some of them (each is its own inconsistency, even where a
 * lock taken with `irq()` on one path explains both).
 */
export function join(states: readonly Flow[]): { state: Flow; inconsistent: HeldEntry[]; irq: IrqKind[] } {
  const live = states.filter(isState);
  if (live.length <= 1) return { state: live[0] ?? null, inconsistent: [], irq: [] };
  const [first, ...rest] = live;
  const all = new Map<number, HeldEntry>();
  for (const s of live) for (const e of s.held) if (!all.has(e.lock)) all.set(e.lock, e);
  const heldEverywhere = (lock: number) => live.every((s) => s.held.some((e) => e.lock === lock));
  const held: HeldEntry[] = [];
  for (const e of first.held) {
    if (!heldEverywhere(e.lock)) continue;
    const others = rest.map((s) => s.held.find((x) => x.lock === e.lock)!);
    const mode = others.every((o) => o.mode === e.mode) ? e.mode : "S";
    const scope = others.every((o) => o.scope === e.scope) ? e.scope : undefined;
    const extraReads = Math.min(e.extraReads ?? 0, ...others.map((o) => o.extraReads ?? 0));
    held.push({ lock: e.lock, mode, site: e.site, ...(scope !== undefined ? { scope } : {}), ...(extraReads ? { extraReads } : {}) });
  }
  const facts = new Map<ts.Symbol, Fact>();
  for (const [sym, f] of first.facts) {
    const others = rest.map((s) => s.facts.get(sym));
    if (others.every((o) => o && o.use.lock === f.use.lock && o.when === f.when)) {
      const known = others.every((o) => o!.known === f.known) ? f.known : undefined;
      facts.set(sym, known === undefined ? { use: f.use, when: f.when } : { ...f, known });
    }
  }
  const inconsistent: HeldEntry[] = [];
  for (const [lock, e] of all) {
    if (heldEverywhere(lock)) continue;
    if (explainedByTrylockResult(live, lock, facts)) continue;
    inconsistent.push(e);
  }
  const irqJoin = joinIrq(live);
  return { state: { held, facts, irq: irqJoin.irq }, inconsistent, irq: irqJoin.inconsistent };
}

/**
 * A lock held exactly on the paths where a trylock result says it was taken is no
 * inconsistency: it stays conditionally held through the result (`if (ok) …; if (ok) unlock`).
 */
function explainedByTrylockResult(live: readonly State[], lock: number, facts: Map<ts.Symbol, Fact>): boolean {
  for (const [sym, f] of live[0].facts) {
    if (f.use.lock !== lock) continue;
    const correlated = live.every((s) => {
      const g = s.facts.get(sym);
      return g && g.use.lock === lock && g.when === f.when && g.known !== undefined && (g.known === g.when) === s.held.some((e) => e.lock === lock);
    });
    if (correlated) {
      facts.set(sym, { use: f.use, when: f.when });
      return true;
    }
  }
  return false;
}

/** The locks a loop's back edges hold and its entry does not, or the other way round. */
export function changedAround(top: State, backEdges: readonly Flow[]): HeldEntry[] {
  const changed = new Map<number, HeldEntry>();
  for (const b of backEdges.filter(isState)) {
    for (const e of b.held) if (!top.held.some((x) => x.lock === e.lock)) changed.set(e.lock, e);
    for (const e of top.held) if (!b.held.some((x) => x.lock === e.lock)) changed.set(e.lock, e);
  }
  return [...changed.values()];
}

/** Equal for states the walk cannot tell apart (a `finally` block is walked once per key). */
export function stateKey(s: State): string {
  const held = s.held.map((e) => `${e.lock}${e.mode}${e.scope ?? ""}.${e.extraReads ?? 0}.${e.irq ?? 0}.${e.restore ?? ""}`).join(",");
  const facts = [...s.facts.values()].map((f) => `${f.use.lock}${f.when}${f.known}`).join(",");
  const irq = s.irq === ENTRY_IRQ ? "" : `${s.irq.hard}${s.irq.soft}.${s.irq.bh}.${s.irq.saved.join("")}`;
  return `${held}|${facts}|${irq}`;
}
