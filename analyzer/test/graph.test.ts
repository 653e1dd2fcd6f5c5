/** The graph algorithms on their own: components, lockdep's strong cycles, prioritised order. */
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MinHeap, prioritisedTopologicalOrder, shortestPath, StrongCycleFinder, stronglyConnectedComponents, type TypedEdge } from "../src/graph";

const adjacency = (n: number, pairs: [number, number][]) => {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) out[a].push(b);
  return (v: number) => out[v];
};
const edge = (from: number, to: number, modes = "EN"): TypedEdge => ({ from, to, holder: modes[0] as "E" | "S", acquirer: modes[1] as "N" | "R" });

describe("stronglyConnectedComponents", () => {
  test("groups the members of each cycle and numbers sinks first", () => {
    const { component, count } = stronglyConnectedComponents(5, adjacency(5, [[0, 1], [1, 0], [1, 2], [2, 3], [3, 2], [4, 4]]));
    assert.equal(count, 3);
    assert.equal(component[0], component[1]);
    assert.equal(component[2], component[3]);
    assert.notEqual(component[0], component[2]);
    assert.ok(component[2] < component[0], "the sink component {2,3} comes first");
  });

  test("a 200,000-node chain does not overflow the stack", () => {
    const n = 200_000;
    const { count } = stronglyConnectedComponents(n, (v) => (v + 1 < n ? [v + 1] : [0]));
    assert.equal(count, 1);
  });
});

describe("StrongCycleFinder (lockdep's strong-path rule)", () => {
  test("ABBA of exclusive acquisitions is a strong 2-cycle through either edge", () => {
    const finder = new StrongCycleFinder(2, [edge(0, 1), edge(1, 0)]);
    assert.deepEqual(finder.shortestCycleThrough(edge(0, 1)), [0, 1]);
    assert.deepEqual(finder.shortestCycleThrough(edge(1, 0)), [1, 0]);
  });

  test("all-recursive-read ABBA (-(SR)-> both ways) is not a deadlock", () => {
    const finder = new StrongCycleFinder(2, [edge(0, 1, "SR"), edge(1, 0, "SR")]);
    assert.equal(finder.shortestCycleThrough(edge(0, 1, "SR")), undefined);
  });

  test("rlock_ABBA2 (X -(SN)-> Y, Y -(ER)-> X) is not strong, rlock_ABBA1 (Y -(EN)-> X) is", () => {
    const abba2 = new StrongCycleFinder(2, [edge(0, 1, "SN"), edge(1, 0, "ER")]);
    assert.equal(abba2.shortestCycleThrough(edge(0, 1, "SN")), undefined);
    const abba1 = new StrongCycleFinder(2, [edge(0, 1, "SN"), edge(1, 0, "EN")]);
    assert.deepEqual(abba1.shortestCycleThrough(edge(0, 1, "SN")), [0, 1]);
  });

  test("three-class rows of lockdep's 1.11.3", () => {
    // W1R2/W2R3/W3R1: all -(ER)->: strong.
    const allER = [edge(0, 1, "ER"), edge(1, 2, "ER"), edge(2, 0, "ER")];
    assert.deepEqual(new StrongCycleFinder(3, allER).shortestCycleThrough(allER[0]), [0, 1, 2]);
    // W1W2/R2R3/R3W1: EN, SR, SN: the SR followed by SN breaks it.
    const broken = [edge(0, 1, "EN"), edge(1, 2, "SR"), edge(2, 0, "SN")];
    assert.equal(new StrongCycleFinder(3, broken).shortestCycleThrough(broken[0]), undefined);
  });

  test("picks the shortest cycle and ignores edges off every cycle", () => {
    const edges = [edge(0, 1), edge(1, 2), edge(2, 0), edge(1, 0), edge(3, 0)];
    const finder = new StrongCycleFinder(4, edges);
    assert.deepEqual(finder.shortestCycleThrough(edge(0, 1)), [0, 1]);
    assert.deepEqual(finder.shortestCycleThrough(edge(1, 2)), [1, 2, 0]);
    assert.equal(finder.shortestCycleThrough(edge(3, 0)), undefined);
  });
});

describe("prioritisedTopologicalOrder", () => {
  test("orders by edges, breaks ties by priority, keeps cycles together", () => {
    // 3 → 1, and 0 ⇄ 2; priorities are the ids.
    const order = prioritisedTopologicalOrder(4, adjacency(4, [[3, 1], [0, 2], [2, 0]]), (v) => v);
    assert.deepEqual(order, [[0, 2], [3], [1]]);
  });
});

describe("shortestPath and MinHeap", () => {
  test("breadth-first path", () => {
    assert.deepEqual(shortestPath(0, 3, adjacency(4, [[0, 1], [1, 3], [0, 2], [2, 1]])), [0, 1, 3]);
    assert.equal(shortestPath(3, 0, adjacency(4, [[0, 1]])), undefined);
  });

  test("heap pops in key order", () => {
    const heap = new MinHeap<number>((x) => x);
    for (const x of [5, 1, 4, 2, 3, 0]) heap.push(x);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop()!);
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5]);
  });
});
