/**
 * What each function may acquire through its calls (docs/annotations.md#call-effects): the
 * (lock, kind) keys as sorted sets over the call graph, closed once per strongly connected
 * component and shared between the nodes that have the same set, and a shortest call chain from a
 * function down to an acquisition, as evidence.
 *
 * Owns: the keys, the call graph with its dispatch nodes and its reverse, carried from one
 * closure to the next of the same model; after an edit, recomputing only the sets of the nodes
 * that reach an edited function, and telling which nodes' sets or contracts changed.
 * Must not: look at syntax, create edges or report diagnostics (contributions.ts and the lock
 * graph do). No recursive walks.
 */
import { stronglyConnectedComponents } from "../graph";
import type { CallEvent, FunctionBody, FunctionInfo, Site } from "../model";
import { keyOf, kindOf } from "./acquireKeys";
import { heldThroughSets, lastsEntryHold, sameHeldThrough, type HeldThroughSets } from "./releases";

export { kindOf, kindOfKey, lockOfKey, type AcquireKind } from "./acquireKeys";

/** One step of a call chain: `fn` calls the next step's function at `site`, or acquires there. */
export interface ChainLink {
  readonly fn: number;
  readonly site: Site;
}

/** Why a node is dirty after an edit (see updateMayAcquire): its contract, its may-acquire set. */
export const CONTRACT = 1;
export const SET = 2;

/**
 * What an update of the closure tells the edge contributions: the edited functions, the functions
 * whose contributions must be computed again, and per node whether its contract or set changed
 * (CONTRACT | SET).
 */
export interface ClosureUpdate {
  readonly changed: readonly number[];
  readonly affected: readonly number[];
  readonly dirty: Uint8Array;
}

/** An edit, for a closure built from the previous one: the functions whose bodies were replaced. */
export interface ClosureEdit {
  readonly previous: MayAcquire;
  readonly changed: readonly number[];
}

interface DirectKey {
  readonly key: number;
  readonly site: Site;
}

const NO_KEYS: readonly DirectKey[] = [];
const NO_SET: readonly number[] = [];

function sameKeys(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/**
 * What a closure hands to the next closure of the same model (edited): the reverse call graph and
 * the dispatch nodes. Moved, not shared: the next closure updates them in place.
 */
interface Carried {
  readonly callers: number[][];
  readonly dispatchNodes: Map<readonly number[], number>;
}

export class MayAcquire {
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
  /**
   * Per node, every key it may acquire, sorted. Sets are shared: a node whose set equals one of its
   * successors' holds that very array (most callers add nothing to what their callees take), so
   * memory follows the distinct sets, not functions × locks (a dense bitset was 260 MB at 10,000
   * files). Never mutated once stored.
   */
  private readonly sets: (readonly number[])[];
  /** The width of the bitsets of releases.ts (which are few). */
  readonly words: number;
  private readonly keyCount: number;
  /** What the functions that release a lock held at their entry acquire while it is held (releases.ts). */
  private heldThrough: HeldThroughSets = new Map();
  private carried: Carried | undefined;
  /** Set when the closure was updated from the previous one rather than built afresh. */
  readonly update: ClosureUpdate | undefined;

  /**
   * The closure of a model; with `edit`, from the previous closure of the same model: only the
   * functions that reach a changed one (through calls) can acquire something new. The sets are
   * the same as a full build's.
   */
  constructor(
    private readonly functions: readonly FunctionInfo[],
    private readonly bodies: readonly FunctionBody[],
    lockCount: number,
    edit?: ClosureEdit,
  ) {
    this.keyCount = lockCount * 4;
    this.words = Math.ceil(this.keyCount / 32) || 1;
    const previous = edit?.previous;
    const carried = previous?.carried;
    // Dispatch nodes are never dropped by an update; a full build now and then drops those no call
    // uses any more, so a long editing session does not grow them without bound.
    const overgrown = previous !== undefined && previous.callees.length > 2 * bodies.length;
    if (edit && previous && carried && !overgrown && previous.bodies.length === bodies.length && previous.words === this.words) {
      previous.carried = undefined;
      this.direct = previous.direct.slice();
      this.callees = previous.callees.slice();
      this.carried = carried;
      for (const f of edit.changed) {
        this.direct[f] = directKeys(bodies[f]);
        this.setCallees(f, this.calleeNodes(f));
      }
      this.sets = previous.sets.slice();
      for (let v = this.sets.length; v < this.callees.length; v++) this.sets.push(NO_SET);
      // Dispatch nodes the edit created have no sets yet: they are computed like changed functions.
      const created = Array.from({ length: this.callees.length - previous.callees.length }, (_, i) => previous.callees.length + i);
      this.update = this.updateMayAcquire(edit.changed, created, previous);
    } else {
      this.direct = bodies.map(directKeys);
      this.carried = { callers: [], dispatchNodes: new Map() };
      this.callees = [];
      for (let f = 0; f < bodies.length; f++) this.callees[f] = [];
      for (let f = 0; f < bodies.length; f++) this.setCallees(f, this.calleeNodes(f));
      this.sets = this.computeMayAcquire();
      this.heldThrough = heldThroughSets(this.functions, bodies, this.carried.callers, this);
    }
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

  /** The node a call leads to: its one candidate, or the dispatch node of its candidate list. */
  nodeOf(event: CallEvent): number {
    return event.callees.length === 1 ? event.callees[0] : this.dispatchNode(event.callees);
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
   * sinks first. Linear in the call graph times the sets' sizes.
   */
  private computeMayAcquire(): (readonly number[])[] {
    const nodes = this.callees.length;
    const sets: (readonly number[])[] = new Array(nodes).fill(NO_SET);
    const all = new Int32Array(nodes);
    for (let v = 0; v < nodes; v++) all[v] = v;
    this.unionOverComponents(all, sets);
    return sets;
  }

  /**
   * Recomputes the sets of the nodes that reach a changed function or a new dispatch node (the
   * others' cannot change). Returns the functions whose contributions must be computed again (the
   * callers of a node whose set or contract changed, and the changed functions), and which nodes
   * those are: a call to a node that is not dirty adds what it added before.
   */
  private updateMayAcquire(changed: readonly number[], created: readonly number[], previous: MayAcquire): ClosureUpdate {
    const n = this.bodies.length;
    const { callers } = this.carried!;
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
    for (const v of queue) this.sets[v] = NO_SET;
    this.unionOverComponents(Int32Array.from(queue), this.sets);
    this.heldThrough = heldThroughSets(this.functions, this.bodies, callers, this);

    // Dirty: CONTRACT for a changed function (its contract may have changed), a dispatch node with
    // one among its candidates, and a new dispatch node; SET for a node whose set changed.
    const dirty = new Uint8Array(this.callees.length);
    for (const f of changed) {
      dirty[f] = CONTRACT;
      for (const g of callers[f] ?? []) if (g >= n) dirty[g] = CONTRACT;
    }
    for (const v of created) dirty[v] = CONTRACT;
    const old = previous.sets;
    for (const v of queue) {
      let same = v < old.length && sameKeys(this.sets[v], old[v]);
      // What a releasing function acquires before its release is part of its set for its callers.
      if (v < n) same &&= sameHeldThrough(this.heldThrough, previous.heldThrough, v);
      if (!same) dirty[v] |= SET;
    }
    // A dispatch node's calls see its candidates' sets before their releases too.
    for (const v of queue) {
      if (v >= n || (dirty[v] & SET) === 0 || (!this.heldThrough.has(v) && !previous.heldThrough.has(v))) continue;
      for (const g of callers[v] ?? []) if (g >= n) dirty[g] |= SET;
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
    return { changed, affected: affected.sort((a, b) => a - b), dirty };
  }

  /**
   * Sets the set of each of `nodes` (a set closed under callers: every node outside it that one of
   * them calls has its set already; theirs are empty) to the union over its strongly connected
   * component.
   */
  private unionOverComponents(nodes: Int32Array, sets: (readonly number[])[]): void {
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
    const seen = new Uint8Array(this.keyCount);
    const union: number[] = [];
    const add = (key: number) => {
      if (seen[key]) return;
      seen[key] = 1;
      union.push(key);
    };
    // Components whose successors' sets are large and the same as another's (every device that
    // calls the same dispatched ops) have the same union: it is computed once, and shared.
    const unions = new SharedUnions();
    // Tarjan numbers components sinks first, so every successor outside a component is done first.
    for (let c = 0; c < count; c++) {
      const shared = unions.keyOf(members.subarray(start[c], start[c + 1]), this.direct, this.callees, sets);
      let result = shared === undefined ? undefined : unions.found(shared);
      if (result === undefined) {
        // The union contains every successor's set: when it is no larger than the largest, it is that set.
        let largest = NO_SET;
        for (let m = start[c]; m < start[c + 1]; m++) {
          const v = members[m];
          if (v < this.direct.length) for (const d of this.direct[v]) add(d.key);
          for (const g of this.callees[v]) {
            const set = sets[g];
            if (set === largest) continue;
            if (set.length > largest.length) largest = set;
            for (const key of set) add(key);
          }
        }
        result = union.length === largest.length ? largest : union.slice().sort((a, b) => a - b);
        for (const key of union) seen[key] = 0;
        union.length = 0;
        if (shared !== undefined) unions.keep(shared, result);
      }
      for (let m = start[c]; m < start[c + 1]; m++) sets[members[m]] = result;
    }
  }

  /** A function's may-acquire set as a bitset of `words` words (releases.ts: for the few functions that may release a held lock). */
  mayAcquireBits(f: number): Uint32Array {
    const bits = new Uint32Array(this.words);
    for (const key of this.sets[f]) bits[key >> 5] |= 1 << (key & 31);
    return bits;
  }

  /**
   * The keys a function may acquire while a lock its caller holds at the call is still held: all
   * of its set, unless it may release that lock (releases.ts). Undefined for "all of its set".
   */
  heldThroughBits(f: number, lock: number): Uint32Array | undefined {
    return this.heldThrough.get(f)?.get(lock);
  }

  /** Whether a function may release a lock its caller holds (it has sets of releases.ts). */
  mayReleaseHeld(f: number): boolean {
    return this.heldThrough.has(f);
  }

  /** Whether a function may acquire a (lock, kind) key. */
  mayAcquireKey(f: number, key: number): boolean {
    const set = this.sets[f];
    let lo = 0;
    let hi = set.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (set[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < set.length && set[lo] === key;
  }

  /** Every (lock, kind) key a function may acquire, ascending (shared: not to be changed). */
  mayAcquireKeys(f: number): readonly number[] {
    return this.sets[f];
  }

  acquiresDirectly(f: number, key: number): boolean {
    return this.direct[f].some((d) => d.key === key);
  }

  /**
   * One shortest call chain from a function to an acquisition of a key: each link is a function
   * and where it calls the next (the last: where it acquires). Breadth-first over the functions
   * that may acquire the key; computed on demand, for reports and hovers. With `holding` (a lock
   * the caller holds that the function may release), only through what happens while that hold
   * lasts (releases.ts).
   */
  chain(f: number, key: number, holding?: number): readonly ChainLink[] {
    // Many sites reach a lock through the same callee (every caller of a hub): one search each.
    const memoKey = `${f}:${key}:${holding ?? ""}`;
    let links = this.chains.get(memoKey);
    if (!links) this.chains.set(memoKey, (links = this.searchChain(f, key, holding)));
    return links;
  }

  private readonly chains = new Map<string, readonly ChainLink[]>();

  /**
   * The search behind `chain`. A state is a function, and whether the caller's hold of `holding`
   * must last through it (a function that may release it): state = function * 2 + that.
   */
  private searchChain(f: number, key: number, holding: number | undefined): ChainLink[] {
    const restricted = (g: number) => holding !== undefined && this.heldThroughBits(g, holding) !== undefined;
    const reaches = (g: number) => {
      const bits = holding !== undefined ? this.heldThroughBits(g, holding) : undefined;
      return bits ? (bits[key >> 5] & (1 << (key & 31))) !== 0 : this.mayAcquireKey(g, key);
    };
    const first = f * 2 + (restricted(f) ? 1 : 0);
    const parent = new Map<number, { from: number; site: Site } | null>([[first, null]]);
    const queue = [first];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const g = state >> 1;
      const lasts = state & 1 ? lastsEntryHold(this.functions[g], holding!) : undefined;
      const site = lasts
        ? this.bodies[g].acquisitions.find((a) => keyOf(a.use.lock, kindOf(a.use, a.how)) === key && lasts(a.held))?.use.site
        : this.direct[g].find((d) => d.key === key)?.site;
      if (site) {
        const links: ChainLink[] = [{ fn: g, site }];
        for (let p = parent.get(state); p; p = parent.get(p.from)) links.unshift({ fn: p.from >> 1, site: p.site });
        return links;
      }
      for (const c of this.bodies[g].calls) {
        if (lasts && !lasts(c.held)) continue;
        for (const callee of c.callees) {
          const next = callee * 2 + (lasts && restricted(callee) ? 1 : 0);
          if (parent.has(next) || !(lasts ? reaches(callee) : this.mayAcquireKey(callee, key))) continue;
          parent.set(next, { from: state, site: c.site });
          queue.push(next);
        }
      }
    }
    return [];
  }
}

/**
 * Unions shared by the components that would compute the same one (unionOverComponents): keyed by
 * their members' direct keys and the identities of their successors' sets, for components whose
 * successors' sets hold more keys than a key costs to make.
 */
class SharedUnions {
  private readonly setIds = new Map<readonly number[], number>();
  private readonly unions = new Map<string, readonly number[]>();

  /** The key of a component's union, or undefined when computing it is cheaper than a key. */
  keyOf(members: Int32Array, direct: readonly (readonly { key: number }[])[], callees: readonly (readonly number[])[], sets: readonly (readonly number[])[]): string | undefined {
    let work = 0;
    for (const v of members) for (const g of callees[v]) work += sets[g].length;
    if (work < SHARED_UNION_WORK) return undefined;
    const ids: number[] = [];
    const keys: number[] = [];
    for (const v of members) {
      if (v < direct.length) for (const d of direct[v]) keys.push(d.key);
      for (const g of callees[v]) {
        const set = sets[g];
        if (set.length === 0) continue;
        let id = this.setIds.get(set);
        if (id === undefined) this.setIds.set(set, (id = this.setIds.size));
        ids.push(id);
      }
    }
    return `${[...new Set(ids)].sort((a, b) => a - b).join(",")}|${[...new Set(keys)].sort((a, b) => a - b).join(",")}`;
  }

  found(key: string): readonly number[] | undefined {
    return this.unions.get(key);
  }

  keep(key: string, union: readonly number[]): void {
    this.unions.set(key, union);
  }
}

/** The successors' keys past which a component's union is looked up rather than computed (SharedUnions). */
const SHARED_UNION_WORK = 256;
