/**
 * Diagnostic codes, their severities, their documentation anchors and their wording.
 *
 * Owns: every user-visible diagnostic message (Clang's wording where one exists, docs/diagnostics.md),
 * worded from a diagnostic's typed arguments (`wording`), and the collector that keeps one
 * diagnostic per range and code.
 * Must not: decide when a diagnostic applies; the analysis modules do that.
 */
import type { AtomicCause, Diagnostic, DiagnosticArgs, IrqKind, LockClass, RelatedInfo, Severity, Site, SuppressionProblem, UsageName } from "./model";

export const CODES = {
  "lock-order-inversion": "error",
  "recursive-lock": "error",
  "requires-not-held": "error",
  "excluded-held": "error",
  "unlock-not-held": "error",
  "lock-held-at-exit": "warning",
  "inconsistent-lock-state": "warning",
  "guarded-access": "error",
  "sleep-in-atomic": "error",
  "declared-order-violation": "warning",
  "declared-order-cycle": "error",
  "unknown-lock": "error",
  "invalid-annotation": "error",
  "duplicate-lock": "error",
  "analysis-incomplete": "error",
  "config-error": "error",
  "irq-inconsistent-usage": "error",
  "irq-lock-inversion": "error",
  "unused-suppression": "warning",
} as const satisfies Record<DiagnosticArgs["code"], Severity>;

export type DiagnosticCode = keyof typeof CODES;

/** One line per code: what it means (SARIF rule descriptions, listings). */
export const DESCRIPTIONS: Record<DiagnosticCode, string> = {
  "lock-order-inversion": "Two or more paths take the same locks in opposite orders (ABBA): a possible deadlock.",
  "recursive-lock": "A lock is acquired, directly or through a call, while it is already held.",
  "requires-not-held": "A function annotated @requires(L), or assertHeld(L), is reached without L held in the required mode.",
  "excluded-held": "A function annotated @excludes(L) is called while L is held.",
  "unlock-not-held": "A lock is released, by unlock(L) or a @releases(L) call, while it is not held.",
  "lock-held-at-exit": "A function returns still holding a lock it does not declare with @returnsHolding or @requires.",
  "inconsistent-lock-state": "A lock is held, or interrupts are disabled, on some paths into a join point or loop head and not on others.",
  "guarded-access": "A @guardedBy(L) field is read without L held, or written without L held exclusively.",
  "sleep-in-atomic":
    "A sleeping lock is acquired, or a completion waited for, while a spinning lock is held, in an interrupt handler, or with interrupts disabled.",
  "declared-order-violation": "An observed acquisition order contradicts the declared after/before order.",
  "declared-order-cycle": "The declared after/before order is itself cyclic.",
  "unknown-lock": "A lock reference does not resolve to a declared lock.",
  "invalid-annotation": "A malformed lock declaration, modifier or annotation.",
  "duplicate-lock": "Two defineLock calls use the same display name.",
  "analysis-incomplete":
    "Part of the model was not analysed, so the result may miss deadlocks: a file that could not be read or does not parse, a function nested too deeply, or more locks held at once than are tracked.",
  "config-error": "The tsconfig.json has an error (the compiler's wording); the model is analysed with the options that could be read.",
  "irq-inconsistent-usage":
    "A lock is taken in interrupt context (interrupt-safe) and elsewhere with that interrupt enabled (interrupt-unsafe): the interrupt can arrive while it is held and spin on it forever (lockdep's inconsistent lock state).",
  "irq-lock-inversion":
    "An edge on a path from an interrupt-safe lock to an interrupt-unsafe lock: an interrupt taking the first can arrive while the second is held with interrupts enabled (lockdep's irq-safe -> irq-unsafe lock order).",
  "unused-suppression": "A lockorder-ignore comment that silences nothing: no diagnostic of its codes starts on its line, or it lacks a reason or names an unknown code.",
};

const DOCS_URL = "https://github.com/lockorder/lockorder/blob/main/docs/diagnostics.md";

/** The documentation link of a code (`codeDescription.href` in the editor, `helpUri` in SARIF). */
export function docsLink(code: string): string {
  return `${DOCS_URL}#${code}`;
}

/** `mutex 'kvm->lock'`: kind and quoted name, as Clang prints capabilities. */
export function describe(lock: LockClass): string {
  return `${lock.kind} '${lock.name}'`;
}

export const messages = {
  /**
   * An inversion at the site of the cycle's first edge; the other edges follow the cycle back to
   * its first lock (`elsewhere 'C' is acquired while holding 'B' and 'A' while holding 'C'`), so
   * that a longer cycle does not read like an ABBA; see `otherEdges` for a long one.
   */
  inversion: (cycle: readonly LockClass[], waits: readonly boolean[]) =>
    `possible deadlock: ${taking(cycle[1], waits[0])} while holding '${cycle[0].name}'; ` +
    `elsewhere ${otherEdges(cycle, waits)} (cycle ${cycleChain(namesOf(cycle))})`,
  /** The last related entry of an inversion on a cycle longer than FULL_CYCLE_LENGTH. */
  moreCycleEdges: (count: number) => `… and ${count} more edges on this cycle (see the cycles list)`,
  recursive: (lock: LockClass, wait: boolean) => (wait ? `waiting for ${describe(lock)} while holding it` : `acquiring ${describe(lock)} that is already held`),
  requiresNotHeld: (callee: string, lock: LockClass, exclusive: boolean) =>
    `calling '${callee}' requires holding ${describe(lock)}${exclusive ? " exclusively" : ""}`,
  excludedHeld: (callee: string, lock: LockClass) => `cannot call '${callee}' while ${describe(lock)} is held`,
  unlockNotHeld: (lock: LockClass) => `releasing ${describe(lock)} that was not held`,
  heldAtExit: (lock: LockClass) => `${describe(lock)} is still held at the end of function`,
  inconsistent: (lock: LockClass) => `${describe(lock)} is not held on every path through here`,
  inconsistentIrq: (kind: IrqKind) => `${kind}s are not disabled on every path through here`,
  guardedAccess: (field: string, lock: LockClass, write: boolean) =>
    write
      ? `writing '${field}' requires holding ${describe(lock)} exclusively`
      : `reading '${field}' requires holding ${describe(lock)}`,
  sleepInAtomic: (sleeping: LockClass, spinning: LockClass) =>
    `acquiring sleeping ${describe(sleeping)} while holding spinning ${describe(spinning)}`,
  waitInAtomic: (completion: LockClass, spinning: LockClass) =>
    `waiting for ${describe(completion)} while holding spinning ${describe(spinning)}`,
  /** Sleeping in an interrupt handler or with interrupts disabled, directly or through `via` (the function called). */
  sleepInIrq: (sleeping: LockClass, atomic: AtomicCause, wait: boolean, via: string | undefined) =>
    `${wait ? `waiting for ${describe(sleeping)}` : `acquiring sleeping ${describe(sleeping)}`} ${atomicWords(atomic)}` + (via !== undefined ? ` (through '${via}')` : ""),
  /** `is taken in hardirq context and here with hardirqs enabled`; a read usage says `read`. */
  irqInconsistentUsage: (lock: LockClass, irq: IrqKind, safe: UsageName, unsafe: UsageName, enabling: boolean) => {
    const verb = (u: UsageName) => (u.endsWith("-R") ? "read" : "taken");
    const here = enabling ? `held here as ${irq}s are enabled` : `${verb(unsafe) === verb(safe) ? "" : `${verb(unsafe)} `}here with ${irq}s enabled`;
    return `inconsistent lock usage: ${describe(lock)} is ${verb(safe)} in ${irq} context and ${here} ({${safe}} -> {${unsafe}})`;
  },
  irqLockInversion: (held: LockClass, acquired: LockClass, irq: IrqKind, path: readonly LockClass[]) =>
    `${irq}-safe '${path[0].name}' → ${irq}-unsafe '${path[path.length - 1].name}': an interrupt that takes '${path[0].name}' can arrive while '${path[path.length - 1].name}' is held with ${irq}s enabled` +
    (path.length > 2 ? ` (chain ${namesOf(path).join(" → ")}; this edge: '${held.name}' → '${acquired.name}')` : ""),
  declaredOrderViolation: (first: LockClass, second: LockClass) =>
    `${describe(first)} must be acquired before '${second.name}'`,
  declaredOrderCycle: (cycle: readonly LockClass[]) => `cycle in declared lock order: ${cycleChain(namesOf(cycle))}`,
  unknownLock: (text: string, suggestion: string | undefined) =>
    `'${text}' is not a declared lock` + (suggestion ? `; did you mean '${suggestion}'?` : ""),
  duplicateLock: (name: string) => `lock name '${name}' is already declared`,
  // unused-suppression (suppressions.ts, docs/annotations.md#suppressions).
  unusedSuppression: (problem: SuppressionProblem, text: string | undefined, suggestion: string | undefined) => {
    switch (problem) {
      case "silences-nothing":
        return "suppression silences nothing";
      case "no-reason":
        return "suppression needs a reason after '--'";
      case "no-code":
        return "suppression names no code: // lockorder-ignore-next-line <code>[, <code>…] -- <reason>";
      case "unknown-code":
        return text === "unused-suppression"
          ? "'unused-suppression' cannot be suppressed; this suppression silences nothing"
          : `'${text}' is not a diagnostic code${suggestion ? ` (did you mean '${suggestion}'?)` : ""}; this suppression silences nothing`;
    }
  },
  /** The "Suppress with a reason" fix (suppressions.ts): its title, and the reason it writes for the user to replace. */
  suppressTitle: (code: string) => `Suppress ${code} on this line with a reason`,
  suppressionReasonPlaceholder: () => "TODO: say why this is safe",
  // Files not read or not parsing (files.ts, analyze.ts); `reason` is one of the reasons below.
  notAnalysed: (reason: string) => `not analysed: ${reason}`,
  folderNotRead: (reason: string) => `not analysed: this folder could not be listed: ${reason}`,
  tsconfigNotRead: (reason: string) => `tsconfig not read: ${reason}; the model is analysed with the default options`,
  notRegularFile: (name: string, kind: string, link: string | undefined) =>
    `'${name}'${link !== undefined ? ` (a symbolic link to '${link}')` : ""} is a ${kind}, not a regular file`,
  overSizeLimit: (size: string, limit: string) => `${size}, over the ${limit} limit (--max-file-size, lockorder.maxFileSize)`,
  danglingLink: (target: string) => `dangling symbolic link to '${target}'`,
  linkLoop: () => "symbolic link loop (a link that leads back to itself)",
  permissionDenied: () => "permission denied",
  pathTooLong: () => "path too long for the system (ENAMETOOLONG)",
  noSuchFile: () => "no such file",
  readFailed: (error: string) => `could not be read (${error})`,
  doesNotParse: (message: string) => `does not parse: ${message}; analysed as far as the compiler recovers`,
  functionIncomplete: (fn: string, reason: string) => `'${fn}' was not fully analysed: ${reason}`,
  fileIncomplete: (reason: string, during: string) => `this file was not fully analysed while ${during}: ${reason}`,
  nestedTooDeep: (limit: number) => `statements and expressions nested deeper than ${limit} levels`,
  outOfStack: () => "the compiler ran out of stack (deeply nested code or types)",
  internalError: (message: string) => `an internal error: ${message}`,
  tooManyHeld: (limit: number) => `more than ${limit} locks held at once (lockdep's MAX_LOCK_DEPTH); the locks acquired past the ${limit}th are not ordered`,
  // invalid-annotation: lock declarations and references (locks.ts).
  orderNamesPlainLocks: () => "a declared order names plain locks, without shared(), nested(), irq(), irqsave() or bh()",
  defineLockNeedsName: () => "defineLock needs the lock's name as a string literal",
  defineLockOptions: () => "defineLock's options must be an object literal { kind, after, before }",
  unknownLockKind: (text: string, kinds: readonly string[]) => `unknown lock kind '${text}'; expected one of ${kinds.join(", ")}`,
  defineLockOption: () => "expected `kind: \"mutex\" | \"spinlock\" | \"rwlock\" | \"rwsem\" | \"completion\" | \"srcu\"`, `after: [locks]` or `before: [locks]`",
  sharedTakesOneLock: () => "shared() takes one lock",
  sharedNotReadWrite: (lock: LockClass) => `shared() is only for rwlock, rwsem and srcu locks; '${lock.name}' is a ${lock.kind}`,
  nestedArguments: () => "nested() takes a lock and a subclass number: nested(L, 1)",
  subclassNumber: () => "a lockdep subclass is a number literal from 1 to 7",
  alreadySubclass: (name: string) => `'${name}' is already a subclass`,
  irqModifierTakesOneLock: (which: string) => `${which}() takes one lock: ${which}(L)`,
  irqModifierNotSpinning: (which: string, lock: LockClass) =>
    `${which}() is only for spinning locks (spinlock, rwlock), as the kernel's spin_lock_${which === "irqsave" ? "irqsave" : which}; '${lock.name}' is a ${lock.kind}`,
  irqModifierTwice: (which: string, inner: string) => `${which}() on a reference already taken with ${inner}(): one interrupt modifier per reference`,
  contextTakesNothing: (name: string) => `@${name} takes no arguments`,
  oneContext: () => "a function is one interrupt entry: @hardirq or @softirq, not both",
  notALock: () => "expected a lock: a defineLock result, shared(L), nested(L, n), irq(L), irqsave(L), bh(L) or a declared lock name",
  // invalid-annotation: decorators and JSDoc tags (annotations.ts) and body primitives (flow/primitives.ts).
  guardedByOneLock: () => "@guardedBy takes one lock: @guardedBy(L)",
  guardedByPlainLock: () => "@guardedBy names the lock, without shared(), irq(), irqsave() or bh(); reads already need it in any mode and writes exclusively",
  annotationPlacement: (name: string, onField: boolean) =>
    onField ? `@${name} goes on a method, getter or setter; on a field only @guardedBy(L) is allowed` : `@${name} goes on a class method, getter or setter`,
  noLockAnalysisArguments: () => "@noLockAnalysis takes no arguments",
  guardedByOnMethod: () => "@guardedBy(L) goes on a field, not on a method",
  notAnAnnotation: (name: string, annotations: readonly string[]) => `'${name}' is not an annotation; expected one of ${annotations.map((a) => "@" + a).join(", ")}`,
  annotationNeedsLocks: (name: string) => `@${name} needs its locks: @${name}(L, …)`,
  annotationNeedsALock: (name: string) => `@${name} needs at least one lock: @${name}(L, …)`,
  excludesPlainLocks: () => "@excludes names plain locks, without shared(), irq(), irqsave() or bh(); no caller may hold them in any mode",
  unknownTag: (name: string, suggestion: string) => `unknown annotation @${name}; did you mean @${suggestion}?`,
  tagNeedsALock: (name: string) => `@${name} needs at least one lock: @${name} L, …`,
  unreadableLockReference: (text: string) => `cannot read '${text}' as a lock reference`,
  primitiveNeedsLock: (name: string) => `${name}() needs a lock: ${name}(L)`,
  /** `what`: `lock()`, `@acquires`…, which named an srcu domain without `shared()`. */
  srcuExclusive: (what: string, lock: LockClass) =>
    `${what} names ${describe(lock)} without shared(): an SRCU domain is never held exclusively; read it with shared(S) (srcu_read_lock) and wait for its readers with waitFor(S) (synchronize_srcu)`,
  srcuWaitShared: (lock: LockClass) => `waitFor(S) waits for every reader of ${describe(lock)} (synchronize_srcu); shared(S) is a reader`,
  // Related information: the other sites a diagnostic points at.
  acquiredHere: () => "acquired here",
  /**
   * Where a lock's usage was seen: `{IN-HARDIRQ-W}: 'A' taken in hardirq context here, in e1
   * (reached from handler → e1)`; `enabling`: the site turns interrupts on while it is held.
   */
  usageSeen: (usage: string, lock: string, fn: string, entry: readonly string[], enabling = false) =>
    `{${usage}}: '${lock}' ${usageWords(usage, enabling)} here, in ${fn}` + (entry.length > 1 ? ` (reached from ${callChain(entry)})` : ""),
  /** An edge of an interrupt inversion's path: `'B' acquired while holding 'A' in f`. */
  irqPathEdge: (held: string, acquired: string, fn: string) => `'${acquired}' acquired while holding '${held}' in ${fn}`,
  firstAcquiredHere: () => "first acquired here",
  firstDeclaredHere: (name: string) => `'${name}' is first declared here`,
  requiredHere: (callee: string) => `'${callee}' requires it here`,
  guardedHere: (field: string) => `'${field}' is guarded here`,
  /**
   * An edge of an inversion's cycle: `'B' acquired while holding 'A' in f`, with `via g → h` when
   * the site is a call (`via`: the functions called, down to the one that acquires); a wait is
   * `'C' waited for while holding 'A' …`.
   */
  cycleEdge: (held: LockClass, acquired: LockClass, wait: boolean, fn: string | undefined, via: readonly string[] = []) =>
    `'${acquired.name}' ${wait ? "waited for" : "acquired"} while holding '${held.name}'` +
    (fn !== undefined ? ` in ${fn}` : "") +
    (via.length > 0 ? ` via ${callChain(via)}` : ""),
  /** The steps of a call chain, from a call site down to the acquisition (or the wait). */
  chainCalls: (caller: string, callee: string) => `${caller} calls ${callee}`,
  chainAcquires: (fn: string, lock: string, wait = false) => (wait ? `${fn} waits for '${lock}'` : `${fn} acquires '${lock}'`),
  // The hover on a call that reaches no function of the model (docs/annotations.md#unresolved-calls).
  unresolvedCall: () =>
    "This call reaches no function of the model, so it has no lock effect: whatever the function it really calls locks is not seen (lockorder check --stats lists such calls).",
  // `lockorder fix` (cli.ts, output/fixReport.ts; README.md#fixing-from-the-command-line).
  noFixesToApply: () => "no fixes to apply",
  fixesApplied: (fixes: number, files: number, dryRun: boolean) =>
    `${dryRun ? "would apply" : "applied"} ${fixes} ${fixes === 1 ? "fix" : "fixes"} to ${files} ${files === 1 ? "file" : "files"}`,
  fixedTextDoesNotParse: (where: string, message: string, before: boolean) =>
    before
      ? `${where}: does not parse (${message}), without the fixes too; no file was written: correct the syntax first`
      : `${where}: the fixed text does not parse (${message}); no file was written`,
  fixNotApplied: () => "the model has a configuration error; no fix was applied",
  cannotWriteFixedFile: (file: string, error: string, written: readonly string[]) =>
    `cannot write ${file}: ${error}; ${written.length === 0 ? "no file was written" : `written before it: ${written.join(", ")}`}`,
};

/**
 * `taken in hardirq context`, `taken with softirqs enabled`, `read in …`: what a lockdep usage name
 * says; `enabling`: where interrupts turn on with the lock held (`held where hardirqs are enabled`).
 */
export function usageWords(usage: string, enabling = false): string {
  const irq = usage.includes("HARDIRQ") ? "hardirq" : "softirq";
  if (enabling) return `held where ${irq}s are enabled`;
  return `${usage.endsWith("-R") ? "read" : "taken"} ${usage.startsWith("IN-") ? `in ${irq} context` : `with ${irq}s enabled`}`;
}

/** `in hardirq context`, `with hardirqs disabled`. */
export function atomicWords(atomic: AtomicCause): string {
  switch (atomic) {
    case "hardirq":
    case "softirq":
      return `in ${atomic} context`;
    case "hardirqs-off":
      return "with hardirqs disabled";
    case "softirqs-off":
      return "with softirqs disabled";
  }
}

/** `acquiring mutex 'B'`, or for a wait `waiting for completion 'C'` (docs/annotations.md#waits). */
function taking(lock: LockClass, wait: boolean): string {
  return `${wait ? "waiting for" : "acquiring"} ${describe(lock)}`;
}

/**
 * The other edges of an inversion's cycle, from the second to the one that closes it, each as
 * `'C' is acquired while holding 'B'` (`is waited for` for a wait); the verb is said again only
 * where it changes. A cycle longer than FULL_CYCLE_LENGTH locks names its second edge, how many
 * follow, and its closing edge, as cycleChain names its ends.
 */
function otherEdges(cycle: readonly LockClass[], waits: readonly boolean[]): string {
  const n = cycle.length;
  const edges = n <= FULL_CYCLE_LENGTH ? Array.from({ length: n - 1 }, (_, k) => k + 1) : [1, n - 1];
  let verb = "";
  const clauses = edges.map((i) => {
    const said = waits[i] ? "is waited for" : "is acquired";
    const clause = `'${cycle[(i + 1) % n].name}'${said === verb ? "" : ` ${said}`} while holding '${cycle[i].name}'`;
    verb = said;
    return clause;
  });
  if (n > FULL_CYCLE_LENGTH) return `${clauses[0]}, … ${n - 3} more …, and ${clauses[1]}`;
  return clauses.length === 1 ? clauses[0] : `${clauses.slice(0, -1).join(", ")} and ${clauses[clauses.length - 1]}`;
}

/** `g → h → k`: the functions of a call chain; past FULL_CYCLE_LENGTH, `g → h → … 3996 more … → z`. */
function callChain(names: readonly string[]): string {
  const n = names.length;
  if (n <= FULL_CYCLE_LENGTH) return names.join(" → ");
  return `${names[0]} → ${names[1]} → … ${n - 3} more … → ${names[n - 1]}`;
}

/** What a file-level phase was doing when it stopped: `this file was not fully analysed while …`. */
export const during = {
  lockDeclarations: "reading its lock declarations",
  declaredOrder: "resolving a declared lock order",
  lockSubclasses: "reading its lock subclasses",
  names: "binding its names",
  functions: "finding its functions",
  functionValues: "indexing its function values",
  guardedFields: "reading its guarded fields",
  imports: "listing its imports",
};

/**
 * Cycles of up to this many locks are written out whole in messages and reports; a longer one by
 * its ends and length, so that a diagnostic's size does not grow with its cycle (the JSON output's
 * `cycles` list keeps every chain whole, once).
 */
export const FULL_CYCLE_LENGTH = 8;

/**
 * `A → B → C → A`: a cycle written out, closing on its first lock; past FULL_CYCLE_LENGTH locks
 * `A → B → … 996 more … → Z → A`. `format` writes a name (a Markdown code span, say); a `limit`
 * of Infinity writes any cycle whole (a sort key).
 */
export function cycleChain(names: readonly string[], format: (name: string) => string = (name) => name, limit = FULL_CYCLE_LENGTH): string {
  const n = names.length;
  const at = (i: number) => format(names[i]);
  if (n <= limit) return Array.from({ length: n + 1 }, (_, i) => at(i % n)).join(" → ");
  return `${at(0)} → ${at(1)} → … ${n - 3} more … → ${at(n - 1)} → ${at(0)}`;
}

function namesOf(cycle: readonly LockClass[]): string[] {
  return cycle.map((l) => l.name);
}

/**
 * Which of a cycle's `count` edges a report lists one by one (related information, the text
 * report, the document, hovers): all of them up to FULL_CYCLE_LENGTH; past it the first few and the
 * last, which closes the cycle, and a note for the others, which follows the listed ones.
 */
export function listedCycleEdges(count: number): { indices: number[]; omitted?: { first: number; note: string } } {
  if (count <= FULL_CYCLE_LENGTH) return { indices: Array.from({ length: count }, (_, i) => i) };
  const first = FULL_CYCLE_LENGTH - 2;
  const indices = [...Array.from({ length: first }, (_, i) => i), count - 1];
  return { indices, omitted: { first, note: messages.moreCycleEdges(count - indices.length) } };
}

/** A diagnostic's message, worded from its arguments: the one place a diagnostic is worded. */
export function wording(args: DiagnosticArgs): string {
  switch (args.code) {
    case "lock-order-inversion":
      return messages.inversion(args.cycle, args.waits);
    case "recursive-lock":
      return messages.recursive(args.lock, args.wait);
    case "requires-not-held":
      return messages.requiresNotHeld(args.callee, args.lock, args.exclusive);
    case "excluded-held":
      return messages.excludedHeld(args.callee, args.lock);
    case "unlock-not-held":
      return messages.unlockNotHeld(args.lock);
    case "lock-held-at-exit":
      return messages.heldAtExit(args.lock);
    case "inconsistent-lock-state":
      return "lock" in args ? messages.inconsistent(args.lock) : messages.inconsistentIrq(args.interrupts);
    case "guarded-access":
      return messages.guardedAccess(args.field, args.lock, args.write);
    case "sleep-in-atomic":
      if ("atomic" in args) return messages.sleepInIrq(args.sleeping, args.atomic, args.wait, args.via);
      return args.wait ? messages.waitInAtomic(args.sleeping, args.spinning) : messages.sleepInAtomic(args.sleeping, args.spinning);
    case "irq-inconsistent-usage":
      return messages.irqInconsistentUsage(args.lock, args.irq, args.safe, args.unsafe, args.enabling);
    case "irq-lock-inversion":
      return messages.irqLockInversion(args.held, args.acquired, args.irq, args.path);
    case "declared-order-violation":
      return messages.declaredOrderViolation(args.first, args.second);
    case "declared-order-cycle":
      return messages.declaredOrderCycle(args.cycle);
    case "unknown-lock":
      return messages.unknownLock(args.text, args.suggestion);
    case "duplicate-lock":
      return messages.duplicateLock(args.name);
    case "unused-suppression":
      return messages.unusedSuppression(args.problem, args.text, args.suggestion);
    case "invalid-annotation":
    case "analysis-incomplete":
    case "config-error":
      return args.message;
  }
}

/** The arguments with each lock replaced by its name: the result's plain-data form. */
export function argsByName(args: DiagnosticArgs): DiagnosticArgs<string> {
  const named: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) named[key] = Array.isArray(value) ? value.map(nameOf) : nameOf(value);
  return named as DiagnosticArgs<string>;
}

/** Locks are the only objects among the arguments (arrays of them: cycles). */
function nameOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as LockClass).name : value;
}

/**
 * Collects diagnostics. One diagnostic per range and code for the graph diagnostics (docs/annotations.md#deadlocks);
 * otherwise exact repeats (the same range, code and message, as a `finally` block analysed on
 * several paths produces) are dropped.
 */
export class DiagnosticSink {
  private readonly byKey = new Map<string, Diagnostic>();

  /** A diagnostic at `site` saying `args` (worded here), with the other sites it points at. */
  add(site: Site, args: DiagnosticArgs, related: readonly RelatedInfo[] = [], flow?: readonly RelatedInfo[]): void {
    const { code } = args;
    this.put({ code, severity: CODES[code], message: wording(args), args, site, related, ...(flow ? { flow } : {}) });
  }

  /** Adds diagnostics collected elsewhere (repeats dropped as by `add`). */
  addAll(diagnostics: Iterable<Diagnostic>): void {
    for (const d of diagnostics) this.put(d);
  }

  private put(d: Diagnostic): void {
    const onePerRange = d.code === "lock-order-inversion" || d.code === "irq-lock-inversion";
    const key = `${d.site.sf.fileName}:${d.site.start}:${d.site.end}:${d.code}` + (onePerRange ? "" : `:${d.message}`);
    if (!this.byKey.has(key)) this.byKey.set(key, d);
  }

  all(): Diagnostic[] {
    return [...this.byKey.values()];
  }
}

/** editDistance's two rows, reused across calls (did-you-mean runs it over every candidate). */
let rows = [new Int32Array(64), new Int32Array(64)];

/**
 * Levenshtein distance, for did-you-mean suggestions; past `limit` it stops early and returns
 * some value above `limit`. Only the band of cells within `limit` of the diagonal can stay within
 * it, so the cost is O(length × limit).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const band = Math.min(limit, Math.max(a.length, b.length));
  const over = band + 1;
  if (rows[0].length <= b.length) rows = [new Int32Array(2 * b.length + 2), new Int32Array(2 * b.length + 2)];
  let [prev, cur] = rows;
  // Row 0 as far as row 1 reads it.
  for (let j = 0; j <= Math.min(b.length, band + 1); j++) prev[j] = j <= band ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    // The cells just outside the band are all the next row reads of this one.
    cur[from - 1] = from === 1 && i <= band ? i : over;
    if (to < b.length) cur[to + 1] = over;
    let rowMin = cur[from - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let d = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > band) return limit + 1;
    const done = cur;
    cur = prev;
    prev = done;
  }
  return prev[b.length] > band ? limit + 1 : prev[b.length];
}

/**
 * Did-you-mean over a fixed list of names: the closest name within a third of the word's length
 * (at least 2 edits), the first one on ties. Each distinct word is looked up once; a candidate
 * whose length alone puts it beyond the best distance so far is skipped, and the distance stops
 * at that bound.
 */
export class Suggester {
  private readonly lower: string[];
  private readonly memo = new Map<string, string | undefined>();

  constructor(private readonly candidates: readonly string[]) {
    this.lower = candidates.map((c) => c.toLowerCase());
  }

  suggest(word: string): string | undefined {
    if (this.memo.has(word)) return this.memo.get(word);
    const w = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    this.lower.forEach((c, i) => {
      if (Math.abs(c.length - w.length) >= bestDistance) return;
      const d = editDistance(w, c, bestDistance - 1);
      if (d < bestDistance) {
        best = this.candidates[i];
        bestDistance = d;
      }
    });
    this.memo.set(word, best);
    return best;
  }
}

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggester([...candidates]).suggest(word);
}
