/**
 * Diagnostic codes, their severities, their documentation anchors and their wording.
 *
 * Owns: every user-visible diagnostic message (Clang's wording where one exists, SPEC section 6)
 * and the collector that keeps one diagnostic per range and code.
 * Must not: decide when a diagnostic applies; the analysis modules do that.
 */
import type { Diagnostic, LockClass, RelatedInfo, Severity, Site } from "./model";

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
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof CODES;

/** One line per code: what it means (SARIF rule descriptions, listings). */
export const DESCRIPTIONS: Record<DiagnosticCode, string> = {
  "lock-order-inversion": "Two or more paths take the same locks in opposite orders (ABBA): a possible deadlock.",
  "recursive-lock": "A lock is acquired, directly or through a call, while it is already held.",
  "requires-not-held": "A function annotated @requires(L), or assertHeld(L), is reached without L held in the required mode.",
  "excluded-held": "A function annotated @excludes(L) is called while L is held.",
  "unlock-not-held": "A lock is released, by unlock(L) or a @releases(L) call, while it is not held.",
  "lock-held-at-exit": "A function returns still holding a lock it does not declare with @returnsHolding or @requires.",
  "inconsistent-lock-state": "A lock is held on some paths into a join point or loop head and not on others.",
  "guarded-access": "A @guardedBy(L) field is read without L held, or written without L held exclusively.",
  "sleep-in-atomic": "A sleeping lock is acquired, or a completion waited for, while a spinning lock is held.",
  "declared-order-violation": "An observed acquisition order contradicts the declared after/before order.",
  "declared-order-cycle": "The declared after/before order is itself cyclic.",
  "unknown-lock": "A lock reference does not resolve to a declared lock.",
  "invalid-annotation": "A malformed lock declaration, modifier or annotation.",
  "duplicate-lock": "Two defineLock calls use the same display name.",
  "analysis-incomplete":
    "Part of the model was not analysed, so the result may miss deadlocks: a file that could not be read or does not parse, a function nested too deeply, or more locks held at once than are tracked.",
  "config-error": "The tsconfig.json has an error (the compiler's wording); the model is analysed with the options that could be read.",
};

export const DOCS_URL = "https://github.com/lockorder/lockorder/blob/main/docs/diagnostics.md";

/** The documentation link of a code (`codeDescription.href` in the editor, `helpUri` in SARIF). */
export function docsLink(code: string): string {
  return `${DOCS_URL}#${code}`;
}

/** `mutex 'kvm->lock'`: kind and quoted name, as Clang prints capabilities. */
export function describe(lock: LockClass): string {
  return `${lock.kind} '${lock.name}'`;
}

export const messages = {
  inversion: (held: LockClass, acquired: LockClass, closingFrom: LockClass, cycle: readonly LockClass[]) =>
    `possible deadlock: acquiring ${describe(acquired)} while holding '${held.name}'; ` +
    `elsewhere '${held.name}' is acquired while holding '${closingFrom.name}' (cycle ${cycleText(cycle)})`,
  recursive: (lock: LockClass) => `acquiring ${describe(lock)} that is already held`,
  requiresNotHeld: (callee: string, lock: LockClass, exclusive: boolean) =>
    `calling '${callee}' requires holding ${describe(lock)}${exclusive ? " exclusively" : ""}`,
  excludedHeld: (callee: string, lock: LockClass) => `cannot call '${callee}' while ${describe(lock)} is held`,
  unlockNotHeld: (lock: LockClass) => `releasing ${describe(lock)} that was not held`,
  heldAtExit: (lock: LockClass) => `${describe(lock)} is still held at the end of function`,
  inconsistent: (lock: LockClass) => `${describe(lock)} is not held on every path through here`,
  guardedAccess: (field: string, lock: LockClass, write: boolean) =>
    write
      ? `writing '${field}' requires holding ${describe(lock)} exclusively`
      : `reading '${field}' requires holding ${describe(lock)}`,
  sleepInAtomic: (sleeping: LockClass, spinning: LockClass) =>
    `acquiring sleeping ${describe(sleeping)} while holding spinning ${describe(spinning)}`,
  waitInAtomic: (completion: LockClass, spinning: LockClass) =>
    `waiting for ${describe(completion)} while holding spinning ${describe(spinning)}`,
  declaredOrderViolation: (first: LockClass, second: LockClass) =>
    `${describe(first)} must be acquired before '${second.name}'`,
  declaredOrderCycle: (cycle: readonly LockClass[]) => `cycle in declared lock order: ${cycleText(cycle)}`,
  unknownLock: (text: string, suggestion: string | undefined) =>
    `'${text}' is not a declared lock` + (suggestion ? `; did you mean '${suggestion}'?` : ""),
  duplicateLock: (name: string) => `lock name '${name}' is already declared`,
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
  noSuchFile: () => "no such file",
  readFailed: (error: string) => `could not be read (${error})`,
  doesNotParse: (message: string) => `does not parse: ${message}; analysed as far as the compiler recovers`,
  functionIncomplete: (fn: string, reason: string) => `'${fn}' was not fully analysed: ${reason}`,
  fileIncomplete: (reason: string, during: string) => `this file was not fully analysed while ${during}: ${reason}`,
  nestedTooDeep: (limit: number) => `statements and expressions nested deeper than ${limit} levels`,
  outOfStack: () => "the compiler ran out of stack (deeply nested code or types)",
  internalError: (message: string) => `an internal error: ${message}`,
  tooManyHeld: (limit: number) => `more than ${limit} locks held at once (lockdep's MAX_LOCK_DEPTH); the locks acquired past the ${limit}th are not ordered`,
};

/** `A → B → A`: a cycle written out, closing on its first lock. */
export function cycleText(cycle: readonly LockClass[]): string {
  return [...cycle, cycle[0]].map((l) => l.name).join(" → ");
}

/**
 * Collects diagnostics. One diagnostic per range and code for the graph diagnostics (SPEC 5.3);
 * otherwise exact repeats (the same range, code and message, as a `finally` block analysed on
 * several paths produces) are dropped.
 */
export class DiagnosticSink {
  private readonly byKey = new Map<string, Diagnostic>();

  add(code: DiagnosticCode, site: Site, message: string, related: readonly RelatedInfo[] = [], suggestion?: string, flow?: readonly RelatedInfo[]): void {
    const onePerRange = code === "lock-order-inversion";
    const key = `${site.sf.fileName}:${site.start}:${site.end}:${code}` + (onePerRange ? "" : `:${message}`);
    if (!this.byKey.has(key)) {
      this.byKey.set(key, { code, severity: CODES[code], message, site, related, ...(suggestion !== undefined ? { suggestion } : {}), ...(flow ? { flow } : {}) });
    }
  }

  /** Adds diagnostics collected elsewhere (repeats dropped as by `add`). */
  addAll(diagnostics: Iterable<Diagnostic>): void {
    for (const d of diagnostics) this.add(d.code as DiagnosticCode, d.site, d.message, d.related, d.suggestion, d.flow);
  }

  has(code: DiagnosticCode, site: Site): boolean {
    return this.byKey.has(`${site.sf.fileName}:${site.start}:${site.end}:${code}`);
  }

  all(): Diagnostic[] {
    return [...this.byKey.values()];
  }
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate within a third of the word's length (at least 2 edits), if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
