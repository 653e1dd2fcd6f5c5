/**
 * The limits that keep one analysis within the call stack and memory, and what a failure means
 * for the part of the model it stopped (docs/diagnostics.md#analysis-incomplete).
 *
 * Owns: the bounds (nesting of a walk, locks held at once) and the reading of an error as a
 * reason for the user. Must not: decide what is skipped past a bound; the walks do that.
 */
import type { ts } from "@ts-morph/common";
import { messages, type DiagnosticSink } from "./diagnostics";

/**
 * How deep the flow walk (flow/walker.ts) follows nested statements and expressions; one level per
 * statement or expression entered. The walk is a recursion, and with Node's default stack
 * (984 KB) and the CLI's frames below it, it overflowed at about 1,150 levels (nested loops,
 * whose frames are the largest: two levels and seven frames per loop). At 400 the walk of any
 * construct fits in 400 KB of stack (measured with `node --stack-size=400`), leaving over half to
 * the server's frames and to the type checker, which the walk calls at its deepest point; and
 * TypeScript's own binder needs more stack than that for the same file. Real code stays below 50.
 */
export const MAX_NESTING = 400;

/** Locks tracked as held at once: lockdep's MAX_LOCK_DEPTH (include/linux/sched.h). */
export const MAX_HELD_LOCKS = 48;

export interface Failure {
  /** Why the part was not analysed, for the diagnostic. */
  readonly reason: string;
  /** For a failure of ours (not deep input): the error with its stack, for the log. */
  readonly internal?: string;
}

/** What an exception that stopped part of the analysis means for the user. */
export function failureOf(error: unknown): Failure {
  if (isStackOverflow(error)) return { reason: messages.outOfStack() };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: messages.internalError(message), internal: (error instanceof Error && error.stack) || message };
}

/** Whether an error is V8's "Maximum call stack size exceeded". */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Runs one file-level phase (function discovery, the dispatch index, lock declarations…). A
 * failure in it, deep input overflowing the checker's stack or a bug of ours, is contained to the
 * file: the file gets analysis-incomplete at its start, the phase yields `instead`, and the rest
 * of the model is analysed. Bugs of ours also go to `internalErrors` (with the stack).
 */
export function containedToFile<T>(sf: ts.SourceFile, during: string, report: FailureReport, phase: () => T, instead: T): T {
  try {
    return phase();
  } catch (error) {
    reportFileFailure(sf, during, report, error);
    return instead;
  }
}

/** Where a file-level failure goes: the file's diagnostics, and for a bug of ours the internal errors. */
export interface FailureReport {
  readonly sink: DiagnosticSink;
  readonly internalErrors: string[];
}

/** What containedToFile reports of a phase that failed: analysis-incomplete at the file's start. */
export function reportFileFailure(sf: ts.SourceFile, during: string, report: FailureReport, error: unknown): void {
  const failure = failureOf(error);
  report.sink.add({ sf, start: 0, end: 0 }, { code: "analysis-incomplete", message: messages.fileIncomplete(failure.reason, during) });
  if (failure.internal) report.internalErrors.push(`while ${during} in ${sf.fileName}: ${failure.internal}`);
}
