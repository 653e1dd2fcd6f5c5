/**
 * The whole-program lock graph (docs/annotations.md#the-analysis): what each function may acquire through its
 * calls, the typed edges with their sites and call chains, the possible deadlocks, the declared
 * order and the global order.
 *
 * Owns: combining the per-function events of flow.ts into edges, and the graph diagnostics
 * (lock-order-inversion, recursive-lock and sleep-in-atomic through calls, requires-not-held and
 * excluded-held, declared-order-violation, declared-order-cycle); after an edit, building all of
 * it from the previous graph, redoing only what the edited functions can change.
 * Must not: look at syntax; it sees functions, events and locks only. No recursive walks.
 */
import { cycleChain, DiagnosticSink, listedCycleEdges, messages } from "./diagnostics";
import { prioritisedTopologicalOrder, shortestPath, StrongCycleFinder, stronglyConnectedComponents, type TypedEdge } from "./graph";
import type { LockTable } from "./locks";
import { compareOrdinal } from "./ordinal";
import { heldInMode, isSpinning, type AcquireMode, type CallEvent, type Diagnostic, type FunctionBody, type FunctionInfo, type HoldMode, type RelatedInfo, type Site } from "./model";

/**
 * How a function comes to acquire a lock: N exclusively, r by a non-recursive read (N for the
 * strong-cycle rule, but lockdep prints it as a read), R by a recursive read, T by trylock.
 */
export type AcquireKind = "N" | "r" | "R" | "T";
const KINDS: readonly AcquireKind[] = ["N", "r", "R", "T"];

function kindOf(use: { mode: HoldMode; acquire: AcquireMode }, how: "block" | "try"): AcquireKind {
  if (how === "try") return "T";
  return use.acquire === "R" ? "R" : use.mode === "S" ? "r" : "N";
}

/** A (lock, kind) pair as one number: lock * 4 + kind. */
const keyOf = (lock: number, kind: AcquireKind) => lock * 4 + KINDS.indexOf(kind);
export const lockOfKey = (key: number) => key >> 2;
export const kindOfKey = (key: number): AcquireKind => KINDS[key & 3];

/** One step of a call chain: `fn` calls the next step's function at `site`, or acquires there. */
export interface ChainLink {
  readonly fn: number;
  readonly site: Site;
}

export interface EdgeSite {
  readonly fn: number;
  readonly site: Site;
  /** When the lock is acquired through a call: the callee and the (lock, kind) key. */
  readonly via?: { callee: number; key: number };
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


const NOTHING: ReadonlySet<number> = new Set();
const NO_KEYS: readonly DirectKey[] = [];
const NO_CALL_CONTRIBUTION: CallContribution = { edges: [], diagnostics: [] };
/** Most functions add nothing: they share one empty contribution (no calls listed), which assembly skips. */
const NO_CONTRIBUTION: Contribution = { acquisitions: [], calls: [] };

function contribution(acquisitions: readonly EdgeContribution[], calls: readonly CallContribution[]): Contribution {
  return acquisitions.length === 0 && calls.every((c) => c === NO_CALL_CONTRIBUTION) ? NO_CONTRIBUTION : { acquisitions, calls };
}

/** Why a node is dirty after an edit (see updateMayAcquire): its contract, its may-acquire set. */
const CONTRACT = 1;
const SET = 2;

interface DirectKey {
  readonly key: number;
  readonly site: Site;
}

/** The (lock, kind) keys a body acquires directly, each with its first site. */
function directKeys(body: FunctionBody): readonly DirectKey[] {
  if (body.acquisitions.length === 0) return NO_KEYS;
  const keys: DirectKey[] = [];
  for (const a of body.acquisitions) {
    const key = keyOf(a.use.lock, kindOf(a.use, a.how));
    if (!keys.some((d) => d.key === key)) keys.push({ key, site: a.use.site });
  }
  return keys;
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

/**
 * What a graph hands to the next graph of the same model (edited): the reverse call graph and
 * the dispatch nodes. Moved, not shared: the next graph updates them in place.
 */
interface Carried {
  readonly callers: number[][];
  readonly dispatchNodes: Map<readonly number[], number>;
}

/** An edit, for a graph built from the previous one: the functions whose bodies were replaced. */
export interface GraphEdit {
  readonly previous: LockGraph;
  /** Ids of the functions whose info and body changed (the numbering is otherwise the same). */
  readonly changed: readonly number[];
}

export class LockGraph {
  /** Per function, the (lock, kind) keys it acquires directly, each with its first site. */
  private readonly direct: (readonly DirectKey[])[];
  /**
   * The call graph for may-acquire: per node, its distinct successors. Nodes 0..n-1 are the
   * functions; each distinct candidate list of a dispatched call (shared by every call with the
   * same target, see DispatchLinker) is one more node whose successors are the candidates.
   * Without those nodes, k callers of an interface method implemented k times (or of an ops table
   * every driver fills) would make k² edges; with them, 2k.
   */
  private readonly callees: number[][];
  /** Per node, the bitset (`words` words at node * words) of every key it may acquire. */
  private readonly mayBits: Uint32Array;
  private readonly words: number;
  /** Per function, its edge sites and call diagnostics, in the order a walk of its body finds them. */
  private readonly contributions: Contribution[];
  private carried: Carried | undefined;
  /** By a number made of (from, to, holder, acquirer kind): see addEdge. */
  readonly edges = new Map<number, Edge>();
  readonly inversions: Inversion[] = [];
  /** The global order: components in order, locks on a cycle sharing one. */
  readonly order: number[][];
  readonly rank: Int32Array;
  /** For each lock, the locks declared (transitively) to be acquired after it. */
  readonly declaredAfter: Set<number>[];
  /** How many functions' contributions were looked at again (all, or those an edit can change). */
  readonly recomputed: number;

  /**
   * Builds the graph of a model; with `edit`, from the previous graph of the same model: only the
   * functions that reach a changed one (through calls) can acquire something new, and only they
   * and the changed ones contribute different edges. The result is the same as a full build.
   */
  constructor(
    private readonly functions: readonly FunctionInfo[],
    private readonly bodies: readonly FunctionBody[],
    private readonly locks: LockTable,
    private readonly sink: DiagnosticSink,
    edit?: GraphEdit,
  ) {
    this.words = Math.ceil((locks.locks.length * 4) / 32) || 1;
    const previous = edit?.previous;
    const carried = previous?.carried;
    // Dispatch nodes are never dropped by an update; a full build now and then drops those no call
    // uses any more, so a long editing session does not grow them without bound.
    const overgrown = previous !== undefined && previous.callees.length > 2 * functions.length;
    if (edit && previous && carried && !overgrown && previous.functions.length === functions.length && previous.words === this.words) {
      previous.carried = undefined;
      this.direct = previous.direct.slice();
      this.callees = previous.callees.slice();
      this.carried = carried;
      for (const f of edit.changed) {
        this.direct[f] = directKeys(bodies[f]);
        this.setCallees(f, this.calleeNodes(f));
      }
      this.mayBits = new Uint32Array(this.callees.length * this.words);
      this.mayBits.set(previous.mayBits);
      // Dispatch nodes the edit created have no sets yet: they are computed like changed functions.
      const created = Array.from({ length: this.callees.length - previous.callees.length }, (_, i) => previous.callees.length + i);
      const { affected, dirty } = this.updateMayAcquire(edit.changed, created, previous);
      this.contributions = previous.contributions.slice();
      const changed = new Uint8Array(bodies.length);
      for (const f of edit.changed) changed[f] = 1;
      // An unchanged body keeps the contributions of its calls to nodes whose sets and contracts did not change.
      for (const f of affected) this.contributions[f] = this.contributionOf(f, changed[f] ? undefined : { before: previous.contributions[f], dirty });
      this.recomputed = affected.length;
    } else {
      this.direct = bodies.map(directKeys);
      this.carried = { callers: [], dispatchNodes: new Map() };
      this.callees = [];
      for (let f = 0; f < bodies.length; f++) this.callees[f] = [];
      for (let f = 0; f < bodies.length; f++) this.setCallees(f, this.calleeNodes(f));
      this.mayBits = this.computeMayAcquire();
      this.contributions = bodies.map((_, f) => this.contributionOf(f));
      this.recomputed = bodies.length;
    }
    // Assembled in function order, so that edges, their sites and diagnostics come out in the
    // same order however the contributions were obtained.
    for (const c of this.contributions) {
      if (c === NO_CONTRIBUTION) continue;
      for (const e of c.acquisitions) this.addEdge(e);
      for (const call of c.calls) {
        for (const e of call.edges) this.addEdge(e);
        if (call.diagnostics.length > 0) this.sink.addAll(call.diagnostics);
      }
    }
    this.findInversions();
    this.declaredAfter = this.checkDeclaredOrder();
    this.checkEdgesAgainstDeclaredOrder(this.declaredAfter);
    this.order = this.computeOrder();
    this.rank = new Int32Array(locks.locks.length);
    this.order.forEach((component, i) => component.forEach((l) => (this.rank[l] = i + 1)));
  }

  /** A function's distinct successor nodes: its callees, or the dispatch node of a candidate list. */
  private calleeNodes(f: number): number[] {
    const calls = this.bodies[f].calls;
    // Most bodies make a few calls; a long one (thousands) must not cost calls².
    if (calls.length > 16) return [...new Set(calls.map((c) => this.nodeOf(c)))];
    const list: number[] = [];
    for (const c of calls) {
      const g = this.nodeOf(c);
      if (!list.includes(g)) list.push(g);
    }
    return list;
  }

  private dispatchNode(candidates: readonly number[]): number {
    const { dispatchNodes } = this.carried!;
    let node = dispatchNodes.get(candidates);
    if (node === undefined) {
      dispatchNodes.set(candidates, (node = this.callees.length));
      this.callees.push([]);
      this.setCallees(node, [...candidates]);
    }
    return node;
  }

  /** Replaces a node's successors, keeping the reverse call graph in step. */
  private setCallees(node: number, next: number[]): void {
    const { callers } = this.carried!;
    for (const g of this.callees[node] ?? []) {
      const list = callers[g];
      const at = list.indexOf(node);
      if (at !== -1) list.splice(at, 1);
    }
    for (const g of next) (callers[g] ??= []).push(node);
    this.callees[node] = next;
  }

  /**
   * What each node may acquire: its direct keys and everything its successors may acquire,
   * computed once per strongly connected component of the call graph (recursion shares one set),
   * sinks first, as bitsets. Linear in the call graph times the bitset width.
   */
  private computeMayAcquire(): Uint32Array {
    const nodes = this.callees.length;
    const bits = new Uint32Array(nodes * this.words);
    const all = new Int32Array(nodes);
    for (let v = 0; v < nodes; v++) all[v] = v;
    this.unionOverComponents(all, bits);
    return bits;
  }

  /**
   * Recomputes the sets of the nodes that reach a changed function or a new dispatch node (the
   * others' cannot change). Returns the functions whose contributions must be computed again (the
   * callers of a node whose set or contract changed, and the changed functions), and which nodes
   * those are: a call to a node that is not dirty adds what it added before.
   */
  private updateMayAcquire(changed: readonly number[], created: readonly number[], previous: LockGraph): { affected: number[]; dirty: Uint8Array } {
    const n = this.bodies.length;
    const { callers } = this.carried!;
    const W = this.words;
    const reach = new Uint8Array(this.callees.length);
    const queue: number[] = [];
    for (const v of [...changed, ...created]) {
      if (reach[v]) continue;
      reach[v] = 1;
      queue.push(v);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const g of callers[queue[head]] ?? []) {
        if (reach[g]) continue;
        reach[g] = 1;
        queue.push(g);
      }
    }
    for (const v of queue) this.mayBits.fill(0, v * W, (v + 1) * W);
    this.unionOverComponents(Int32Array.from(queue), this.mayBits);

    // Dirty: CONTRACT for a changed function (its contract may have changed), a dispatch node with
    // one among its candidates, and a new dispatch node; SET for a node whose set changed.
    const dirty = new Uint8Array(this.callees.length);
    for (const f of changed) {
      dirty[f] = CONTRACT;
      for (const g of callers[f] ?? []) if (g >= n) dirty[g] = CONTRACT;
    }
    for (const v of created) dirty[v] = CONTRACT;
    const old = previous.mayBits;
    for (const v of queue) {
      let same = (v + 1) * W <= old.length;
      for (let w = 0; same && w < W; w++) same = this.mayBits[v * W + w] === old[v * W + w];
      if (!same) dirty[v] |= SET;
    }
    const recompute = new Uint8Array(n);
    const affected: number[] = [];
    const mark = (f: number) => {
      if (recompute[f]) return;
      recompute[f] = 1;
      affected.push(f);
    };
    for (const f of changed) mark(f);
    for (const v of queue) {
      if (!dirty[v]) continue;
      for (const g of callers[v] ?? []) {
        if (g < n) mark(g);
        else for (const h of callers[g] ?? []) mark(h);
      }
    }
    return { affected: affected.sort((a, b) => a - b), dirty };
  }

  /**
   * Sets `bits` of each of `nodes` (a set closed under callers: every node outside it that one of
   * them calls has its bits already) to the union over its strongly connected component.
   */
  private unionOverComponents(nodes: Int32Array, bits: Uint32Array): void {
    const W = this.words;
    const local = new Int32Array(this.callees.length).fill(-1);
    nodes.forEach((v, i) => (local[v] = i));
    const successors = (i: number) => {
      const out: number[] = [];
      for (const g of this.callees[nodes[i]]) if (local[g] !== -1) out.push(local[g]);
      return out;
    };
    const { component, count } = stronglyConnectedComponents(nodes.length, successors);
    // Members of each component, as ranges of one array (counting sort by component).
    const start = new Int32Array(count + 1);
    for (let i = 0; i < nodes.length; i++) start[component[i] + 1]++;
    for (let c = 0; c < count; c++) start[c + 1] += start[c];
    const members = new Int32Array(nodes.length);
    const fill = start.slice(0, count);
    for (let i = 0; i < nodes.length; i++) members[fill[component[i]]++] = nodes[i];
    const union = new Uint32Array(W);
    // Tarjan numbers components sinks first, so every successor outside a component is done first.
    for (let c = 0; c < count; c++) {
      union.fill(0);
      for (let m = start[c]; m < start[c + 1]; m++) {
        const v = members[m];
        if (v < this.direct.length) for (const d of this.direct[v]) union[d.key >> 5] |= 1 << (d.key & 31);
        for (const g of this.callees[v]) {
          const other = g * W;
          for (let w = 0; w < W; w++) union[w] |= bits[other + w];
        }
      }
      for (let m = start[c]; m < start[c + 1]; m++) bits.set(union, members[m] * W);
    }
  }

  /** Whether a function may acquire a (lock, kind) key. */
  mayAcquireKey(f: number, key: number): boolean {
    return (this.mayBits[f * this.words + (key >> 5)] & (1 << (key & 31))) !== 0;
  }

  /** Every (lock, kind) key a function may acquire. */
  mayAcquireKeys(f: number): number[] {
    const out: number[] = [];
    const base = f * this.words;
    for (let w = 0; w < this.words; w++) {
      for (let word = this.mayBits[base + w]; word !== 0; word &= word - 1) out.push(w * 32 + (31 - Math.clz32(word & -word)));
    }
    return out;
  }

  acquiresDirectly(f: number, key: number): boolean {
    return this.direct[f].some((d) => d.key === key);
  }

  /**
   * One shortest call chain from a function to an acquisition of a key: each link is a function
   * and where it calls the next (the last: where it acquires). Breadth-first over the functions
   * that may acquire the key; computed on demand, for reports and hovers.
   */
  chain(f: number, key: number): readonly ChainLink[] {
    // Many sites reach a lock through the same callee (every caller of a hub): one search each.
    const memoKey = f * this.words * 32 + key;
    let links = this.chains.get(memoKey);
    if (!links) this.chains.set(memoKey, (links = this.searchChain(f, key)));
    return links;
  }

  private readonly chains = new Map<number, readonly ChainLink[]>();

  private searchChain(f: number, key: number): ChainLink[] {
    const parent = new Map<number, { from: number; site: Site } | null>([[f, null]]);
    const queue = [f];
    for (let head = 0; head < queue.length; head++) {
      const g = queue[head];
      const site = this.direct[g].find((d) => d.key === key)?.site;
      if (site) {
        const links: ChainLink[] = [{ fn: g, site }];
        for (let p = parent.get(g); p; p = parent.get(p.from)) links.unshift({ fn: p.from, site: p.site });
        return links;
      }
      for (const c of this.bodies[g].calls) {
        for (const callee of c.callees) {
          if (parent.has(callee) || !this.mayAcquireKey(callee, key)) continue;
          parent.set(callee, { from: g, site: c.site });
          queue.push(callee);
        }
      }
    }
    return [];
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
    const stale = (event: CallEvent) => (reuse.dirty[this.nodeOf(event)] & (event.held.length > 0 ? CONTRACT | SET : CONTRACT)) !== 0;
    if (!calls.some(stale)) return reuse.before;
    return contribution(acquired, calls.map((event, i) => (stale(event) ? this.callContribution(f, event) : (reuse.before.calls[i] ?? NO_CALL_CONTRIBUTION))));
  }

  /** The node a call leads to: its one candidate, or the dispatch node of its candidate list. */
  private nodeOf(event: CallEvent): number {
    return event.callees.length === 1 ? event.callees[0] : this.dispatchNode(event.callees);
  }

  private callContribution(f: number, event: CallEvent): CallContribution {
    const edges: EdgeContribution[] = [];
    let diagnostics: DiagnosticSink | undefined;
    const report = () => (diagnostics ??= new DiagnosticSink());
    this.checkContracts(event, report);
    if (event.held.length > 0) this.callEdges(f, event, edges, report);
    return edges.length === 0 && !diagnostics ? NO_CALL_CONTRIBUTION : { edges, diagnostics: diagnostics?.all() ?? [] };
  }

  /** Whether a candidate list has a function with @requires or @excludes (lists are shared by calls). */
  private readonly contracted = new Map<readonly number[], boolean>();

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
        if (!heldInMode(held?.mode, req.mode)) {
          report().add("requires-not-held", event.site, messages.requiresNotHeld(callee.name, this.locks.byId(req.lock), req.mode === "E"), [
            { site: req.site, message: messages.requiredHere(callee.name) },
          ]);
        }
      }
      for (const ex of callee.annotations.excludes) {
        const held = event.held.find((e) => e.lock === ex.lock);
        if (held) report().add("excluded-held", event.site, messages.excludedHeld(callee.name, this.locks.byId(ex.lock)), [{ site: held.site, message: messages.acquiredHere() }]);
      }
    }
  }

  /** A call made with locks held (without, it creates no edge and cannot recurse). */
  private callEdges(f: number, event: CallEvent, edges: EdgeContribution[], report: () => DiagnosticSink): void {
    const recursive = new Set<number>();
    let sleepReported = false;
    for (const callee of event.callees) {
      const requires = this.functions[callee].annotations.requires;
      const required = requires.length === 0 ? NOTHING : new Set(requires.map((u) => u.lock));
      for (const key of this.mayAcquireKeys(callee)) {
        const lock = lockOfKey(key);
        const kind = kindOfKey(key);
        const acquired = this.locks.byId(lock);
        for (const h of event.held) {
          if (required.has(h.lock)) continue;
          if (h.lock === lock) {
            if (kind === "R" && h.mode === "S") continue;
            if (recursive.has(lock)) continue;
            recursive.add(lock);
            report().add("recursive-lock", event.site, messages.recursive(acquired), [{ site: h.site, message: messages.firstAcquiredHere() }]);
            continue;
          }
          if (!sleepReported && !isSpinning(acquired.kind) && isSpinning(this.locks.byId(h.lock).kind)) {
            sleepReported = true;
            report().add("sleep-in-atomic", event.site, messages.sleepInAtomic(acquired, this.locks.byId(h.lock)), [{ site: h.site, message: messages.acquiredHere() }]);
          }
          if (kind !== "T") edges.push({ from: h.lock, to: lock, holder: h.mode, kind, fn: f, site: event.site, via: { callee, key } });
        }
      }
    }
  }

  /**
   * Records one site of an edge. Sites arrive function by function, so a repeat of a site (the
   * candidates of one dispatched call acquiring the same lock, or a loop walked twice) can only be
   * among the last sites, those of the same function.
   */
  private addEdge(site: EdgeContribution): void {
    const { from, to, holder, kind } = site;
    const key = ((from * this.locks.locks.length + to) * 2 + (holder === "S" ? 1 : 0)) * 3 + (kind === "N" ? 0 : kind === "r" ? 1 : 2);
    let edge = this.edges.get(key);
    if (!edge) this.edges.set(key, (edge = { from, to, holder, acquirer: kind === "R" ? "R" : "N", read: kind !== "N", sites: [] }));
    const sites = edge.sites;
    for (let i = sites.length - 1; i >= 0 && sites[i].fn === site.fn; i--) {
      const s = sites[i].site;
      if (s.sf === site.site.sf && s.start === site.site.start && s.end === site.site.end) return;
    }
    sites.push(site);
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
    // An edge's sites share its cycle: the message and related information are worded once.
    const worded = new Map<Edge, { message: string; related: RelatedInfo[] }>();
    for (const { edge, site, cycle } of bySite.values()) {
      let words = worded.get(edge);
      if (!words) worded.set(edge, (words = this.inversionWords(edge, cycle)));
      this.sink.add(
        "lock-order-inversion",
        site.site,
        words.message,
        words.related,
        undefined,
        site.via ? this.flowOf(site.fn, site.site, site.via.callee, site.via.key) : undefined,
      );
    }
  }

  /**
   * An inversion's message, and one site of each other edge of its cycle; on a long cycle, of the
   * edges that listedCycleEdges picks, then how many more there are (the JSON output's cycles list
   * has them all), so that each diagnostic's size stays bounded.
   */
  private inversionWords(edge: Edge, cycle: number[]): { message: string; related: RelatedInfo[] } {
    const n = cycle.length;
    const locks = cycle.map((l) => this.locks.byId(l));
    // Edge i is cycle[i] → cycle[i + 1]; the others than the diagnostic's own are 1 to n - 1.
    const siteOf = (i: number) => this.firstSiteOf(cycle[i], cycle[(i + 1) % n]);
    const other = (i: number): RelatedInfo => {
      const found = siteOf(i);
      return {
        site: found?.site.site ?? locks[0].decl,
        message: messages.cycleEdge(locks[i], locks[(i + 1) % n], found && this.functions[found.site.fn].name),
      };
    };
    const { indices, omitted } = listedCycleEdges(n - 1);
    const related = indices.map((k) => other(k + 1));
    if (omitted) related.push({ site: siteOf(omitted.first + 1)?.site.site ?? locks[0].decl, message: omitted.note });
    return { message: messages.inversion(this.locks.byId(edge.from), this.locks.byId(edge.to), locks[n - 1], locks), related };
  }

  /** The steps from a call site down to the acquisition it leads to, worded for reports. */
  private flowOf(fn: number, site: Site, callee: number, key: number): RelatedInfo[] {
    const links = [{ fn, site }, ...this.chain(callee, key)];
    const lock = this.locks.byId(lockOfKey(key)).name;
    return links.map((l, i) => ({
      site: l.site,
      message: i === links.length - 1 ? messages.chainAcquires(this.functions[l.fn].name, lock) : messages.chainCalls(this.functions[l.fn].name, this.functions[links[i + 1].fn].name),
    }));
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

  /** An observed edge A → B where B is declared before A (docs/annotations.md#declared-order). */
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
    const texts = new Map([...seen.values()].map((c) => [c, cycleChain(c.map((l) => this.locks.byId(l).name), undefined, Infinity)]));
    return [...seen.values()].sort((a, b) => compareOrdinal(texts.get(a)!, texts.get(b)!));
  }
}
