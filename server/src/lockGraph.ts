/**
 * The answer to `lockorder/lockGraph`: the lock graph of a model for the editor's graph view,
 * drawn offline (Graphviz in WebAssembly) when asked: its locks (with the interrupts each is
 * taken in), every drawn edge with all its sites (function, place, the calls down to the
 * acquisition), every possible deadlock as its chain of locks with the drawn edges it runs along
 * and its number of sites; the analysis generation it was drawn from, so that the view knows
 * whether it is up to date. Folded, the locks on no possible deadlock (no cycle, no interrupt
 * inversion) are left out of the drawing and counted. A graph with more edges than Graphviz lays
 * out in a fraction of a second is answered without its drawing (the server answers nothing else
 * while Graphviz runs): the view then offers to fold it.
 *
 * Owns: that answer's shape, which locks a folded graph keeps, and which graphs are drawn.
 * Must not: draw (the analyzer's output/graph does) or compute the graph (the analysis result
 * holds it).
 */
import { graphEdges, irqSafety, toDot, toSvg, type AnalysisResult, type GraphEdge, type ResultEdgeSite, type ResultLock } from "lockorder/analyzer";

/**
 * The most edges drawn. Graphviz's layout time (WebAssembly, in the server's thread) grows fast
 * with them: about 50 ms at 100 edges, 250 ms at 220, 3 s at 370, 6 minutes at 750.
 */
export const MAX_DRAWN_EDGES = 200;

/**
 * One place where a drawn edge is made (the analyzer's edge site, 1-based): its second lock is
 * taken while its first is held, in `function`.
 */
export interface LockGraphSite extends Omit<ResultEdgeSite, "chain"> {
  /**
   * The functions the call from `function` goes through toward the acquisition (empty when the
   * lock is taken in `function` itself): all of them on a cycle's edges, the first elsewhere.
   */
  via: string[];
}

export interface LockGraphEdge extends GraphEdge {
  /** The edge's element id in the SVG (`edge<index>`). */
  id: string;
  /** Every site of the edge, in every mode, in the result's order. */
  locations: LockGraphSite[];
  /** The first of them (kept for older clients). */
  site?: { file: string; line: number; column: number };
}

export interface LockGraphLock {
  name: string;
  kind: ResultLock["kind"];
  rank: number;
  file: string;
  line: number;
  /** The node's element id in the SVG (`lock<index>`). */
  id: string;
  onCycle: boolean;
  /** The interrupts the lock is taken in (`hardirq`, `softirq`): it is interrupt-safe. */
  irq: string[];
}

export interface LockGraphCycle {
  /** The chain: `locks[i]` is held while `locks[i + 1]` is taken; the last edge closes it. */
  locks: string[];
  /** Indices in `edges` of the drawn edges `locks[i] → locks[i + 1]`. */
  edges: number[];
  /** The sites of those edges. */
  sites: number;
}

export interface LockGraphAnswer {
  /** The model's folder. */
  root: string;
  /** The analysis the graph is drawn from (`lockorder/status` carries the latest). */
  generation: number;
  /** Whether the locks on no possible deadlock are left out. */
  folded: boolean;
  /** How many locks folding left out. */
  hiddenLocks: number;
  /** Every lock of the model (drawn or not). */
  lockCount: number;
  /** More edges than MAX_DRAWN_EDGES: no SVG (fold it, or it is not drawn at all). */
  tooLarge: boolean;
  locks: LockGraphLock[];
  order: string[];
  cycles: LockGraphCycle[];
  edges: LockGraphEdge[];
  dot: string;
  svg?: string;
}

export interface LockGraphOptions {
  svg: boolean;
  fold: boolean;
}

/** The answers already drawn, per analysis result and options (drawing takes tens of milliseconds). */
const drawn = new WeakMap<AnalysisResult, Map<string, Promise<LockGraphAnswer>>>();

export function lockGraph(result: AnalysisResult, model: { root: string; generation: number }, options: LockGraphOptions): Promise<LockGraphAnswer> {
  const key = `${options.svg}/${options.fold}/${model.root}/${model.generation}`;
  let answers = drawn.get(result);
  if (!answers) drawn.set(result, (answers = new Map()));
  let answer = answers.get(key);
  if (!answer) {
    answer = answerOf(result, model, options);
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

async function answerOf(result: AnalysisResult, model: { root: string; generation: number }, options: LockGraphOptions): Promise<LockGraphAnswer> {
  const shown = options.fold ? folded(result) : result;
  const pair = (from: string, to: string) => `${from}\u0000${to}`;
  const sitesOf = new Map<string, LockGraphSite[]>();
  for (const e of shown.details.edges) {
    const list = sitesOf.get(pair(e.from, e.to)) ?? [];
    for (const s of e.sites) {
      list.push({ function: s.function, file: s.file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn, via: s.chain.slice(1).map((c) => c.function) });
    }
    sitesOf.set(pair(e.from, e.to), list);
  }
  const edges: LockGraphEdge[] = graphEdges(shown).map((e, i) => {
    const locations = sitesOf.get(pair(e.from, e.to)) ?? [];
    const first = locations[0];
    return { ...e, id: `edge${i}`, locations, ...(first ? { site: { file: first.file, line: first.line, column: first.column } } : {}) };
  });
  const edgeIndex = new Map(edges.map((e, i) => [pair(e.from, e.to), i]));
  const cycles = result.cycles.map((locks) => {
    const indices = locks.map((l, i) => edgeIndex.get(pair(l, locks[(i + 1) % locks.length])) ?? -1).filter((i) => i >= 0);
    return { locks, edges: indices, sites: indices.reduce((n, i) => n + edges[i].sites, 0) };
  });
  const onCycle = new Set(result.cycles.flat());
  return {
    root: model.root,
    generation: model.generation,
    folded: options.fold,
    hiddenLocks: result.locks.length - shown.locks.length,
    lockCount: result.locks.length,
    locks: shown.locks.map((l, i) => ({ name: l.name, kind: l.kind, rank: l.rank, file: l.file, line: l.line, id: `lock${i}`, onCycle: onCycle.has(l.name), irq: irqSafety(l) })),
    order: result.order,
    cycles,
    edges,
    dot: toDot(shown),
    tooLarge: edges.length > MAX_DRAWN_EDGES,
    ...(options.svg && edges.length <= MAX_DRAWN_EDGES ? { svg: await toSvg(shown) } : {}),
  };
}

/** The result with only the locks on a cycle or an interrupt inversion, and the edges between them. */
function folded(result: AnalysisResult): AnalysisResult {
  const keep = new Set(result.cycles.flat());
  for (const e of graphEdges(result)) {
    if (e.irqInversion) keep.add(e.from).add(e.to);
  }
  return {
    ...result,
    locks: result.locks.filter((l) => keep.has(l.name)),
    details: {
      ...result.details,
      edges: result.details.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      declared: result.details.declared.filter((d) => keep.has(d.before) && keep.has(d.after)),
    },
  };
}
