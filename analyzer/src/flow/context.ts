/**
 * What the parts of the flow walk share: the context the rest of the analysis gives the walk of a
 * function, and the two sites every part reports with (a call's, and where a held lock was taken).
 *
 * Owns: FlowContext, a call's resolution as the walk applies it, callSite, acquiredHere.
 * Must not: walk, decide or report anything itself.
 */
import type { ts } from "@ts-morph/common";
import type { FileDispatch } from "../calls";
import { messages, type DiagnosticSink } from "../diagnostics";
import type { LockTable } from "../locks";
import type { Annotations, CallTarget, HeldEntry, LockUse, Site } from "../model";

/** What the walk of a function needs from the rest of the analysis. */
export interface FlowContext {
  readonly checker: ts.TypeChecker;
  readonly locks: LockTable;
  /** Call targets and the file's dispatch; candidates are resolved at link time. */
  readonly dispatch: FileDispatch;
  readonly sink: DiagnosticSink;
  /** The annotations of a function a call resolves to directly (for @releases/@returnsHolding). */
  readonly annotationsOf: (decl: ts.Node) => Annotations | undefined;
  /** The `@guardedBy` locks of a field declaration. */
  readonly guardsOf: (decl: ts.Node) => readonly LockUse[];
  /** Whether accesses to members of this name need a look (a guarded field or accessor has it). */
  readonly watchesMember: (name: string) => boolean;
}

/** What a call names, and the declarations it resolves to directly (whose annotations apply). */
export interface ResolvedCall {
  readonly target: CallTarget;
  readonly direct: readonly ts.Node[];
}

/** The site of a call: from its start to the end of the callee expression. */
export function callSite(call: ts.CallExpression | ts.NewExpression): Site {
  const sf = call.getSourceFile();
  return { sf, start: call.getStart(sf), end: call.expression.getEnd() };
}

export function acquiredHere(e: HeldEntry, message = messages.acquiredHere()) {
  return { site: e.site, message };
}
