/**
 * What each function adds to the lock graph (docs/annotations.md#call-effects): the edges of its
 * acquisitions made under held locks, and at each call what the candidates may acquire (edges,
 * recursive-lock and sleep-in-atomic through calls, under a spinning lock or where the caller is an
 * interrupt entry or has disabled interrupts itself) and what their @requires and @excludes say
 * (requires-not-held, excluded-held).
 *
 * Owns: those contributions, kept per function so that after an edit only the functions the
 * closure names are looked at again, and their assembly in function order into typed edges with
 * their sites.
 * Must not: look at syntax, or compute what a callee may acquire (closure.ts does) or anything
 * about cycles and orders.
 */
import { DiagnosticSink, messages } from "../diagnostics";
import type { TypedEdge } from "../graph";
import type { LockTable } from "../locks";
import { localAtomicCause } from "../irqState";
import { acquisitionSleeps, heldInMode, isSpinning, isWait, type AtomicCause, type CallEvent, type Diagnostic, type FunctionBody, type FunctionInfo, type HoldMode, type Site } from "../model";
import { CONTRACT, kindOf, kindOfKey, lockOfKey, SET, type MayAcquire } from "./closure";

/**
 * How an edge's lock is acquired through a call: the callee and the (lock, kind) key; `holding`
 * when the callee may release the edge's held lock, whose chain goes only through what happens
 * while it is held (MayAcquire.chain).
 */
export interface Via {
  readonly callee: number;
  readonly key: number;
  readonly holding?: number;
}

export interface EdgeSite {
  readonly fn: number;
  readonly site: Site;
  readonly via?: Via;
}

export interface Edge extends TypedEdge {
  /** Acquired in read mode (`shared`): lockdep's reports print `rlock(`. */
  readonly read: boolean;
  readonly sites: EdgeSite[];
}

/** One site of an edge with the edge it belongs to, as a function contributes it. */
interface EdgeContribution extends EdgeSite {
  readonly from: number;
  readonly to: number;
  readonly holder: HoldMode;
  readonly kind: "N" | "r" | "R";
}

/** What one call adds: edge sites, and diagnostics (contracts, recursion, sleeping in atomic context). */
interface CallContribution {
  readonly edges: readonly EdgeContribution[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What one function adds to the graph: the edges of its acquisitions, and what each call adds. */
interface Contribution {
  readonly acquisitions: readonly EdgeContribution[];
  readonly calls: readonly CallContribution[];
}

const NOTHING: ReadonlySet<number> = new Set();

/** One key a call may acquire, and the candidate it is acquired through. */
interface FanOut {
  readonly callee: number;
  readonly key: number;
}
const NO_CALL_CONTRIBUTION: CallContribution = { edges: [], diagnostics: [] };
/** Most functions add nothing: they share one empty contribution (no calls listed), which assembly skips. */
const NO_CONTRIBUTION: Contribution = { acquisitions: [], calls: [] };

function contribution(acquisitions: readonly EdgeContribution[], calls: readonly CallContribution[]): Contribution {
  return acquisitions.length === 0 && calls.every((c) => c === NO_CALL_CONTRIBUTION) ? NO_CONTRIBUTION : { acquisitions, calls };
}

export class Contributions {
  /** Per function, its edge sites and call diagnostics, in the order a walk of its body finds them. */
  readonly byFunction: readonly Contribution[];
  /** How many functions' contributions were looked at again (all, or those an edit can change). */
  readonly recomputed: number;
  /** Whether a candidate list has a function with @requires or @excludes (lists are shared by calls). */
  private readonly contracted = new Map<readonly number[], boolean>();
  /** Per candidate list of plain candidates (see fanOut), what calling it may acquire, through which candidate first. */
  private readonly fanOuts = new Map<readonly number[], readonly FanOut[] | null>();

  /**
   * Every function's contribution; after an update of the closure, the previous contributions
   * with only the affected functions' computed again (of an unchanged body, only its calls to
   * dirty nodes).
   */
  constructor(
    private readonly functions: readonly FunctionInfo[],
    private readonly bodies: readonly FunctionBody[],
    private readonly locks: LockTable,
    private readonly closure: MayAcquire,
    previous?: Contributions,
  ) {
    const update = closure.update;
    if (update && previous) {
      const byFunction = previous.byFunction.slice();
      const changed = new Uint8Array(bodies.length);
      for (const f of update.changed) changed[f] = 1;
      // An unchanged body keeps the contributions of its calls to nodes whose sets and contracts did not change.
      for (const f of update.affected) byFunction[f] = this.contributionOf(f, changed[f] ? undefined : { before: previous.byFunction[f], dirty: update.dirty });
      this.byFunction = byFunction;
      this.recomputed = update.affected.length;
    } else {
      this.byFunction = bodies.map((_, f) => this.contributionOf(f));
      this.recomputed = bodies.length;
    }
  }

  /**
   * A function's edge sites and call diagnostics: its acquisitions under held locks; at each call
   * made with locks held, what the candidates may acquire (edges, recursion, sleeping in atomic
   * context); and each call against its candidates' @requires and @excludes (docs/annotations.md#call-effects). With
   * `reuse` (the body is unchanged), a call to a node that is not dirty keeps what it added.
   */
  private contributionOf(f: number, reuse?: { before: Contribution; dirty: Uint8Array }): Contribution {
    const { acquisitions, calls } = this.bodies[f];
    let acquired = reuse?.before.acquisitions;
    if (!acquired) {
      const edges: EdgeContribution[] = [];
      for (const a of acquisitions) {
        if (a.how === "try" || a.held.length === 0) continue; // a trylock never waits: no edge into its lock
        const kind = kindOf(a.use, a.how) as "N" | "r" | "R";
        for (const h of a.held) if (h.lock !== a.use.lock) edges.push({ from: h.lock, to: a.use.lock, holder: h.mode, kind, fn: f, site: a.use.site });
      }
      acquired = edges;
    }
    if (!reuse) return contribution(acquired, calls.map((event) => this.callContribution(f, event)));
    // A call made with nothing held adds only what its candidates' contracts say: a change of
    // their sets does not concern it.
    const stale = (event: CallEvent) => (reuse.dirty[this.closure.nodeOf(event)] & (event.held.length > 0 || this.atomicCall(f, event) ? CONTRACT | SET : CONTRACT)) !== 0;
    if (!calls.some(stale)) return reuse.before;
    return contribution(acquired, calls.map((event, i) => (stale(event) ? this.callContribution(f, event) : (reuse.before.calls[i] ?? NO_CALL_CONTRIBUTION))));
  }

  private callContribution(f: number, event: CallEvent): CallContribution {
    const edges: EdgeContribution[] = [];
    let diagnostics: DiagnosticSink | undefined;
    const report = () => (diagnostics ??= new DiagnosticSink());
    this.checkContracts(event, report);
    if (event.held.length > 0) this.callEdges(f, event, edges, report);
    const atomic = this.atomicCall(f, event);
    if (atomic) this.checkSleepInIrq(event, atomic, report);
    return edges.length === 0 && !diagnostics ? NO_CALL_CONTRIBUTION : { edges, diagnostics: diagnostics?.all() ?? [] };
  }

  /**
   * Why a call is made in atomic context by the caller's own doing, without a spinning lock (which
   * callEdges reports under): the caller is an interrupt entry, or disabled interrupts itself
   * (docs/annotations.md#interrupt-contexts). Callers of the caller are the callers' business.
   */
  private atomicCall(f: number, event: CallEvent): AtomicCause | undefined {
    if (event.held.some((h) => isSpinning(this.locks.byId(h.lock).kind))) return undefined;
    return localAtomicCause(event.irq ?? 0, this.functions[f].annotations.context);
  }

  /** A candidate that may sleep (not itself an interrupt entry, which runs in its own context): one sleep-in-atomic at the call. */
  private checkSleepInIrq(event: CallEvent, atomic: AtomicCause, report: () => DiagnosticSink): void {
    for (const callee of event.callees) {
      if (this.functions[callee].annotations.context) continue;
      for (const key of this.closure.mayAcquireKeys(callee)) {
        const kind = kindOfKey(key);
        const acquired = this.locks.byId(lockOfKey(key));
        if (!acquisitionSleeps(acquired.kind, kind === "N" ? "E" : "S", kind === "T" ? "try" : "block")) continue;
        const wait = isWait(acquired.kind, kind === "R" ? "R" : "N");
        const chain = this.closure.chain(callee, key);
        const at = chain[chain.length - 1];
        report().add(event.site, { code: "sleep-in-atomic", sleeping: acquired, atomic, wait, via: this.functions[callee].name }, at ? [{ site: at.site, message: messages.acquiredHere() }] : []);
        return;
      }
    }
  }

  private checkContracts(event: CallEvent, report: () => DiagnosticSink): void {
    let any = this.contracted.get(event.callees);
    if (any === undefined) {
      any = event.callees.some((id) => this.functions[id].annotations.requires.length > 0 || this.functions[id].annotations.excludes.length > 0);
      this.contracted.set(event.callees, any);
    }
    if (!any) return;
    for (const id of event.callees) {
      const callee = this.functions[id];
      for (const req of callee.annotations.requires) {
        const held = event.held.find((e) => e.lock === req.lock);
        // After an unknown lock reference the held set may lack the lock meant (flow/primitives.ts unknownLock).
        if (!heldInMode(held?.mode, req.mode) && !event.afterUnknownLock) {
          report().add(event.site, { code: "requires-not-held", callee: callee.name, lock: this.locks.byId(req.lock), exclusive: req.mode === "E" }, [
            { site: req.site, message: messages.requiredHere(callee.name) },
          ]);
        }
      }
      for (const ex of callee.annotations.excludes) {
        const held = event.held.find((e) => e.lock === ex.lock);
        if (held) report().add(event.site, { code: "excluded-held", callee: callee.name, lock: this.locks.byId(ex.lock) }, [{ site: held.site, message: messages.acquiredHere() }]);
      }
    }
  }

  /**
   * What a call to a dispatched candidate list may acquire, each key once with the first
   * candidate (in list order) that may acquire it: computed once per list, which every call with
   * that target shares (an ops table called from many places, under many locks), so a call's edges
   * cost the distinct keys, not candidates × keys. Only for lists whose candidates all say nothing
   * a caller's held set changes (no @requires, no release of a held lock): for those, a later
   * candidate with the same key would add only the site the first one added.
   */
  private fanOut(candidates: readonly number[]): readonly FanOut[] | undefined {
    if (candidates.length < 2) return undefined;
    const known = this.fanOuts.get(candidates);
    if (known !== undefined) return known ?? undefined;
    if (candidates.some((c) => this.functions[c].annotations.requires.length > 0 || this.closure.mayReleaseHeld(c))) {
      this.fanOuts.set(candidates, null);
      return undefined;
    }
    const seen = new Set<number>();
    const list: FanOut[] = [];
    for (const callee of candidates) {
      for (const key of this.closure.mayAcquireKeys(callee)) {
        if (seen.has(key)) continue;
        seen.add(key);
        list.push({ callee, key });
      }
    }
    this.fanOuts.set(candidates, list);
    return list;
  }

  /** A call made with locks held (without, it creates no edge and cannot recurse). */
  private callEdges(f: number, event: CallEvent, edges: EdgeContribution[], report: () => DiagnosticSink): void {
    const recursive = new Set<number>();
    let sleepReported = false;
    const fanOut = this.fanOut(event.callees);
    const steps: Iterable<FanOut> = fanOut ?? this.eachCandidateKey(event.callees);
    let callee = -1;
    let required = NOTHING;
    let heldThrough: (Uint32Array | undefined)[] = [];
    for (const step of steps) {
      const key = step.key;
      if (step.callee !== callee) {
        callee = step.callee;
        const requires = this.functions[callee].annotations.requires;
        required = requires.length === 0 ? NOTHING : new Set(requires.map((u) => u.lock));
        // A held lock the callee may release orders only what it acquires before the release.
        heldThrough = event.held.map((h) => this.closure.heldThroughBits(callee, h.lock));
      }
      const lock = lockOfKey(key);
      const kind = kindOfKey(key);
      const acquired = this.locks.byId(lock);
      for (const [i, h] of event.held.entries()) {
        if (required.has(h.lock)) continue;
        const bits = heldThrough[i];
        if (bits && (bits[key >> 5] & (1 << (key & 31))) === 0) continue;
        if (h.lock === lock) {
          if (kind === "R" && h.mode === "S") continue;
          if (recursive.has(lock)) continue;
          recursive.add(lock);
          report().add(event.site, { code: "recursive-lock", lock: acquired, wait: kind !== "T" && isWait(acquired.kind, kind === "R" ? "R" : "N") }, [{ site: h.site, message: messages.firstAcquiredHere() }]);
          continue;
        }
        if (!sleepReported && isSpinning(this.locks.byId(h.lock).kind) && acquisitionSleeps(acquired.kind, kind === "N" ? "E" : "S", kind === "T" ? "try" : "block")) {
          sleepReported = true;
          const wait = isWait(acquired.kind, kind === "R" ? "R" : "N");
          report().add(event.site, { code: "sleep-in-atomic", sleeping: acquired, spinning: this.locks.byId(h.lock), wait }, [{ site: h.site, message: messages.acquiredHere() }]);
        }
        if (kind !== "T") edges.push({ from: h.lock, to: lock, holder: h.mode, kind, fn: f, site: event.site, via: bits ? { callee, key, holding: h.lock } : { callee, key } });
      }
    }
  }

  /** Every candidate's keys, candidate by candidate (what fanOut shortens when it can). */
  private *eachCandidateKey(candidates: readonly number[]): Iterable<FanOut> {
    for (const callee of candidates) for (const key of this.closure.mayAcquireKeys(callee)) yield { callee, key };
  }

  /**
   * The edges, keyed by a number made of (from, to, holder, acquirer kind), and the call
   * diagnostics into `sink`: assembled in function order, so that edges, their sites and
   * diagnostics come out in the same order however the contributions were obtained.
   */
  assemble(sink: DiagnosticSink): Map<number, Edge> {
    const edges = new Map<number, Edge>();
    const lockCount = this.locks.locks.length;
    for (const c of this.byFunction) {
      if (c === NO_CONTRIBUTION) continue;
      for (const e of c.acquisitions) addEdge(edges, lockCount, e);
      for (const call of c.calls) {
        for (const e of call.edges) addEdge(edges, lockCount, e);
        if (call.diagnostics.length > 0) sink.addAll(call.diagnostics);
      }
    }
    return edges;
  }
}

/**
 * Records one site of an edge. Sites arrive function by function, so a repeat of a site (the
 * candidates of one dispatched call acquiring the same lock, or a loop walked twice) can only be
 * among the last sites, those of the same function.
 */
function addEdge(edges: Map<number, Edge>, lockCount: number, site: EdgeContribution): void {
  const { from, to, holder, kind } = site;
  const key = ((from * lockCount + to) * 2 + (holder === "S" ? 1 : 0)) * 3 + (kind === "N" ? 0 : kind === "r" ? 1 : 2);
  let edge = edges.get(key);
  if (!edge) edges.set(key, (edge = { from, to, holder, acquirer: kind === "R" ? "R" : "N", read: kind !== "N", sites: [] }));
  const sites = edge.sites;
  for (let i = sites.length - 1; i >= 0 && sites[i].fn === site.fn; i--) {
    const s = sites[i].site;
    if (s.sf === site.site.sf && s.start === site.site.start && s.end === site.site.end) return;
  }
  sites.push(site);
}
