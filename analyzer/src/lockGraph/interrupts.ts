/**
 * Lockdep's interrupt-safety rules over the whole program (docs/annotations.md#interrupt-contexts):
 * the states each function is entered in, propagated from the interrupt entries and the functions
 * nothing calls through every call; each lock class's usage (lockdep's IN-/-ON bits, reads apart)
 * with where each was first seen; irq-inconsistent-usage at each unsafe site of a lock that is also
 * safe; irq-lock-inversion at each site of an edge on a strong path from a safe to an unsafe lock.
 *
 * Owns: those states, usages and diagnostics, and the evidence the reports and the editor show
 * (the call chain from the entry to a usage).
 * Must not: look at syntax or create edges. No recursive walks: every search is breadth-first over
 * (function, entry state) or (lock, last edge read) pairs, so the cost is linear in the calls,
 * acquisitions and edges, times the few entry states a function has (at most ENTRY_STATES).
 */
import { messages, type DiagnosticSink } from "../diagnostics";
import {
  acquisitionUsages,
  conflictsWith,
  enablingUsages,
  ENTRY_STATES,
  handlerEntry,
  isEnabledUsage,
  PROCESS_ENABLED,
  resolve,
  usageBit,
  usageIrq,
  usageName,
  USAGES,
  type EntryState,
  type Usage,
} from "../irqState";
import type { LockTable } from "../locks";
import type { FunctionBody, FunctionInfo, IrqKind, LockClass, RelatedInfo, Site } from "../model";
import type { Edge } from "./contributions";

/** Where a usage was seen: a site of a function entered in a state. */
export interface UsageOrigin {
  readonly fn: number;
  readonly state: EntryState;
  readonly site: Site;
  /** The site turns interrupts on while the lock is held (rather than acquiring it). */
  readonly enabling: boolean;
}

/** One step of the way from an entry to a function: `fn` calls the next at `site`. */
export interface EntryStep {
  readonly fn: number;
  readonly site: Site;
}

/** A usage site of one lock: which bits it marks. */
interface UsageSite extends UsageOrigin {
  readonly lock: number;
  readonly bits: number;
}

const IRQS: readonly IrqKind[] = ["hardirq", "softirq"];

/** Entry-state masks: every state, and those of an interrupt context (EntryState = context × 4 + …: contexts 1 and 2). */
const ALL_STATES = (1 << ENTRY_STATES) - 1;
const IN_INTERRUPT = ALL_STATES & ~0xf;

export class Interrupts {
  /** Whether the model has interrupt entries at all; without, no lock can be interrupt-safe. */
  readonly active: boolean;
  /** Per function, the entry states it is reached in (bit s: state s). */
  private readonly states: Uint16Array;
  /** Per (function, state): the caller and its state that first reached it, and the call's index in the caller's body. */
  private readonly predFn: Int32Array;
  private readonly predState: Uint8Array;
  private readonly predCall: Int32Array;
  /** Per lock, its usage bits. */
  readonly usage: Uint8Array;
  /** Per (lock, usage bit): where it was first seen. */
  private readonly first = new Map<number, UsageOrigin>();

  constructor(
    private readonly functions: readonly FunctionInfo[],
    private readonly bodies: readonly FunctionBody[],
    private readonly locks: LockTable,
    edges: ReadonlyMap<number, Edge>,
    sink: DiagnosticSink,
  ) {
    const n = functions.length;
    this.active = functions.some((f) => f.annotations.context !== undefined);
    this.states = new Uint16Array(this.active ? n : 0);
    this.predFn = new Int32Array(this.active ? n * ENTRY_STATES : 0).fill(-1);
    this.predState = new Uint8Array(this.active ? n * ENTRY_STATES : 0);
    this.predCall = new Int32Array(this.active ? n * ENTRY_STATES : 0);
    this.usage = new Uint8Array(locks.locks.length);
    if (!this.active) return;
    this.propagate();
    // A lock can be inconsistent only if it is interrupt-safe: the functions run in an interrupt
    // context (few) say which locks are; only their sites are kept in the pass over everything.
    const safe = new Uint8Array(locks.locks.length);
    this.forEachUsage((lock, bits) => {
      if (bits & 0x33) safe[lock] = 1;
    }, IN_INTERRUPT);
    const sites: UsageSite[] = [];
    this.forEachUsage((lock, bits, fn, state, site, enabling) => {
      if (safe[lock]) sites.push({ fn, state, site, enabling, lock, bits });
      const fresh = bits & ~this.usage[lock];
      if (fresh === 0) return;
      this.usage[lock] |= bits;
      const origin = { fn, state, site, enabling };
      for (let u = 0; u < USAGES; u++) if (fresh & (1 << u)) this.first.set(lock * USAGES + u, origin);
    });
    if (sites.length > 0) this.reportInconsistentUsage(sites, sink);
    for (const irq of IRQS) new SafeToUnsafe(this, irq, [...edges.values()], locks.locks.length).report(sink);
  }

  /** Where a lock's usage was first seen. */
  origin(lock: number, usage: Usage): UsageOrigin | undefined {
    return this.first.get(lock * USAGES + usage);
  }

  /** The calls from an entry (an interrupt handler, or a function nothing calls) down to `fn` entered in `state`. */
  pathTo(fn: number, state: EntryState): EntryStep[] {
    const steps: EntryStep[] = [];
    let f = fn;
    let s = state;
    // Each step goes to a state found earlier in the search: the walk ends, at most n × ENTRY_STATES steps.
    for (let guard = this.predFn.length; guard > 0; guard--) {
      const i = f * ENTRY_STATES + s;
      const caller = this.predFn[i];
      if (caller < 0) break;
      steps.push({ fn: caller, site: this.bodies[caller].calls[this.predCall[i]].site });
      s = this.predState[i];
      f = caller;
    }
    return steps.reverse();
  }

  /**
   * Breadth-first over (function, entry state): interrupt entries start in their context, every
   * other function nothing calls in process context with everything enabled, and each call passes
   * its resolved state to its candidates (an interrupt entry keeps its own). Functions left
   * unreached (only calling each other) start in process context too.
   */
  private propagate(): void {
    const { functions, bodies } = this;
    const called = new Uint8Array(functions.length);
    const lists = new Set<readonly number[]>();
    for (const b of bodies) for (const c of b.calls) lists.add(c.callees);
    for (const list of lists) for (const callee of list) called[callee] = 1;
    const queue: number[] = [];
    // A candidate list (shared by every call with the same dispatch target) passes each state to
    // its candidates once: k callers of an interface implemented k times cost k + k, not k².
    const passed = new Map<readonly number[], number>();
    const reach = (f: number, s: EntryState, fromFn = -1, fromState = 0, call = 0) => {
      if (this.states[f] & (1 << s)) return;
      this.states[f] |= 1 << s;
      if (fromFn >= 0) {
        const i = f * ENTRY_STATES + s;
        this.predFn[i] = fromFn;
        this.predState[i] = fromState;
        this.predCall[i] = call;
      }
      queue.push(f * ENTRY_STATES + s);
    };
    const drain = () => {
      for (let head = 0; head < queue.length; head++) {
        const f = (queue[head] / ENTRY_STATES) | 0;
        const s = queue[head] % ENTRY_STATES;
        const calls = bodies[f].calls;
        for (let c = 0; c < calls.length; c++) {
          const call = calls[c];
          const to = resolve(call.irq ?? 0, s);
          if (call.callees.length > 1) {
            const mask = passed.get(call.callees) ?? 0;
            if (mask & (1 << to)) continue;
            passed.set(call.callees, mask | (1 << to));
          }
          for (const callee of call.callees) {
            if (functions[callee].annotations.context === undefined) reach(callee, to, f, s, c);
          }
        }
      }
      queue.length = 0;
    };
    for (const f of functions) {
      const context = f.annotations.context;
      if (context) reach(f.id, handlerEntry(context));
      else if (!called[f.id] || !f.callable) reach(f.id, PROCESS_ENABLED);
    }
    drain();
    for (const f of functions) {
      if (this.states[f.id] === 0) {
        reach(f.id, PROCESS_ENABLED);
        drain();
      }
    }
  }

  /**
   * Every acquisition and enabling of every function in each of its entry states, with the usage
   * bits it marks (none: not called); with `states`, in those entry states only.
   */
  private forEachUsage(visit: (lock: number, bits: number, fn: number, state: EntryState, site: Site, enabling: boolean) => void, states = ALL_STATES): void {
    const usable = (lock: number) => this.locks.byId(lock).kind !== "completion";
    for (const f of this.functions) {
      const body = this.bodies[f.id];
      if (body.acquisitions.length === 0 && body.enables.length === 0) continue;
      for (let mask = this.states[f.id] & states; mask !== 0; mask &= mask - 1) {
        const state = 31 - Math.clz32(mask & -mask);
        for (const a of body.acquisitions) {
          if (a.wait || !usable(a.use.lock)) continue;
          const at = resolve(a.irq ?? 0, state);
          const bits = acquisitionUsages(at, a.use.mode === "S", a.how === "try");
          if (bits !== 0) visit(a.use.lock, bits, f.id, state, a.use.site, false);
        }
        for (const e of body.enables) {
          const from = resolve(e.from, state);
          const to = resolve(e.to, state);
          for (const h of e.held) {
            if (!usable(h.lock)) continue;
            const bits = enablingUsages(from, to, resolve(h.irq ?? 0, state), h.mode === "S");
            if (bits !== 0) visit(h.lock, bits, f.id, state, e.site, true);
          }
        }
      }
    }
  }

  /** irq-inconsistent-usage at each unsafe site of a lock with a conflicting safe usage: hardirq first, one per (site, lock). */
  private reportInconsistentUsage(sites: readonly UsageSite[], sink: DiagnosticSink): void {
    const reported = new Set<string>();
    for (const irq of IRQS) {
      for (const s of sites) {
        for (let u = 0; u < USAGES; u++) {
          if (!(s.bits & (1 << u)) || !isEnabledUsage(u) || usageIrq(u) !== irq) continue;
          const safe = this.conflictingSafeUsage(s.lock, u);
          if (safe === undefined) continue;
          const key = `${s.site.sf.fileName}:${s.site.start}:${s.site.end}:${s.lock}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const lock = this.locks.byId(s.lock);
          // The safe usage first seen, then this unsafe one with the calls that reach it (the text report reads them in this order).
          const related = [this.usageRelated(s.lock, safe), this.originRelated(s.lock, u, s)];
          sink.add(s.site, { code: "irq-inconsistent-usage", lock, irq, safe: usageName(safe), unsafe: usageName(u), enabling: s.enabling }, related);
        }
      }
    }
  }

  /** A safe usage of `lock` that an unsafe usage `u` conflicts with (a write one first). */
  private conflictingSafeUsage(lock: number, u: Usage): Usage | undefined {
    const conflicts = conflictsWith(u) & this.usage[lock];
    if (!conflicts) return undefined;
    const write = usageBit(usageIrq(u), false, false);
    return conflicts & (1 << write) ? write : write + 1;
  }

  /** Related information for where a usage was first seen, with the calls from its entry. */
  usageRelated(lock: number, u: Usage): RelatedInfo {
    return this.originRelated(lock, u, this.first.get(lock * USAGES + u)!);
  }

  /** A usage at an origin, in words, with the calls from its entry. */
  private originRelated(lock: number, u: Usage, origin: UsageOrigin): RelatedInfo {
    const name = this.functions[origin.fn].name;
    return { site: origin.site, message: messages.usageSeen(usageName(u), this.locks.byId(lock).name, name, this.entryNames(origin.fn, origin.state), origin.enabling) };
  }

  /** A function's display name, for the edges of a path. */
  functionName(fn: number): string {
    return this.functions[fn].name;
  }

  /** The functions from the entry down to `fn`: `handler → helper`. */
  entryNames(fn: number, state: EntryState): string[] {
    return [...this.pathTo(fn, state).map((s) => this.functions[s.fn].name), this.functions[fn].name];
  }

  lockClass(lock: number): LockClass {
    return this.locks.byId(lock);
  }
}

/**
 * Lockdep's check_irq_usage for one interrupt, over the whole graph at once: a forward search from
 * the safe locks and a backward one from the unsafe locks, both over (lock, whether the last edge
 * acquired a recursive read) so that only strong paths count and the read refinements apply; an
 * edge lies on a safe → unsafe path where the two meet across it.
 */
class SafeToUnsafe {
  private readonly out: number[][];
  private readonly into: number[][];
  /** Per (lock, arrived by a recursive read): reached from a safe lock; the edge it was reached by (−2: none). */
  private readonly fwd: Int32Array;
  /** Per (lock, arrived by a recursive read): reaches an unsafe lock; the edge it goes on by (−1: it is the end). */
  private readonly bwd: Int32Array;

  constructor(
    private readonly irqs: Interrupts,
    private readonly irq: IrqKind,
    private readonly edges: readonly Edge[],
    lockCount: number,
  ) {
    this.out = Array.from({ length: lockCount }, () => []);
    this.into = Array.from({ length: lockCount }, () => []);
    edges.forEach((e, i) => {
      this.out[e.from].push(i);
      this.into[e.to].push(i);
    });
    this.fwd = new Int32Array(lockCount * 2).fill(-2);
    this.bwd = new Int32Array(lockCount * 2).fill(-2);
    this.searchForward();
    this.searchBackward();
  }

  private bits(lock: number, enabled: boolean, read: boolean): boolean {
    return (this.irqs.usage[lock] & (1 << usageBit(this.irq, enabled, read))) !== 0;
  }

  /** A path may start at `lock` with an edge whose holder mode is `holder`: a shared holder needs a write safe usage. */
  private startsHere(lock: number, holder: "E" | "S"): boolean {
    return this.bits(lock, false, false) || (holder === "E" && this.bits(lock, false, true));
  }

  /** A path may end at `lock` arriving by a recursive read (`read`) or not: a recursive read needs a write unsafe usage. */
  private endsHere(lock: number, read: boolean): boolean {
    return this.bits(lock, true, false) || (!read && this.bits(lock, true, true));
  }

  /** Strong: an edge that acquired a recursive read is not followed by one held shared. */
  private static follows(arrivedRead: boolean, next: Edge): boolean {
    return !(arrivedRead && next.holder === "S");
  }

  private searchForward(): void {
    const queue: number[] = [];
    const visit = (lock: number, read: boolean, by: number) => {
      const i = lock * 2 + (read ? 1 : 0);
      if (this.fwd[i] !== -2) return;
      this.fwd[i] = by;
      queue.push(i);
    };
    this.edges.forEach((e, i) => {
      if (this.startsHere(e.from, e.holder)) visit(e.to, e.acquirer === "R", i);
    });
    for (let head = 0; head < queue.length; head++) {
      const lock = queue[head] >> 1;
      const read = (queue[head] & 1) === 1;
      for (const i of this.out[lock]) if (SafeToUnsafe.follows(read, this.edges[i])) visit(this.edges[i].to, this.edges[i].acquirer === "R", i);
    }
  }

  private searchBackward(): void {
    const queue: number[] = [];
    const visit = (lock: number, read: boolean, next: number) => {
      const i = lock * 2 + (read ? 1 : 0);
      if (this.bwd[i] !== -2) return;
      this.bwd[i] = next;
      queue.push(i);
    };
    for (let lock = 0; lock < this.out.length; lock++) {
      for (const read of [false, true]) if (this.endsHere(lock, read)) visit(lock, read, -1);
    }
    for (let head = 0; head < queue.length; head++) {
      const lock = queue[head] >> 1;
      const read = (queue[head] & 1) === 1;
      for (const i of this.into[lock]) {
        const e = this.edges[i];
        if ((e.acquirer === "R") !== read) continue;
        // (e.from, arrived read or not) goes on through e where the path stays strong.
        visit(e.from, false, i);
        if (SafeToUnsafe.follows(true, e)) visit(e.from, true, i);
      }
    }
  }

  /** Whether the edge at `i` lies on a safe → unsafe path: a safe start reaches its holder, its target reaches an unsafe end. */
  private onPath(i: number): "start" | "after-write" | "after-read" | undefined {
    const e = this.edges[i];
    if (this.bwd[e.to * 2 + (e.acquirer === "R" ? 1 : 0)] === -2) return undefined;
    if (this.startsHere(e.from, e.holder)) return "start";
    if (this.fwd[e.from * 2] !== -2) return "after-write";
    if (this.fwd[e.from * 2 + 1] !== -2 && SafeToUnsafe.follows(true, e)) return "after-read";
    return undefined;
  }

  /**
   * One witness path through the edge at `i`, from its safe start to its unsafe end, following
   * the searches' pointers (each goes to a state found earlier, so each walk ends): its locks, its
   * edges (`edges[k]` from `path[k]`), and `at`, the index of edge `i`.
   */
  private pathThrough(i: number, how: "start" | "after-write" | "after-read"): { path: number[]; edges: number[]; at: number; safe: Usage; unsafe: Usage } {
    const e = this.edges[i];
    const before: number[] = [];
    if (how !== "start") {
      let state = e.from * 2 + (how === "after-read" ? 1 : 0);
      for (let guard = this.fwd.length; guard > 0 && this.fwd[state] >= 0; guard--) {
        const by = this.edges[this.fwd[state]];
        before.push(this.fwd[state]);
        if (this.startsHere(by.from, by.holder)) break;
        state = by.from * 2 + (this.fwd[by.from * 2] !== -2 ? 0 : 1);
      }
      before.reverse();
    }
    const after: number[] = [];
    let state = e.to * 2 + (e.acquirer === "R" ? 1 : 0);
    let lastRead = e.acquirer === "R";
    for (let guard = this.bwd.length; guard > 0 && this.bwd[state] >= 0; guard--) {
      const next = this.edges[this.bwd[state]];
      after.push(this.bwd[state]);
      lastRead = next.acquirer === "R";
      state = next.to * 2 + (lastRead ? 1 : 0);
    }
    const edges = [...before, i, ...after];
    const path = [...edges.map((k) => this.edges[k].from), this.edges[edges[edges.length - 1]].to];
    const safe = usageBit(this.irq, false, !this.bits(path[0], false, false));
    const unsafe = usageBit(this.irq, true, !(lastRead || this.bits(path[path.length - 1], true, false)));
    return { path, edges, at: before.length, safe, unsafe };
  }

  report(sink: DiagnosticSink): void {
    this.edges.forEach((edge, i) => {
      const how = this.onPath(i);
      if (!how) return;
      const { path, edges, at, safe, unsafe } = this.pathThrough(i, how);
      // A lock that reaches itself is on a cycle (lock-order-inversion) and both safe and unsafe
      // (irq-inconsistent-usage): the path adds nothing.
      if (path[0] === path[path.length - 1]) return;
      const locks = path.map((l) => this.irqs.lockClass(l));
      // The two usages, then each edge of the path in path order: this one at each of its
      // sites (as its diagnostic's own), the others at one site each.
      const usages: RelatedInfo[] = [this.irqs.usageRelated(path[0], safe), this.irqs.usageRelated(path[path.length - 1], unsafe)];
      const edgeAt = (n: number, site: { fn: number; site: Site }): RelatedInfo => ({ site: site.site, message: messages.irqPathEdge(locks[n].name, locks[n + 1].name, this.irqs.functionName(site.fn)) });
      const others = edges.map((k, n) => (n === at || this.edges[k].sites.length === 0 ? undefined : edgeAt(n, this.edges[k].sites[0])));
      const args = {
        code: "irq-lock-inversion" as const,
        held: locks[at],
        acquired: locks[at + 1],
        irq: this.irq,
        path: locks,
        safe: usageName(safe),
        unsafe: usageName(unsafe),
      };
      for (const site of edge.sites) {
        const related = [...usages, ...others.map((o, n) => (n === at ? edgeAt(n, site) : o)).filter((r): r is RelatedInfo => r !== undefined)];
        sink.add(site.site, args, related);
      }
    });
  }
}
