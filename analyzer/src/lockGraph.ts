/**
 * The whole-program lock graph (docs/annotations.md#the-analysis): what each function may acquire
 * through its calls, the typed edges with their sites and call chains, the possible deadlocks, the
 * declared order and the global order. The facade the rest of the analyzer reads; the parts live
 * in lockGraph/: closure.ts (may-acquire through calls), contributions.ts (each function's edges
 * and call diagnostics), cycles.ts (inversions), orders.ts (declared and global order),
 * sequences.ts (the order each function takes its locks in), interrupts.ts (interrupt contexts and usage).
 *
 * Owns: composing the parts, in the order their diagnostics are reported; after an edit, handing
 * each part what it keeps from the previous graph.
 * Must not: look at syntax; it sees functions, events and locks only. No recursive walks.
 */
import type { DiagnosticSink } from "./diagnostics";
import type { LockTable } from "./locks";
import type { FunctionBody, FunctionInfo } from "./model";
import { MayAcquire, type ChainLink } from "./lockGraph/closure";
import { Contributions, type Edge, type EdgeSite } from "./lockGraph/contributions";
import { Cycles, type Inversion } from "./lockGraph/cycles";
import { checkDeclaredOrder, checkEdgesAgainstDeclaredOrder, globalOrder } from "./lockGraph/orders";
import { Interrupts } from "./lockGraph/interrupts";
import { LockSequences } from "./lockGraph/sequences";

export { kindOfKey, lockOfKey } from "./lockGraph/closure";
export type { Edge, Via } from "./lockGraph/contributions";

/** An edit, for a graph built from the previous one: the functions whose bodies were replaced. */
export interface GraphEdit {
  readonly previous: LockGraph;
  /** Ids of the functions whose info and body changed (the numbering is otherwise the same). */
  readonly changed: readonly number[];
}

export class LockGraph {
  private readonly closure: MayAcquire;
  private readonly contributions: Contributions;
  private readonly cycles: Cycles;
  private readonly sequences: LockSequences;
  /** By a number made of (from, to, holder, acquirer kind): see contributions.ts. */
  readonly edges: Map<number, Edge>;
  readonly inversions: readonly Inversion[];
  /** The global order: components in order, locks on a cycle sharing one. */
  readonly order: number[][];
  readonly rank: Int32Array;
  /** For each lock, the locks declared (transitively) to be acquired after it. */
  readonly declaredAfter: Set<number>[];
  /** How many functions' contributions were looked at again (all, or those an edit can change). */
  readonly recomputed: number;
  /** Interrupt contexts and each lock's usage (docs/annotations.md#interrupt-contexts); computed whole on every build. */
  readonly interrupts: Interrupts;

  /**
   * Builds the graph of a model; with `edit`, from the previous graph of the same model: only the
   * functions that reach a changed one (through calls) can acquire something new, and only they
   * and the changed ones contribute different edges. The result is the same as a full build.
   */
  constructor(functions: readonly FunctionInfo[], bodies: readonly FunctionBody[], locks: LockTable, sink: DiagnosticSink, edit?: GraphEdit) {
    this.closure = new MayAcquire(functions, bodies, locks.locks.length, edit && { previous: edit.previous.closure, changed: edit.changed });
    this.contributions = new Contributions(functions, bodies, locks, this.closure, edit?.previous.contributions);
    this.recomputed = this.contributions.recomputed;
    this.edges = this.contributions.assemble(sink);
    this.cycles = new Cycles(this.edges, functions, locks, this.closure, sink);
    this.inversions = this.cycles.inversions;
    this.interrupts = new Interrupts(functions, bodies, locks, this.edges, sink);
    this.declaredAfter = checkDeclaredOrder(locks, sink);
    checkEdgesAgainstDeclaredOrder(this.edges, this.declaredAfter, locks, sink);
    ({ order: this.order, rank: this.rank } = globalOrder(this.edges, locks));
    this.sequences = new LockSequences(bodies, (f) => this.closure.mayAcquireKeys(f).length > 0);
  }

  /** The locks a function takes, directly or through calls, in the order it takes them (computed when first asked). */
  sequence(f: number): readonly number[] {
    return this.sequences.of(f);
  }

  /** The locks a function takes directly, in the order it takes them. */
  directSequence(f: number): number[] {
    return this.sequences.direct(f);
  }

  /** Every (lock, kind) key a function may acquire. */
  mayAcquireKeys(f: number): readonly number[] {
    return this.closure.mayAcquireKeys(f);
  }

  acquiresDirectly(f: number, key: number): boolean {
    return this.closure.acquiresDirectly(f, key);
  }

  /** One shortest call chain from a function to an acquisition of a key (see MayAcquire.chain). */
  chain(f: number, key: number, holding?: number): readonly ChainLink[] {
    return this.closure.chain(f, key, holding);
  }

  /** One site of an edge `from → to` in any mode (see Cycles.firstSiteOf). */
  firstSiteOf(from: number, to: number): { edge: Edge; site: EdgeSite } | undefined {
    return this.cycles.firstSiteOf(from, to);
  }

  /** The distinct strong cycles, each rotated to start at its earliest-declared lock, shortest first. */
  distinctCycles(): number[][] {
    return this.cycles.distinctCycles();
  }
}
