/**
 * The orders of the locks (docs/annotations.md#declared-order, #global-order): the declared order with its
 * cycles and the observed edges that contradict it, and the global order every report and rank
 * follows.
 *
 * Owns: declared-order-cycle and declared-order-violation; the global order, in which the locks
 * of one cycle share a rank and otherwise the earlier declared comes first.
 * Must not: create edges or find the possible deadlocks (contributions.ts and cycles.ts do).
 */
import type { DiagnosticSink } from "../diagnostics";
import { prioritisedTopologicalOrder, shortestPath, stronglyConnectedComponents } from "../graph";
import type { LockTable } from "../locks";
import type { Edge } from "./contributions";

/** Declared-order cycles, and for each lock the locks declared (transitively) after it. */
export function checkDeclaredOrder(locks: LockTable, sink: DiagnosticSink): Set<number>[] {
  const n = locks.locks.length;
  const after: number[][] = Array.from({ length: n }, () => []);
  for (const lock of locks.locks) for (const before of lock.declaredAfter) after[before].push(lock.id);
  const { component } = stronglyConnectedComponents(n, (v) => after[v]);
  const size = new Map<number, number>();
  for (let v = 0; v < n; v++) size.set(component[v], (size.get(component[v]) ?? 0) + 1);
  for (let v = 0; v < n; v++) {
    const selfLoop = after[v].includes(v);
    if (!selfLoop && size.get(component[v])! < 2) continue;
    const path = selfLoop ? [v] : (shortestPath(v, v, (x) => after[x].filter((y) => component[y] === component[v])) ?? [v]).slice(0, -1);
    const lock = locks.byId(v);
    sink.add(lock.decl, { code: "declared-order-cycle", cycle: path.map((l) => locks.byId(l)) });
  }
  return locks.locks.map((_, v) => {
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

/** An observed edge A → B where B is declared before A (docs/annotations.md#declared-order). */
export function checkEdgesAgainstDeclaredOrder(edges: ReadonlyMap<number, Edge>, declaredAfter: readonly Set<number>[], locks: LockTable, sink: DiagnosticSink): void {
  for (const edge of edges.values()) {
    if (!declaredAfter[edge.to].has(edge.from) || declaredAfter[edge.from].has(edge.to)) continue;
    const args = { code: "declared-order-violation", first: locks.byId(edge.to), second: locks.byId(edge.from) } as const;
    for (const s of edge.sites) sink.add(s.site, args);
  }
}

/**
 * The global order (docs/annotations.md#global-order): the components of the declared order and
 * the edges together, in order, the earlier declared first where the graph leaves a choice; the
 * locks of one component share a rank (1-based).
 */
export function globalOrder(edges: ReadonlyMap<number, Edge>, locks: LockTable): { order: number[][]; rank: Int32Array } {
  const n = locks.locks.length;
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const lock of locks.locks) for (const before of lock.declaredAfter) succ[before].push(lock.id);
  for (const e of edges.values()) succ[e.from].push(e.to);
  const order = prioritisedTopologicalOrder(n, (v) => succ[v], (v) => locks.byId(v).position);
  const rank = new Int32Array(n);
  order.forEach((component, i) => component.forEach((l) => (rank[l] = i + 1)));
  return { order, rank };
}
