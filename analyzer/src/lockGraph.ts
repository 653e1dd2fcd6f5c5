/**
 * The whole-program lock graph (SPEC section 5): what each function may acquire through its
 * calls, the typed edges with their sites and call chains, the possible deadlocks, the declared
 * order and the global order.
 *
 * Owns: combining the per-function events of flow.ts into edges, and the graph diagnostics
 * (lock-order-inversion, recursive-lock and sleep-in-atomic through calls,
 * declared-order-violation, declared-order-cycle).
 * Must not: look at syntax; it sees functions, events and locks only. No recursive walks.
 */
import { cycleText, DiagnosticSink, messages } from "./diagnostics";
import { prioritisedTopologicalOrder, shortestPath, StrongCycleFinder, stronglyConnectedComponents, type TypedEdge } from "./graph";
import type { LockTable } from "./locks";
import { isSpinning, type AcquireMode, type CallEvent, type FunctionBody, type FunctionInfo, type HoldMode, type Site } from "./model";

/**
 * How a function comes to acquire a lock: N exclusively, r by a non-recursive read (N for the
 * strong-cycle rule, but lockdep prints it as a read), R by a recursive read, T by trylock.
 */
export type AcquireKind = "N" | "r" | "R" | "T";

function kindOf(use: { mode: HoldMode; acquire: AcquireMode }, how: "block" | "try"): AcquireKind {
  if (how === "try") return "T";
  return use.acquire === "R" ? "R" : use.mode === "S" ? "r" : "N";
}

/** One step towards an acquisition: directly at `site`, or through `call` into `callee`. */
export interface AcquisitionStep {
  readonly site: Site;
  readonly callee?: number;
}

export interface EdgeSite {
  readonly fn: number;
  readonly site: Site;
  /** When the lock is acquired through a call: the callee and the lock's key in its table. */
  readonly via?: { callee: number; key: string };
}

export interface Edge extends TypedEdge {
  /** Acquired in read mode (`shared`): lockdep's reports print `rlock(`. */
  readonly read: boolean;
  readonly sites: EdgeSite[];
}

export interface Inversion {
  readonly edge: Edge;
  readonly cycle: number[];
}

const keyOf = (lock: number, kind: AcquireKind) => `${lock}${kind}`;
export const lockOfKey = (key: string) => Number.parseInt(key, 10);
export const kindOfKey = (key: string) => key[key.length - 1] as AcquireKind;

export class LockGraph {
  /** For each function, every lock it may acquire (key `lock`+kind) and the first step there. */
  readonly mayAcquire: Map<string, AcquisitionStep>[];
  readonly edges = new Map<string, Edge>();
  readonly inversions: Inversion[] = [];
  /** The global order: components in order, locks on a cycle sharing one. */
  readonly order: number[][];
  readonly rank: Int32Array;
  /** For each lock, the locks declared (transitively) to be acquired after it. */
  readonly declaredAfter: Set<number>[];

  constructor(
    private readonly functions: readonly FunctionInfo[],
    private readonly bodies: readonly FunctionBody[],
    private readonly locks: LockTable,
    private readonly sink: DiagnosticSink,
  ) {
    this.mayAcquire = this.computeMayAcquire();
    this.collectEdges();
    this.findInversions();
    this.declaredAfter = this.checkDeclaredOrder();
    this.checkEdgesAgainstDeclaredOrder(this.declaredAfter);
    this.order = this.computeOrder();
    this.rank = new Int32Array(locks.locks.length);
    this.order.forEach((component, i) => component.forEach((l) => (this.rank[l] = i + 1)));
  }

  /**
   * Multi-source breadth-first search per (lock, kind) over the reversed call graph, so each
   * function gets one shortest chain to each lock it may acquire. Linear per lock.
   */
  private computeMayAcquire(): Map<string, AcquisitionStep>[] {
    const table = this.functions.map(() => new Map<string, AcquisitionStep>());
    const callers: { caller: number; event: CallEvent }[][] = this.functions.map(() => []);
    const sources = new Map<string, number[]>();
    this.bodies.forEach((body, f) => {
      for (const a of body.acquisitions) {
        const key = keyOf(a.use.lock, kindOf(a.use, a.how));
        if (table[f].has(key)) continue;
        table[f].set(key, { site: a.use.site });
        let list = sources.get(key);
        if (!list) sources.set(key, (list = []));
        list.push(f);
      }
      for (const event of body.calls) for (const callee of event.callees) callers[callee].push({ caller: f, event });
    });
    for (const [key, starts] of sources) {
      const queue = [...starts];
      for (let head = 0; head < queue.length; head++) {
        const g = queue[head];
        for (const { caller, event } of callers[g]) {
          if (table[caller].has(key) || !this.functions[caller].callable) continue;
          table[caller].set(key, { site: event.site, callee: g });
          queue.push(caller);
        }
      }
    }
    return table;
  }

  private addEdge(from: number, to: number, holder: HoldMode, kind: "N" | "r" | "R", site: EdgeSite): void {
    const key = `${from}>${to}:${holder}${kind}`;
    let edge = this.edges.get(key);
    if (!edge) this.edges.set(key, (edge = { from, to, holder, acquirer: kind === "R" ? "R" : "N", read: kind !== "N", sites: [] }));
    if (!edge.sites.some((s) => s.site.sf === site.site.sf && s.site.start === site.site.start && s.site.end === site.site.end)) edge.sites.push(site);
  }

  private collectEdges(): void {
    this.bodies.forEach((body, f) => {
      for (const a of body.acquisitions) {
        if (a.how === "try") continue; // a trylock never waits: no edge into its lock
        const kind = kindOf(a.use, a.how) as "N" | "r" | "R";
        for (const h of a.held) if (h.lock !== a.use.lock) this.addEdge(h.lock, a.use.lock, h.mode, kind, { fn: f, site: a.use.site });
      }
      for (const event of body.calls) this.collectCallEdges(f, event);
    });
  }

  private collectCallEdges(f: number, event: CallEvent): void {
    const recursive = new Set<number>();
    let sleepReported = false;
    for (const callee of event.callees) {
      const required = new Set(this.functions[callee].annotations.requires.map((u) => u.lock));
      for (const key of this.mayAcquire[callee].keys()) {
        const lock = lockOfKey(key);
        const kind = kindOfKey(key);
        const acquired = this.locks.byId(lock);
        for (const h of event.held) {
          if (required.has(h.lock)) continue;
          if (h.lock === lock) {
            if (kind === "R" && h.mode === "S") continue;
            if (recursive.has(lock)) continue;
            recursive.add(lock);
            this.sink.add("recursive-lock", event.site, messages.recursive(acquired), [{ site: h.site, message: "first acquired here" }]);
            continue;
          }
          if (!sleepReported && !isSpinning(acquired.kind) && isSpinning(this.locks.byId(h.lock).kind)) {
            sleepReported = true;
            this.sink.add("sleep-in-atomic", event.site, messages.sleepInAtomic(acquired, this.locks.byId(h.lock)), [{ site: h.site, message: "acquired here" }]);
          }
          if (kind !== "T") this.addEdge(h.lock, lock, h.mode, kind, { fn: f, site: event.site, via: { callee, key } });
        }
      }
    }
  }

  /** Every site of every edge on a strong cycle gets one diagnostic naming its shortest cycle. */
  private findInversions(): void {
    const edges = [...this.edges.values()];
    const finder = new StrongCycleFinder(this.locks.locks.length, edges);
    const bySite = new Map<string, { edge: Edge; site: EdgeSite; cycle: number[] }>();
    for (const edge of edges) {
      const cycle = finder.shortestCycleThrough(edge);
      if (!cycle) continue;
      this.inversions.push({ edge, cycle });
      for (const site of edge.sites) {
        const key = `${site.site.sf.fileName}:${site.site.start}:${site.site.end}`;
        const best = bySite.get(key);
        if (!best || cycle.length < best.cycle.length) bySite.set(key, { edge, site, cycle });
      }
    }
    for (const { edge, site, cycle } of bySite.values()) {
      const locks = cycle.map((l) => this.locks.byId(l));
      const closingFrom = locks[locks.length - 1];
      const related = cycle.slice(1).map((from, i) => {
        const to = cycle[(i + 2) % cycle.length];
        const other = this.firstSiteOf(from, to);
        return {
          site: other?.site.site ?? locks[0].decl,
          message: `'${this.locks.byId(to).name}' acquired while holding '${this.locks.byId(from).name}'` + (other ? ` in ${this.functions[other.site.fn].name}` : ""),
        };
      });
      this.sink.add(
        "lock-order-inversion",
        site.site,
        messages.inversion(this.locks.byId(edge.from), this.locks.byId(edge.to), closingFrom, locks),
        related,
      );
    }
  }

  private byPair: Map<number, Edge> | undefined;

  /** One site of an edge `from → to` in any mode (the first recorded). */
  firstSiteOf(from: number, to: number): { edge: Edge; site: EdgeSite } | undefined {
    if (!this.byPair) {
      const n = this.locks.locks.length;
      this.byPair = new Map();
      for (const edge of this.edges.values()) if (edge.sites.length > 0 && !this.byPair.has(edge.from * n + edge.to)) this.byPair.set(edge.from * n + edge.to, edge);
    }
    const edge = this.byPair.get(from * this.locks.locks.length + to);
    return edge && { edge, site: edge.sites[0] };
  }

  /** Declared-order cycles, and for each lock the locks declared (transitively) after it. */
  private checkDeclaredOrder(): Set<number>[] {
    const n = this.locks.locks.length;
    const after: number[][] = Array.from({ length: n }, () => []);
    for (const lock of this.locks.locks) for (const before of lock.declaredAfter) after[before].push(lock.id);
    const { component } = stronglyConnectedComponents(n, (v) => after[v]);
    const size = new Map<number, number>();
    for (let v = 0; v < n; v++) size.set(component[v], (size.get(component[v]) ?? 0) + 1);
    for (let v = 0; v < n; v++) {
      const selfLoop = after[v].includes(v);
      if (!selfLoop && size.get(component[v])! < 2) continue;
      const path = selfLoop ? [v] : (shortestPath(v, v, (x) => after[x].filter((y) => component[y] === component[v])) ?? [v]).slice(0, -1);
      const lock = this.locks.byId(v);
      this.sink.add("declared-order-cycle", lock.decl, messages.declaredOrderCycle(path.map((l) => this.locks.byId(l))));
    }
    return this.locks.locks.map((_, v) => {
      const reach = new Set<number>();
      const queue = [...after[v]];
      for (let head = 0; head < queue.length; head++) {
        const w = queue[head];
        if (reach.has(w)) continue;
        reach.add(w);
        queue.push(...after[w]);
      }
      return reach;
    });
  }

  /** An observed edge A → B where B is declared before A (SPEC 5.4). */
  private checkEdgesAgainstDeclaredOrder(declaredAfter: readonly Set<number>[]): void {
    for (const edge of this.edges.values()) {
      if (!declaredAfter[edge.to].has(edge.from) || declaredAfter[edge.from].has(edge.to)) continue;
      const message = messages.declaredOrderViolation(this.locks.byId(edge.to), this.locks.byId(edge.from));
      for (const s of edge.sites) this.sink.add("declared-order-violation", s.site, message);
    }
  }

  private computeOrder(): number[][] {
    const n = this.locks.locks.length;
    const succ: number[][] = Array.from({ length: n }, () => []);
    for (const lock of this.locks.locks) for (const before of lock.declaredAfter) succ[before].push(lock.id);
    for (const e of this.edges.values()) succ[e.from].push(e.to);
    return prioritisedTopologicalOrder(n, (v) => succ[v], (v) => this.locks.byId(v).position);
  }

  /** The distinct strong cycles, each rotated to start at its earliest-declared lock. */
  distinctCycles(): number[][] {
    const seen = new Map<string, number[]>();
    for (const { cycle } of this.inversions) {
      let start = 0;
      cycle.forEach((l, i) => {
        if (this.locks.byId(l).position < this.locks.byId(cycle[start]).position) start = i;
      });
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      const key = rotated.join(",");
      if (!seen.has(key)) seen.set(key, rotated);
    }
    return [...seen.values()].sort((a, b) => cycleText(a.map((l) => this.locks.byId(l))).localeCompare(cycleText(b.map((l) => this.locks.byId(l)))));
  }
}
