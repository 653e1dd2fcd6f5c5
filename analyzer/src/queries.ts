/**
 * What an editor asks about an analysis: the lock under the cursor, a lock's rank, neighbours with
 * evidence and cycles; a function's lock sets with call chains and its acquisition sequence; the
 * lock history (held locks, lockdep's "locks held") at an acquisition or call; the unresolved call
 * under the cursor.
 *
 * Owns: answering those questions from the analysis state, lazily (a call chain is expanded only
 * when asked for), as plain data with absolute-or-relative locations like the result's.
 * Must not: know LSP, Markdown or any editor; server/ turns these answers into hovers and lenses.
 */
import { calleeText, type AnalysisState } from "./analyze";
import { kindOfKey, lockOfKey, type Via } from "./lockGraph";
import type { ChainStep, FunctionInfo, HoldMode, Location, LockKind, ResultCycle, ResultDiagnostic, ResultEdgeSite, ResultUsage, Site } from "./model";
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
  declaration: Location;
  /** Locks held when this one is acquired (edges into it), one evidence site each. */
  takenAfter: NeighbourEdge[];
  /** Locks acquired while this one is held (edges out of it). */
  takenBefore: NeighbourEdge[];
  /** The strong cycles through it (possible deadlocks). */
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
  /** Transitive acquisitions in the order of `sequence`, each with one shortest call chain (empty when direct). */
  mayAcquire: { lock: string; trylock: boolean; chain: ChainStep[] }[];
  /** The locks in the order the function takes them, directly or through calls (LockGraph.sequence). */
  sequence: string[];
  /** The cycles that one of its sites is on. */
  deadlocks: string[][];
}

export interface HistoryPoint {
  location: Location;
  function: string;
  /** The lock being acquired, or the function(s) being called. */
  acquiring?: string;
  calling?: string[];
  /** The held locks in the order they were acquired (lockdep's "N locks held by"). */
  held: { lock: string; mode: HoldMode; location: Location }[];
}

/** A call that reaches no function of the model (it has no lock effect). */
export interface UnresolvedCallPoint {
  location: Location;
  function: string;
  /** The callee as written. */
  callee: string;
}

export class EditorQueries {
  constructor(private readonly state: AnalysisState) {}

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
    const cycles = result.details.cycles.filter((c) => c.locks.includes(name));
    const involves = (d: ResultDiagnostic) =>
      !d.suppressed && ((d.args.code === "irq-inconsistent-usage" && d.args.lock === name) || (d.args.code === "irq-lock-inversion" && d.args.path.includes(name)));
    return {
      name,
      kind: lock.kind,
      rank: graph.rank[lock.id],
      ranks: graph.order.length,
      onCycle: graph.order.some((component) => component.length > 1 && component.includes(lock.id)),
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

  private function(f: FunctionInfo): FunctionDetails {
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
      .map((k) => ({ lock: this.name(lockOfKey(k)), trylock: kindOfKey(k) === "T", chain: graph.acquiresDirectly(f.id, k) ? [] : this.chain(f.id, k) }));
    const deadlocks = graph.inversions
      .filter((inv) => inv.edge.sites.some((s) => s.fn === f.id))
      .map((inv) => inv.cycle.map((l) => this.name(l)));
    const unique = new Map(deadlocks.map((c) => [c.join("\u0000"), c]));
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
    };
  }

  /** The lock history at the acquisition or call under an offset. */
  historyAt(fileName: string, offset: number): HistoryPoint | undefined {
    const { locator, functions, bodies } = this.state;
    let best: { site: Site; point: () => HistoryPoint } | undefined;
    const consider = (site: Site, point: () => HistoryPoint) => {
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
    return best?.point();
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

  /** The `defineLock` declarations of a file, with rank and the functions that take each lock. */
  locksIn(fileName: string): { name: string; location: Location; rank: number; ranks: number; takenBy: string[]; acquisitions: Location[] }[] {
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
        return { name: l.name, location: locator.loc(l.decl), rank: graph.rank[l.id], ranks: graph.order.length, takenBy: [...takenBy], acquisitions };
      });
  }
}
