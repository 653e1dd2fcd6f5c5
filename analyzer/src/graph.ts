/**
 * Graph algorithms on integer node ids, free of any analysis type so they can be tested alone.
 *
 * Owns: strongly connected components (Tarjan, iterative), lockdep's strong-cycle search
 * (no `-(xR)->` edge immediately followed by `-(Sx)->`), and the prioritised topological order of
 * a condensation.
 * Must not: recurse (deep graphs must not overflow the stack) or know what a lock is.
 */

/** Components of a directed graph; `component[v]` is numbered in reverse topological order. */
export function stronglyConnectedComponents(n: number, successors: (v: number) => readonly number[]): { component: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let nextIndex = 0;
  let count = 0;
  const work: { v: number; i: number; succ: readonly number[] }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ v: root, i: 0, succ: successors(root) });
    index[root] = low[root] = nextIndex++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.succ.length) {
        const w = frame.succ[frame.i++];
        if (index[w] === -1) {
          index[w] = low[w] = nextIndex++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, i: 0, succ: successors(w) });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low[parent] = Math.min(low[parent], low[frame.v]);
      }
      if (low[frame.v] === index[frame.v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== frame.v);
        count++;
      }
    }
  }
  return { component, count };
}

/** A typed edge of the lock graph: holder mode E/S, acquirer mode N/R (lockdep section 1.4). */
export interface TypedEdge {
  readonly from: number;
  readonly to: number;
  readonly holder: "E" | "S";
  readonly acquirer: "N" | "R";
}

/**
 * Lockdep's strong-path rule as a graph of states (lock, whether the edge into it was -(xR)->):
 * an edge -(Sx)-> may not leave a state entered by -(xR)->. A cycle of states is a strong cycle.
 */
export class StrongCycleFinder {
  private readonly successors: Int32Array[];
  private readonly stateComponent: Int32Array;
  /** Breadth-first trees (parent of each state, -2 unreached) by start state, built on demand. */
  private readonly trees = new Map<number, Int32Array>();

  constructor(lockCount: number, edges: readonly TypedEdge[]) {
    const out: TypedEdge[][] = Array.from({ length: lockCount }, () => []);
    for (const e of edges) if (e.from !== e.to) out[e.from].push(e);
    // Successor states of each state, deduplicated: lockdep's edge types collapse to at most four
    // state transitions per pair of locks, however many edges there are.
    this.successors = Array.from({ length: lockCount * 2 }, (_, s) => {
      const next = new Set<number>();
      for (const e of out[s >> 1]) if (StrongCycleFinder.allowed(s, e)) next.add(StrongCycleFinder.state(e.to, e.acquirer === "R"));
      return Int32Array.from(next);
    });
    this.stateComponent = stronglyConnectedComponents(lockCount * 2, (s) => this.successors[s] as unknown as number[]).component;
  }

  private static state(lock: number, enteredByRead: boolean): number {
    return lock * 2 + (enteredByRead ? 1 : 0);
  }

  /** An edge -(Sx)-> may not leave a state entered by -(xR)->. */
  private static allowed(state: number, e: TypedEdge): boolean {
    return !((state & 1) === 1 && e.holder === "S");
  }

  /** The breadth-first tree from a state, inside its component (one per start state, cached). */
  private tree(start: number): Int32Array {
    let parent = this.trees.get(start);
    if (parent) return parent;
    parent = new Int32Array(this.successors.length).fill(-2);
    parent[start] = -1;
    const component = this.stateComponent[start];
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const next of this.successors[s]) {
        if (parent[next] !== -2 || this.stateComponent[next] !== component) continue;
        parent[next] = s;
        queue.push(next);
      }
    }
    this.trees.set(start, parent);
    return parent;
  }

  /**
   * The shortest strong cycle through `edge`, as the locks `[from, to, …]` (each followed by the
   * next, the last by `from`), or undefined when the edge is on none. One breadth-first search per
   * distinct start state serves every edge into that state, so the whole graph costs
   * O(states × transitions), not O(edges × transitions).
   */
  shortestCycleThrough(edge: TypedEdge): number[] | undefined {
    if (edge.from === edge.to) return undefined;
    const start = StrongCycleFinder.state(edge.to, edge.acquirer === "R");
    // The edge may leave `from` if `from` was entered by a non-read edge, or by any edge when
    // the edge is -(Ex)->.
    const targets = [StrongCycleFinder.state(edge.from, false)];
    if (edge.holder === "E") targets.push(StrongCycleFinder.state(edge.from, true));
    const component = this.stateComponent[start];
    const reachable = targets.filter((t) => this.stateComponent[t] === component);
    if (reachable.length === 0) return undefined;
    const parent = this.tree(start);
    const depth = (t: number) => {
      let d = 0;
      for (let x = t; x !== -1; x = parent[x]) d++;
      return d;
    };
    const hits = reachable.filter((t) => parent[t] !== -2);
    if (hits.length === 0) return undefined;
    const target = hits.reduce((a, b) => (depth(b) < depth(a) ? b : a));
    const path: number[] = [];
    for (let x = target; x !== -1; x = parent[x]) path.push(x >> 1);
    path.reverse(); // to … from
    return [edge.from, ...path.slice(0, -1)];
  }
}

/**
 * A topological order of the condensation of a graph, choosing among ready components the one
 * with the smallest priority (its smallest member's). Returns the components in order, each as
 * its members sorted by priority.
 */
export function prioritisedTopologicalOrder(
  n: number,
  successors: (v: number) => readonly number[],
  priority: (v: number) => number,
): number[][] {
  const { component, count } = stronglyConnectedComponents(n, successors);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) members[component[v]].push(v);
  for (const m of members) m.sort((a, b) => priority(a) - priority(b));
  const indegree = new Int32Array(count);
  const succ: Set<number>[] = Array.from({ length: count }, () => new Set());
  for (let v = 0; v < n; v++) {
    for (const w of successors(v)) {
      const a = component[v];
      const b = component[w];
      if (a !== b && !succ[a].has(b)) {
        succ[a].add(b);
        indegree[b]++;
      }
    }
  }
  const heap = new MinHeap<number>((c) => priority(members[c][0]));
  for (let c = 0; c < count; c++) if (indegree[c] === 0) heap.push(c);
  const order: number[][] = [];
  while (heap.size > 0) {
    const c = heap.pop()!;
    order.push(members[c]);
    for (const d of succ[c]) if (--indegree[d] === 0) heap.push(d);
  }
  return order;
}

/** Breadth-first search for a path from `from` to `to`; returns the nodes, both ends included. */
export function shortestPath(from: number, to: number, successors: (v: number) => readonly number[]): number[] | undefined {
  const parent = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of successors(v)) {
      if (w === to) {
        const path = [w];
        for (let x = v; x !== -1; x = parent.get(x)!) path.push(x);
        return path.reverse();
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}

export class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]) <= this.key(a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]) < this.key(a[m])) m = l;
        if (r < a.length && this.key(a[r]) < this.key(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
