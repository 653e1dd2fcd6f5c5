/**
 * What an editor asks about an analysis: the lock under the cursor, a lock's rank, neighbours with
 * evidence and cycles; a function's lock sets with call chains and its acquisition sequence; the
 * lock history (held locks, lockdep's "locks held") at an acquisition or call; the unresolved call
 * under the cursor; the possible deadlocks a function, an acquisition or a call takes part in,
 * through calls too, each seen from there, and the other sides of them.
 *
 * Owns: answering those questions from the analysis state, lazily (a call chain is expanded only
 * when asked for), as plain data with absolute-or-relative locations like the result's.
 * Must not: know LSP, Markdown or any editor; server/ turns these answers into hovers and lenses.
 */
import { calleeText, type AnalysisState } from "./analyze";
import { kindOfKey, lockOfKey, type Edge, type Via } from "./lockGraph";
import type { CallEvent, ChainStep, FunctionInfo, HoldMode, Location, LockKind, ResultCycle, ResultDiagnostic, ResultEdgeSite, ResultUsage, Site } from "./model";
import { isFunctionNode } from "./functions";
import { irqReports } from "./output/irqReport";

export interface NeighbourEdge {
  lock: string;
  /** lockdep's edge type: holder E/S, acquirer N/R. */
  mode: string;
  /** One site, with its call chain down to the acquisition. */
  site: ResultEdgeSite;
}

export interface LockDetails {
  name: string;
  kind: LockKind;
  rank: number;
  /** How many ranks the global order has. */
  ranks: number;
  onCycle: boolean;
  /** The other locks of the possible deadlocks through it, shortest cycle first. */
  cycleWith: string[];
  declaration: Location;
  /** Locks held when this one is acquired (edges into it), one evidence site each. */
  takenAfter: NeighbourEdge[];
  /** Locks acquired while this one is held (edges out of it). */
  takenBefore: NeighbourEdge[];
  /** The strong cycles through it (possible deadlocks), shortest first, each rotated to start at it. */
  cycles: ResultCycle[];
  /** Where functions acquire it directly. */
  acquisitions: { function: string; location: Location }[];
  /** Its interrupt usage, each where first seen (only in a model with interrupt entries). */
  usage: ResultUsage[];
  /** Lockdep's report of each interrupt problem it is part of (output/irqReport.ts), as text lines. */
  interruptReports: string[][];
}

export interface FunctionDetails {
  name: string;
  location: Location;
  requires: string[];
  excludes: string[];
  releases: string[];
  heldAtExit: string[];
  /** Direct acquisitions, in the order the function takes them. */
  acquires: string[];
  /**
   * Transitive acquisitions in the order of `sequence`, each with one shortest call chain (empty
   * when direct) and where it is acquired (the direct acquisition, or the chain's last step).
   */
  mayAcquire: { lock: string; trylock: boolean; chain: ChainStep[]; location: Location }[];
  /** The locks in the order the function takes them, directly or through calls (LockGraph.sequence). */
  sequence: string[];
  /** The cycles that one of its sites is on. */
  deadlocks: string[][];
  /**
   * The possible deadlocks it takes part in, through calls too (EditorQueries.cycleParts): shortest
   * first, each rotated to start at the first edge it takes part in.
   */
  cycles: ResultCycle[];
  /** The sites of the edges of `cycles` it takes no part in (the other sides), in cycle order; past 200, no more edges. */
  otherSides: Location[];
  /** Declared inside another function's body (an arrow function in a method, say). */
  nested: boolean;
}

export interface HistoryPoint {
  location: Location;
  function: string;
  /** The lock being acquired, or the function(s) being called. */
  acquiring?: string;
  calling?: string[];
  /** The held locks in the order they were acquired (lockdep's "N locks held by"). */
  held: { lock: string; mode: HoldMode; location: Location }[];
  /** The possible deadlocks an edge made here is on (EditorQueries.cycleParts), each rotated to start at that edge. */
  cycles: ResultCycle[];
}

/** A call that reaches no function of the model (it has no lock effect). */
export interface UnresolvedCallPoint {
  location: Location;
  function: string;
  /** The callee as written. */
  callee: string;
}

/** How many sites of the other sides of a function's cycles are listed (a peek of more helps nobody). */
const LISTED_OTHER_SIDES = 200;

/** A lock pair `from → to` (an edge of the lock graph, in any mode), by lock names. */
const pairKey = (from: string, to: string) => `${from}\u0000${to}`;
const siteKey = (site: Site) => `${site.sf.fileName}:${site.start}:${site.end}`;

/** The same cycle started at its edge `i`. */
function rotated(cycle: ResultCycle, i: number): ResultCycle {
  return i === 0 ? cycle : { locks: [...cycle.locks.slice(i), ...cycle.locks.slice(0, i)], edges: [...cycle.edges.slice(i), ...cycle.edges.slice(0, i)] };
}

/** Which cycle edges (lock pairs) each function and each site takes part in (EditorQueries.cycleParts). */
interface CycleParts {
  byFunction: Map<number, Set<string>>;
  bySite: Map<string, Set<string>>;
}

export class EditorQueries {
  constructor(private readonly state: AnalysisState) {}

  private parts: CycleParts | undefined;
  /** The edges of each lock pair, and the places of their sites once asked for. */
  private edgesOfPair: Map<string, Edge[]> | undefined;
  private readonly sitesOfPair = new Map<string, Location[]>();

  private name(lock: number): string {
    return this.state.locks.byId(lock).name;
  }

  /** The files of the model (absolute paths). */
  files(): string[] {
    return this.state.files.map((sf) => sf.fileName);
  }

  /** The lock referenced or declared at an offset of a file. */
  lockAt(fileName: string, offset: number): string | undefined {
    let best: { site: Site; lock: number } | undefined;
    for (const ref of this.state.references.in(fileName)) {
      const s = ref.site;
      if (offset < s.start || offset > s.end) continue;
      if (!best || s.end - s.start < best.site.end - best.site.start) best = ref;
    }
    return best && this.name(best.lock);
  }

  lock(name: string): LockDetails | undefined {
    const { locks, graph, locator, result } = this.state;
    const lock = locks.locks.find((l) => l.name === name);
    if (!lock) return undefined;
    const neighbours = (into: boolean): NeighbourEdge[] => {
      const byLock = new Map<number, NeighbourEdge>();
      for (const e of graph.edges.values()) {
        const other = into ? e.from : e.to;
        if ((into ? e.to : e.from) !== lock.id || byLock.has(other) || e.sites.length === 0) continue;
        byLock.set(other, { lock: this.name(other), mode: `${e.holder}${e.acquirer}`, site: this.edgeSite(e.sites[0]) });
      }
      return [...byLock].sort(([a], [b]) => graph.rank[a] - graph.rank[b]).map(([, n]) => n);
    };
    const acquisitions: LockDetails["acquisitions"] = [];
    this.state.bodies.forEach((body, f) => {
      for (const a of body.acquisitions) if (a.use.lock === lock.id) acquisitions.push({ function: this.state.functions[f].name, location: locator.loc(a.use.site) });
    });
    const cycles = result.details.cycles.flatMap((c) => (c.locks.includes(name) ? [rotated(c, c.locks.indexOf(name))] : []));
    const involves = (d: ResultDiagnostic) =>
      !d.suppressed && ((d.args.code === "irq-inconsistent-usage" && d.args.lock === name) || (d.args.code === "irq-lock-inversion" && d.args.path.includes(name)));
    return {
      name,
      kind: lock.kind,
      rank: graph.rank[lock.id],
      ranks: graph.order.length,
      onCycle: graph.order.some((component) => component.length > 1 && component.includes(lock.id)),
      cycleWith: [...new Set(cycles.flatMap((c) => c.locks))].filter((l) => l !== name),
      declaration: locator.loc(lock.decl),
      takenAfter: neighbours(true),
      takenBefore: neighbours(false),
      cycles,
      acquisitions,
      usage: result.locks.find((l) => l.name === name)?.usage ?? [],
      interruptReports: irqReports(result.diagnostics.filter(involves)),
    };
  }

  private edgeSite(s: { fn: number; site: Site; via?: Via }): ResultEdgeSite {
    const { locator, functions } = this.state;
    return {
      function: functions[s.fn].name,
      ...locator.loc(s.site),
      chain: s.via ? [this.step(s.fn, s.site), ...this.chain(s.via.callee, s.via.key, s.via.holding)] : [],
    };
  }

  private step(fn: number, site: Site): ChainStep {
    const l = this.state.locator.loc(site);
    return { function: this.state.functions[fn].name, file: l.file, line: l.line, column: l.column };
  }

  /** The call chain from a function down to where it acquires a lock. */
  private chain(fn: number, key: number, holding?: number): ChainStep[] {
    return this.state.graph.chain(fn, key, holding).map((link) => this.step(link.fn, link.site));
  }

  /** The function whose name (or whose whole declaration, when `anywhere`) contains an offset. */
  functionAt(fileName: string, offset: number, anywhere = false): FunctionDetails | undefined {
    let best: FunctionInfo | undefined;
    for (const f of this.state.functions) {
      if (!f.callable || f.nameSite.sf.fileName !== fileName) continue;
      const [start, end] = anywhere ? [f.node.getStart(f.nameSite.sf), f.node.end] : [f.nameSite.start, f.nameSite.end];
      if (offset < start || offset > end) continue;
      if (!best || end - start < best.node.end - best.node.getStart(best.nameSite.sf)) best = f;
    }
    return best && this.function(best);
  }

  /** Every function of a file with lock effects (for code lenses). */
  functionsIn(fileName: string): FunctionDetails[] {
    return this.state.functions
      .filter((f) => f.callable && f.nameSite.sf.fileName === fileName)
      .map((f) => this.function(f))
      .filter((d) => d.sequence.length > 0 || d.requires.length > 0 || d.excludes.length > 0 || d.releases.length > 0);
  }

  /** Each function's details, once per analysis (a file's lenses are resolved one by one). */
  private readonly details = new Map<number, FunctionDetails>();

  private function(f: FunctionInfo): FunctionDetails {
    let details = this.details.get(f.id);
    if (!details) this.details.set(f.id, (details = this.computeFunction(f)));
    return details;
  }

  private computeFunction(f: FunctionInfo): FunctionDetails {
    const { graph, locator } = this.state;
    const body = this.state.bodies[f.id];
    const names = (ids: Iterable<number>) => [...new Set([...ids].map((l) => this.name(l)))];
    // The locks in the order the function takes them (lockGraph/sequences.ts), and what it may
    // acquire listed in that order.
    const order = graph.sequence(f.id);
    const position = new Map(order.map((l, i) => [l, i]));
    const may = graph.mayAcquireKeys(f.id);
    const mayAcquire = may
      .filter((k) => kindOfKey(k) !== "T" || !may.some((o) => lockOfKey(o) === lockOfKey(k) && kindOfKey(o) !== "T"))
      .sort((a, b) => (position.get(lockOfKey(a)) ?? 0) - (position.get(lockOfKey(b)) ?? 0) || a - b)
      .map((k) => {
        const direct = graph.acquiresDirectly(f.id, k);
        const links = direct ? [] : graph.chain(f.id, k);
        const site = direct ? body.acquisitions.find((a) => a.use.lock === lockOfKey(k))?.use.site : links.at(-1)?.site;
        return {
          lock: this.name(lockOfKey(k)),
          trylock: kindOfKey(k) === "T",
          chain: links.map((link) => this.step(link.fn, link.site)),
          location: locator.loc(site ?? f.nameSite),
        };
      });
    const deadlocks = graph.inversions
      .filter((inv) => inv.edge.sites.some((s) => s.fn === f.id))
      .map((inv) => inv.cycle.map((l) => this.name(l)));
    const unique = new Map(deadlocks.map((c) => [c.join("\u0000"), c]));
    const pairs = this.cycleParts().byFunction.get(f.id);
    const cycles = pairs ? this.cyclesThrough(pairs) : [];
    const otherSides = new Map<string, Location>();
    const sides = new Set(pairs);
    for (const c of cycles) {
      for (const e of c.edges) {
        const pair = pairKey(e.from, e.to);
        if (sides.has(pair) || otherSides.size >= LISTED_OTHER_SIDES) continue;
        sides.add(pair);
        for (const l of this.sitesOf(e.from, e.to)) otherSides.set(`${l.file}:${l.line}:${l.column}`, l);
      }
    }
    let nested = false;
    for (let n = f.node.parent; n && !nested; n = n.parent) nested = isFunctionNode(n);
    return {
      name: f.name,
      location: locator.loc(f.nameSite),
      requires: names(f.annotations.requires.map((u) => u.lock)),
      excludes: names(f.annotations.excludes.map((u) => u.lock)),
      releases: names(f.annotations.releases.map((u) => u.lock)),
      heldAtExit: names(body.heldAtExit),
      acquires: names(graph.directSequence(f.id)),
      mayAcquire,
      sequence: names(order),
      deadlocks: [...unique.values()],
      cycles,
      otherSides: [...otherSides.values()],
      nested,
    };
  }

  /**
   * Which edges of the possible deadlocks each function and each site takes part in, through calls
   * too: the function of an edge's site (an acquisition or call made holding the edge's first lock)
   * and that site; the functions of the site's call chain down to the acquisition; and where the
   * edge's first lock is held for a `@requires` contract, the calls that hold it for that function,
   * and their functions, up through callers with the same contract (kvm_device_release() holds
   * kvm->lock for kvm_vfio_release()). Computed once per analysis, when first asked.
   */
  private cycleParts(): CycleParts {
    if (this.parts) return this.parts;
    const { graph, functions, bodies } = this.state;
    const parts: CycleParts = { byFunction: new Map(), bySite: new Map() };
    const add = <K>(map: Map<K, Set<string>>, key: K, pair: string) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(pair);
    };
    let callers: Map<number, { fn: number; call: CallEvent }[]> | undefined;
    const callersOf = (g: number) => {
      if (!callers) {
        const byCallee = new Map<number, { fn: number; call: CallEvent }[]>();
        bodies.forEach((body, fn) => {
          for (const call of body.calls) {
            if (call.held.length === 0) continue;
            for (const callee of call.callees) {
              // Only a function with a contract is asked for its callers.
              if (functions[callee].annotations.requires.length === 0) continue;
              let list = byCallee.get(callee);
              if (!list) byCallee.set(callee, (list = []));
              list.push({ fn, call });
            }
          }
        });
        callers = byCallee;
      }
      return callers.get(g) ?? [];
    };
    const requires = (fn: number, lock: number) => functions[fn].annotations.requires.some((u) => u.lock === lock);
    // The calls (and their functions) that hold `lock` for a function that requires it, up
    // through callers with the same contract: once per (function, lock), many sites share them.
    const holders = new Map<string, { sites: string[]; fns: number[] }>();
    const holdersOf = (g: number, lock: number) => {
      const key = `${g}:${lock}`;
      let found = holders.get(key);
      if (found) return found;
      found = { sites: [], fns: [] };
      const seen = new Set([g]);
      const pending = [g];
      while (pending.length > 0) {
        for (const { fn, call } of callersOf(pending.pop()!)) {
          if (!call.held.some((h) => h.lock === lock)) continue;
          found.sites.push(siteKey(call.site));
          if (seen.has(fn)) continue;
          seen.add(fn);
          found.fns.push(fn);
          if (requires(fn, lock)) pending.push(fn);
        }
      }
      holders.set(key, found);
      return found;
    };
    for (const { edge } of graph.inversions) {
      const pair = pairKey(this.name(edge.from), this.name(edge.to));
      for (const s of edge.sites) {
        add(parts.byFunction, s.fn, pair);
        add(parts.bySite, siteKey(s.site), pair);
        if (s.via) for (const link of graph.chain(s.via.callee, s.via.key, s.via.holding)) add(parts.byFunction, link.fn, pair);
        if (!requires(s.fn, edge.from)) continue;
        const held = holdersOf(s.fn, edge.from);
        for (const site of held.sites) add(parts.bySite, site, pair);
        for (const fn of held.fns) add(parts.byFunction, fn, pair);
      }
    }
    return (this.parts = parts);
  }

  /** The possible deadlocks with an edge among `pairs`, shortest first, each rotated to start at the first such edge. */
  private cyclesThrough(pairs: ReadonlySet<string>): ResultCycle[] {
    return this.state.result.details.cycles.flatMap((c) => {
      const i = c.edges.findIndex((e) => pairs.has(pairKey(e.from, e.to)));
      return i < 0 ? [] : [rotated(c, i)];
    });
  }

  /** Every site of the edges `from → to` (in any mode). */
  private sitesOf(from: string, to: string): Location[] {
    if (!this.edgesOfPair) {
      const byPair = new Map<string, Edge[]>();
      for (const e of this.state.graph.edges.values()) {
        const key = pairKey(this.name(e.from), this.name(e.to));
        let list = byPair.get(key);
        if (!list) byPair.set(key, (list = []));
        list.push(e);
      }
      this.edgesOfPair = byPair;
    }
    const key = pairKey(from, to);
    let sites = this.sitesOfPair.get(key);
    if (!sites) this.sitesOfPair.set(key, (sites = (this.edgesOfPair.get(key) ?? []).flatMap((e) => e.sites.map((s) => this.state.locator.loc(s.site)))));
    return sites;
  }

  /** The lock history at the acquisition or call under an offset. */
  historyAt(fileName: string, offset: number): HistoryPoint | undefined {
    const { locator, functions, bodies } = this.state;
    let best: { site: Site; point: () => Omit<HistoryPoint, "cycles"> } | undefined;
    const consider = (site: Site, point: () => Omit<HistoryPoint, "cycles">) => {
      if (site.sf.fileName !== fileName || offset < site.start || offset > site.end) return;
      if (!best || site.end - site.start < best.site.end - best.site.start) best = { site, point };
    };
    bodies.forEach((body, f) => {
      const fn = functions[f].name;
      const held = (entries: readonly { lock: number; mode: HoldMode; site: Site }[]) =>
        entries.map((e) => ({ lock: this.name(e.lock), mode: e.mode, location: locator.loc(e.site) }));
      for (const a of body.acquisitions) {
        consider(a.use.site, () => ({ location: locator.loc(a.use.site), function: fn, acquiring: this.name(a.use.lock), held: held(a.held) }));
      }
      for (const c of body.calls) {
        consider(c.site, () => ({ location: locator.loc(c.site), function: fn, calling: c.callees.map((g) => functions[g].name), held: held(c.held) }));
      }
    });
    if (!best) return undefined;
    const pairs = this.cycleParts().bySite.get(siteKey(best.site));
    return { ...best.point(), cycles: pairs ? this.cyclesThrough(pairs) : [] };
  }

  /** The unresolved call under an offset (the innermost, when calls nest). */
  unresolvedCallAt(fileName: string, offset: number): UnresolvedCallPoint | undefined {
    let best: { site: Site; fn: number } | undefined;
    this.state.bodies.forEach((body, fn) => {
      for (const site of body.unresolved) {
        if (site.sf.fileName !== fileName || offset < site.start || offset > site.end) continue;
        if (!best || site.end - site.start < best.site.end - best.site.start) best = { site, fn };
      }
    });
    return best && { location: this.state.locator.loc(best.site), function: this.state.functions[best.fn].name, callee: calleeText(best.site) };
  }

  /** The `defineLock` declarations of a file, with rank, the other locks of the possible deadlocks through each, and the functions that take each lock. */
  locksIn(fileName: string): { name: string; location: Location; rank: number; ranks: number; cycleWith: string[]; takenBy: string[]; acquisitions: Location[] }[] {
    const { locks, graph, locator } = this.state;
    return locks.locks
      .filter((l) => l.subclass === 0 && l.decl.sf.fileName === fileName)
      .map((l) => {
        const takenBy = new Set<string>();
        const acquisitions: Location[] = [];
        this.state.bodies.forEach((body, f) => {
          for (const a of body.acquisitions) {
            if (locks.byId(a.use.lock).name !== l.name && !locks.byId(a.use.lock).name.startsWith(`${l.name}/`)) continue;
            takenBy.add(this.state.functions[f].name);
            acquisitions.push(locator.loc(a.use.site));
          }
        });
        const cycleWith = new Set(this.state.result.details.cycles.flatMap((c) => (c.locks.includes(l.name) ? c.locks : [])));
        cycleWith.delete(l.name);
        return { name: l.name, location: locator.loc(l.decl), rank: graph.rank[l.id], ranks: graph.order.length, cycleWith: [...cycleWith], takenBy: [...takenBy], acquisitions };
      });
  }
}
