/**
 * The possible deadlocks of the lock graph (docs/diagnostics.md#lock-order-inversion): the
 * shortest strong cycle through each edge, in lockdep's sense (graph.ts finds it).
 *
 * Owns: the inversions, one lock-order-inversion per edge site with its cycle's other edges (and
 * the calls through which each is acquired) as related information, which of the cycle's edges are
 * waits, and the call chain down to the acquisition as its flow; one site of an edge per lock
 * pair, as evidence; the distinct cycles for the result, shortest first.
 * Must not: create edges, compute what a function may acquire, or word anything itself (the
 * wording is diagnostics.ts's).
 */
import { cycleChain, listedCycleEdges, messages, type DiagnosticSink } from "../diagnostics";
import { StrongCycleFinder } from "../graph";
import type { LockTable } from "../locks";
import { isWait, type DiagnosticArgs, type FunctionInfo, type RelatedInfo, type Site } from "../model";
import { compareOrdinal } from "../ordinal";
import { kindOfKey, lockOfKey, type MayAcquire } from "./closure";
import type { Edge, EdgeSite } from "./contributions";

export interface Inversion {
  readonly edge: Edge;
  readonly cycle: number[];
}

export class Cycles {
  readonly inversions: Inversion[] = [];
  private byPair: Map<number, Edge> | undefined;

  /** Finds the inversions of `edges` and reports them into `sink`. */
  constructor(
    private readonly edges: ReadonlyMap<number, Edge>,
    private readonly functions: readonly FunctionInfo[],
    private readonly locks: LockTable,
    private readonly closure: MayAcquire,
    sink: DiagnosticSink,
  ) {
    this.findInversions(sink);
  }

  /** Every site of every edge on a strong cycle gets one diagnostic naming its shortest cycle. */
  private findInversions(sink: DiagnosticSink): void {
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
    // An edge's sites share its cycle: its arguments and related information are made once.
    const said = new Map<Edge, { args: DiagnosticArgs; related: RelatedInfo[] }>();
    for (const { edge, site, cycle } of bySite.values()) {
      let what = said.get(edge);
      if (!what) said.set(edge, (what = this.inversionArgs(edge, cycle)));
      sink.add(site.site, what.args, what.related, site.via ? this.flowOf(site.fn, site.site, site.via.callee, site.via.key, site.via.holding) : undefined);
    }
  }

  /**
   * An inversion's arguments (its edge is the cycle's first), and one site of each other edge of
   * its cycle with the calls through which it is acquired; on a long cycle, of the edges that
   * listedCycleEdges picks, then how many more there are (the JSON output's cycles list has them
   * all), so that each diagnostic's size stays bounded.
   */
  private inversionArgs(own: Edge, cycle: number[]): { args: DiagnosticArgs; related: RelatedInfo[] } {
    const n = cycle.length;
    const locks = cycle.map((l) => this.locks.byId(l));
    // Edge i is cycle[i] → cycle[i + 1]; the others than the diagnostic's own are 1 to n - 1.
    const siteOf = (i: number) => this.firstSiteOf(cycle[i], cycle[(i + 1) % n]);
    const waits = cycle.map((_, i) => {
      const edge = i === 0 ? own : siteOf(i)?.edge;
      return edge !== undefined && this.isWaitEdge(edge);
    });
    const other = (i: number): RelatedInfo => {
      const found = siteOf(i);
      const via = found?.site.via;
      return {
        site: found?.site.site ?? locks[0].decl,
        message: messages.cycleEdge(
          locks[i],
          locks[(i + 1) % n],
          waits[i],
          found && this.functions[found.site.fn].name,
          via && this.closure.chain(via.callee, via.key, via.holding).map((l) => this.functions[l.fn].name),
        ),
      };
    };
    const { indices, omitted } = listedCycleEdges(n - 1);
    const related = indices.map((k) => other(k + 1));
    if (omitted) related.push({ site: siteOf(omitted.first + 1)?.site.site ?? locks[0].decl, message: omitted.note });
    return { args: { code: "lock-order-inversion", held: locks[0], acquired: locks[1], cycle: locks, waits }, related };
  }

  private isWaitEdge(edge: Edge): boolean {
    return isWait(this.locks.byId(edge.to).kind, edge.acquirer);
  }

  /** The steps from a call site down to the acquisition (or the wait) it leads to, worded for reports. */
  private flowOf(fn: number, site: Site, callee: number, key: number, holding?: number): RelatedInfo[] {
    const links = [{ fn, site }, ...this.closure.chain(callee, key, holding)];
    const lock = this.locks.byId(lockOfKey(key));
    const wait = isWait(lock.kind, kindOfKey(key) === "R" ? "R" : "N");
    return links.map((l, i) => ({
      site: l.site,
      message:
        i === links.length - 1
          ? messages.chainAcquires(this.functions[l.fn].name, lock.name, wait)
          : messages.chainCalls(this.functions[l.fn].name, this.functions[links[i + 1].fn].name),
    }));
  }

  /**
   * One site of an edge `from → to` in any mode: the first recorded, or the first wait's when
   * there is one (into an srcu domain, a reader's edge and `synchronize_srcu`'s: the wait is the
   * one a cycle needs, as a read into it cannot be followed by the reader's hold).
   */
  firstSiteOf(from: number, to: number): { edge: Edge; site: EdgeSite } | undefined {
    if (!this.byPair) {
      const n = this.locks.locks.length;
      this.byPair = new Map();
      for (const edge of this.edges.values()) {
        if (edge.sites.length === 0) continue;
        const key = edge.from * n + edge.to;
        const first = this.byPair.get(key);
        if (!first || (!this.isWaitEdge(first) && this.isWaitEdge(edge))) this.byPair.set(key, edge);
      }
    }
    const edge = this.byPair.get(from * this.locks.locks.length + to);
    return edge && { edge, site: edge.sites[0] };
  }

  /**
   * The distinct strong cycles, each rotated to start at its earliest-declared lock, shortest
   * first (the likeliest deadlock, and the easiest to read), then in the order of their text.
   */
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
    const texts = new Map([...seen.values()].map((c) => [c, cycleChain(c.map((l) => this.locks.byId(l).name), undefined, Infinity)]));
    return [...seen.values()].sort((a, b) => a.length - b.length || compareOrdinal(texts.get(a)!, texts.get(b)!));
  }
}
