/**
 * The analyzer's data model: locks, lock uses, held sets, functions, edges and the plain,
 * serialisable result.
 *
 * Owns: type definitions shared by the analysis modules, and the few facts that go with them: the
 * lock kinds, which kinds spin, which acquisitions sleep, which edges are waits, what holding in a
 * mode satisfies, an empty annotation set.
 * Must not: import an analysis module, or the compiler other than its types (a site holds a
 * source file); every other module depends on it, not the reverse.
 */
import type { ts } from "@ts-morph/common";

export type LockKind = "mutex" | "spinlock" | "rwlock" | "rwsem" | "completion" | "srcu";
export const LOCK_KINDS: readonly LockKind[] = ["mutex", "spinlock", "rwlock", "rwsem", "completion", "srcu"];

/** Spinning locks make the context atomic; the others may sleep (docs/annotations.md#lock-kinds). */
export function isSpinning(kind: LockKind): boolean {
  return kind === "spinlock" || kind === "rwlock";
}

/**
 * Whether an acquisition may sleep, so that making it under a spinning lock is sleep-in-atomic
 * (docs/annotations.md#waits): that of any sleeping kind, a wait included, except an srcu read
 * (`srcu_read_lock` never blocks) and the entry into a completion's region (recorded as "try":
 * setting a busy flag does not block).
 */
export function acquisitionSleeps(kind: LockKind, mode: HoldMode, how: AcquisitionKind): boolean {
  if (isSpinning(kind)) return false;
  if (kind === "srcu") return mode === "E";
  return !(kind === "completion" && how === "try");
}

/**
 * Whether an edge into a lock of `kind`, by an acquirer in `mode`, is a wait rather than an
 * acquisition (docs/annotations.md#waits): every edge into a completion is `waitFor` (entering its
 * region makes no edge); into an srcu domain, a recursive read is `srcu_read_lock` and anything
 * else `synchronize_srcu`.
 */
export function isWait(kind: LockKind, mode: AcquireMode): boolean {
  return kind === "completion" || (kind === "srcu" && mode !== "R");
}

/** A source range inside one file (offsets into the file's text). */
export interface Site {
  readonly sf: ts.SourceFile;
  readonly start: number;
  readonly end: number;
}

/** A lock class (lockdep's sense). Subclasses made by `nested(L, n)` are classes of their own. */
export interface LockClass {
  readonly id: number;
  /** Display name; `L/n` for subclass n of L. */
  readonly name: string;
  readonly kind: LockKind;
  /** The `defineLock(...)` call (the base lock's, for a subclass). */
  readonly decl: Site;
  /** Position in the program's declaration order, for tie-breaking. */
  readonly position: number;
  readonly subclass: number;
  /** The lock a subclass is of (its own id for a `defineLock` class). */
  readonly base: number;
  /** Locks declared to be acquired before this one (`after:`, and the reverse of `before:`). */
  readonly declaredAfter: number[];
}

/** Holder mode: exclusive or shared. */
export type HoldMode = "E" | "S";
/** Acquirer mode: N (exclusive or non-recursive read) or R (recursive read: `shared` on rwlock or srcu). */
export type AcquireMode = "N" | "R";

/**
 * Whether a lock held in mode `held` (undefined: not held) meets a requirement to hold it in mode
 * `required`: any hold meets "S", only an exclusive one meets "E".
 */
export function heldInMode(held: HoldMode | undefined, required: HoldMode): boolean {
  return held !== undefined && (required === "S" || held === "E");
}

/**
 * How a lock reference changes the interrupt state as it is taken and released
 * (docs/annotations.md#interrupt-contexts): `irq(L)` is spin_lock_irq, `irqsave(L)`
 * spin_lock_irqsave, `bh(L)` spin_lock_bh.
 */
export type IrqModifier = "irq" | "irqsave" | "bh";

/** A resolved reference to a lock, with the mode it is taken in. */
export interface LockUse {
  readonly lock: number;
  readonly mode: HoldMode;
  readonly acquire: AcquireMode;
  readonly site: Site;
  readonly irq?: IrqModifier;
}

/** One lock in a held set. */
export interface HeldEntry {
  readonly lock: number;
  readonly mode: HoldMode;
  /** Where it was acquired (for histories and related information). */
  readonly site: Site;
  /** The block whose end releases it, for guards (`using g = guard(L)`, `withLock`). */
  readonly scope?: number;
  /** How many allowed recursive reads (`shared` on rwlock or srcu nested in a read) hold it beyond the first. */
  readonly extraReads?: number;
  /** The interrupt state it was acquired in (an IrqCode of irqState.ts; absent: as on entry). */
  readonly irq?: number;
  /** For `irqsave(L)`: the hard-interrupt state its release restores (an IrqCode's hard part). */
  readonly restore?: number;
  /** The modifier it was taken with, which a release at its scope's end (guards, `withLock`, `@acquires`) undoes. */
  readonly modifier?: IrqModifier;
}

/**
 * How an acquisition happens, for edges: "try" never creates an edge into its lock. It is a
 * trylock, or the entry into a completion's region, which never waits (docs/annotations.md#waits).
 */
export type AcquisitionKind = "block" | "try";

/** A lock acquired directly by a function (body primitive or annotation). */
export interface AcquireEvent {
  readonly use: LockUse;
  readonly how: AcquisitionKind;
  /** The held set just before the acquisition. */
  readonly held: readonly HeldEntry[];
  /** The interrupt state it is made in (an IrqCode of irqState.ts; absent: as on entry). */
  readonly irq?: number;
  /** A wait (`waitFor`), which marks no interrupt usage. */
  readonly wait?: true;
}

/**
 * Where interrupts are turned on in a body while locks are held (docs/annotations.md#interrupt-contexts):
 * each held lock acquired with them off becomes interrupt-unsafe here, if the states resolve so.
 */
export interface IrqEnableEvent {
  readonly site: Site;
  readonly held: readonly HeldEntry[];
  /** The IrqCodes before and after. */
  readonly from: number;
  readonly to: number;
}

/** What a call names: declaration keys (keys.ts), resolved to functions at link time. */
export interface CallTarget {
  readonly keys: readonly string[];
  /** The property name of `obj.name()`, to reach untyped object-literal members of that name. */
  readonly name?: string;
  /** `super.m()`, `new C()`: exactly these declarations, no dispatch. */
  readonly exact?: boolean;
}

/** A call as one file's summary records it, before link time resolves its target. */
export interface FileCall {
  readonly site: Site;
  readonly target: CallTarget;
  readonly held: readonly HeldEntry[];
  /** Made after an unknown lock reference in the body: its contracts are not checked (the held set may miss that lock). */
  readonly afterUnknownLock?: true;
  /** The interrupt state at the call (an IrqCode; absent: as on entry). */
  readonly irq?: number;
}

/** A call with its resolved candidates and the caller's held set at the call. */
export interface CallEvent {
  readonly site: Site;
  readonly callees: readonly number[];
  readonly held: readonly HeldEntry[];
  /** See FileCall. */
  readonly afterUnknownLock?: true;
  /** The interrupt state at the call (an IrqCode; absent: as on entry). */
  readonly irq?: number;
}

export interface Annotations {
  acquires: LockUse[];
  tryAcquires: LockUse[];
  requires: LockUse[];
  excludes: LockUse[];
  returnsHolding: LockUse[];
  releases: LockUse[];
  noLockAnalysis: boolean;
  /** An annotation names a lock that is not declared: what follows from it in the body is not reported. */
  unknownLock?: true;
  /** `@hardirq` / `@softirq`: an interrupt entry, which runs in that context whoever calls it. */
  context?: IrqKind;
}

/** The two kinds of interrupt lockdep tracks usage for. */
export type IrqKind = "hardirq" | "softirq";

/** Why a point is atomic for sleep-in-atomic, besides a held spinning lock. */
export type AtomicCause = "hardirq" | "softirq" | "hardirqs-off" | "softirqs-off";

/** Lockdep's usage names: `IN-HARDIRQ-W`, `HARDIRQ-ON-R`… */
export type UsageName = `${"IN-" | ""}${"HARDIRQ" | "SOFTIRQ"}${"" | "-ON"}-${"W" | "R"}`;

export function emptyAnnotations(): Annotations {
  return { acquires: [], tryAcquires: [], requires: [], excludes: [], returnsHolding: [], releases: [], noLockAnalysis: false };
}

export interface FunctionInfo {
  readonly id: number;
  /** Display name, `Class.method` or `name`. */
  readonly name: string;
  readonly node: ts.Node;
  /** Where diagnostics about the function go (its name). */
  readonly nameSite: Site;
  readonly annotations: Annotations;
  /** False for a module's top-level code, which nothing can call. */
  readonly callable: boolean;
}

/** What the flow walk of one function body found. */
export interface FunctionBody {
  readonly acquisitions: AcquireEvent[];
  readonly calls: CallEvent[];
  /** Locks the function leaves held for its caller (beyond `requires`). */
  readonly heldAtExit: number[];
  /** The sites of its calls that reach no function of the model (no lock effect), in source order. */
  readonly unresolved: readonly Site[];
  /** Where it turns interrupts on with locks held. */
  readonly enables: readonly IrqEnableEvent[];
}

export type Severity = "error" | "warning";

export interface RelatedInfo {
  readonly site: Site;
  readonly message: string;
}

/**
 * What a diagnostic says, as data: its code and the typed arguments its message is worded from
 * (diagnostics.ts `wording`, the only place that words them), which fixes and outputs read instead
 * of the text. `L` is a lock: its class inside the analysis, its name in the result. The codes
 * nothing reads the arguments of carry their worded `message` (one of diagnostics.ts `messages`).
 */
export type DiagnosticArgs<L = LockClass> =
  /**
   * An edge `held → acquired` on `cycle`, which starts with that edge and closes from its last lock
   * to its first; `waits[i]`: whether edge i (`cycle[i]` → `cycle[i + 1]`) is a wait (isWait).
   */
  | { readonly code: "lock-order-inversion"; readonly held: L; readonly acquired: L; readonly cycle: readonly L[]; readonly waits: readonly boolean[] }
  /** `wait`: a wait for the lock (`waitFor`) where it is held, not an acquisition of it. */
  | { readonly code: "recursive-lock"; readonly lock: L; readonly wait: boolean }
  | { readonly code: "unlock-not-held" | "lock-held-at-exit" | "inconsistent-lock-state"; readonly lock: L }
  /** Interrupts of this kind are disabled on some paths into a join and not on others. */
  | { readonly code: "inconsistent-lock-state"; readonly interrupts: IrqKind }
  /** `callee` is `assertHeld` for that primitive. */
  | { readonly code: "requires-not-held"; readonly callee: string; readonly lock: L; readonly exclusive: boolean }
  | { readonly code: "excluded-held"; readonly callee: string; readonly lock: L }
  | { readonly code: "guarded-access"; readonly field: string; readonly lock: L; readonly write: boolean }
  /** `wait`: waiting for the completion `sleeping` rather than acquiring it. */
  | { readonly code: "sleep-in-atomic"; readonly sleeping: L; readonly spinning: L; readonly wait: boolean }
  /** Sleeping in interrupt context or with interrupts disabled (`via`: the call it happens through). */
  | { readonly code: "sleep-in-atomic"; readonly sleeping: L; readonly atomic: AtomicCause; readonly wait: boolean; readonly via?: string }
  /**
   * `lock` is `irq`-safe (`safe`: where it is taken in that context) and `irq`-unsafe here
   * (`unsafe`); `enabling`: the unsafe site turns the interrupt on while it is held.
   */
  | { readonly code: "irq-inconsistent-usage"; readonly lock: L; readonly irq: IrqKind; readonly safe: UsageName; readonly unsafe: UsageName; readonly enabling: boolean }
  /**
   * The edge `held → acquired` lies on `path`, from `path[0]` (`irq`-safe: `safe` is its usage) to
   * its last lock (`irq`-unsafe: `unsafe`).
   */
  | { readonly code: "irq-lock-inversion"; readonly held: L; readonly acquired: L; readonly irq: IrqKind; readonly path: readonly L[]; readonly safe: UsageName; readonly unsafe: UsageName }
  /** `first` is declared to be acquired before `second`, and was acquired while `second` was held. */
  | { readonly code: "declared-order-violation"; readonly first: L; readonly second: L }
  | { readonly code: "declared-order-cycle"; readonly cycle: readonly L[] }
  /** `suggestion`: the declared name a did-you-mean fix writes. */
  /**
   * `unresolved`: a name in code that nothing declares, which TypeScript reports too ("Cannot find
   * name"); an editor that shows TypeScript's problems may leave this one out (docs/diagnostics.md#unknown-lock).
   */
  | { readonly code: "unknown-lock"; readonly text: string; readonly suggestion?: string; readonly unresolved?: true }
  | { readonly code: "duplicate-lock"; readonly name: string }
  | { readonly code: "invalid-annotation" | "analysis-incomplete" | "config-error"; readonly message: string }
  /**
   * A suppression comment that silences nothing (suppressions.ts): `problem` says why; for an
   * unknown code, `text` is that code as written and `suggestion` the code it may have meant.
   */
  | { readonly code: "unused-suppression"; readonly problem: SuppressionProblem; readonly text?: string; readonly suggestion?: string };

/**
 * Why a suppression silences nothing: no diagnostic of its codes starts on its line, it names no
 * code, it names one that is not a code (or `unused-suppression`, which cannot be suppressed), or it
 * gives no reason.
 */
export type SuppressionProblem = "silences-nothing" | "no-code" | "unknown-code" | "no-reason";

export interface Diagnostic {
  readonly code: DiagnosticArgs["code"];
  readonly severity: Severity;
  /** Worded from `args`. */
  readonly message: string;
  readonly args: DiagnosticArgs;
  readonly site: Site;
  readonly related: readonly RelatedInfo[];
  /** For an inversion sited at a call: the call chain down to the acquisition. */
  readonly flow?: readonly RelatedInfo[];
}

// ---- the serialisable result (README.md#json-output, plus what the editor needs) ----

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ResultRelated extends Location {
  message: string;
}

export interface ResultDiagnostic extends Location {
  severity: Severity;
  code: string;
  message: string;
  related: ResultRelated[];
  /**
   * What the message says, as data (locks by name), for fixes and editors; not in the JSON or
   * SARIF output, whose keys are fixed (output/json.ts picks them).
   */
  args: DiagnosticArgs<string>;
  /** For an inversion sited at a call: the call chain down to the acquisition (SARIF codeFlows). */
  flow?: ResultRelated[];
  /**
   * Silenced by a suppression comment (docs/annotations.md#suppressions): kept in the JSON and SARIF
   * outputs, left out of the text output, the exit status and the editor.
   */
  suppressed?: true;
  /** The suppression's reason, for a suppressed diagnostic (SARIF's `justification`). */
  justification?: string;
}

export interface ResultLock {
  name: string;
  kind: LockKind;
  rank: number;
  file: string;
  line: number;
  /**
   * Its interrupt usage, each with where it was first seen (docs/annotations.md#interrupt-contexts);
   * only in a model with interrupt entries.
   */
  usage?: ResultUsage[];
}

/** One of a lock's usages (lockdep's `IN-HARDIRQ-W`, `SOFTIRQ-ON-R`…) and where it was first seen. */
export interface ResultUsage {
  usage: UsageName;
  file: string;
  line: number;
  column: number;
  function: string;
  /** The functions from the entry (an interrupt handler, or a function nothing calls) down to `function`. */
  entry: string[];
  /** The site turns interrupts on while the lock is held, rather than acquiring it. */
  enabling: boolean;
}

/** One step of a call chain: `fn` calls the next function at `file:line`. */
export interface ChainStep {
  function: string;
  file: string;
  line: number;
  column: number;
}

export interface ResultEdgeSite {
  function: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The calls from the site's function down to the acquisition (empty when direct): complete
   * for the edges of `details.cycles`, only the first call elsewhere.
   */
  chain: ChainStep[];
}

export interface ResultEdge {
  from: string;
  to: string;
  /** Holder mode E/S and acquirer mode N/R, lockdep's `-(EN)->` notation. */
  mode: string;
  /** The acquisition is a read (`shared`), recursive or not. */
  read: boolean;
  /** The edge is a wait (`waitFor`, `synchronize_srcu`), not an acquisition (isWait). */
  wait: boolean;
  sites: ResultEdgeSite[];
}

export interface ResultFunction {
  name: string;
  file: string;
  line: number;
  requires: string[];
  excludes: string[];
  acquires: string[];
  mayAcquire: string[];
  heldAtExit: string[];
  releases: string[];
}

export interface ResultCycle {
  locks: string[];
  /** One site of each edge `locks[i] → locks[i+1]` (the last edge closes the cycle). */
  edges: ResultEdge[];
}

/** A call that reaches no function of the model: it has no lock effect (`lockorder check --stats` lists them). */
export interface UnresolvedCall {
  file: string;
  line: number;
  column: number;
  /** The callee as written (whitespace collapsed, a long one shortened). */
  callee: string;
}

export interface AnalysisStats {
  files: number;
  functions: number;
  locks: number;
  edges: number;
  calls: number;
  unresolvedCalls: number;
  /** The unresolved calls, by file and position. */
  unresolved: UnresolvedCall[];
  /** Milliseconds per phase. */
  phases: Record<string, number>;
  /** How many files were summarised (the others' summaries were reused). */
  summarised: number;
  /** How many files' calls were linked (the others' were kept: see link.ts). */
  linked: number;
  /** How many functions' edges the lock graph looked at again (the others' were kept: see lockGraph/contributions.ts). */
  contributions: number;
}

/**
 * What a check's text and SARIF outputs, its `--stats` and its exit status read of a result: a
 * warm `check --cache` whose changed files say what they said before answers with the last
 * run's, moved (cache/earlyCutoff.ts).
 */
export interface CheckReport {
  diagnostics: ResultDiagnostic[];
  details: Pick<AnalysisResult["details"], "cycles" | "stats" | "internalErrors">;
}

export interface AnalysisResult {
  diagnostics: ResultDiagnostic[];
  locks: ResultLock[];
  order: string[];
  cycles: string[][];
  functions: ResultFunction[];
  /** Details for reports and editors, beyond the JSON output (README.md#json-output). */
  details: {
    files: string[];
    edges: ResultEdge[];
    cycles: ResultCycle[];
    /** The declared order: `before` is declared to be acquired before `after` (direct pairs). */
    declared: { before: string; after: string }[];
    stats: AnalysisStats;
    /** Failures of the analyzer itself, each contained to one function (should stay empty). */
    internalErrors: string[];
  };
}
