/**
 * Code actions: "Reorder locks to match the lock order", "Add @requires(L) to 'f'", the
 * unknown-lock did-you-mean, and `source.fixAll.lockorder`. Edits are computed lazily on
 * `codeAction/resolve` where the client supports it.
 *
 * Owns: which fixes a request gets, `isPreferred` (only when exactly one fix is offered), and the
 * fix-all loop. Must not: compute fixes (the analyzer's FixFinder does).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit as LspTextEdit } from "vscode-languageserver";
import { applyEdits, fixIsSafe, type Fix } from "lockorder/analyzer";
import { overlaps, toRange, toUri } from "./convert";
import { minimalEdit } from "./edits";
import type { Snapshot, Workspace } from "./workspace";

export const FIX_ALL_KIND = "source.fixAll.lockorder";

interface ActionData {
  file: string;
  kind: "fix" | "fixAll";
  title?: string;
}

function matches(fix: Fix, d: Diagnostic): boolean {
  // The message too: two diagnostics of one code can share a range (one per missing lock). A
  // client without related information gets them folded after the message.
  return fix.targets.some((t) => t.code === d.code && t.range.line - 1 === d.range.start.line && t.range.column - 1 === d.range.start.character && String(d.message).startsWith(t.message));
}

function lspEdits(fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(e.range), newText: e.newText }));
}

/**
 * Whether a fix may be offered: the model analysed with it applied no longer has what it targets
 * and has nothing new (fixIsSafe). Reordering one site can leave it on another cycle, a new
 * @requires can make a caller's call recursive: only the analysis can tell.
 */
function fixWorks(workspace: Workspace, snapshot: Snapshot, file: string, text: string, fix: Fix): boolean {
  return fixIsSafe(snapshot.state.result, workspace.analyzeWith(file, applyEdits(text, fix.edits)).state.result, fix);
}

export function codeActions(
  snapshot: Snapshot,
  workspace: Workspace,
  file: string,
  text: string,
  range: Range,
  contextDiagnostics: readonly Diagnostic[],
  only: readonly string[] | undefined,
  lazy: boolean,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + "."));
  const actions: CodeAction[] = [];
  const uri = toUri(file);
  const fixes = snapshot.fixes.fixesIn(file);
  if (wants(CodeActionKind.QuickFix)) {
    const offered = fixes
      .filter((f) => f.targets.some((t) => overlaps(toRange(t.range), range)) || f.edits.some((e) => overlaps(toRange(e.range), range)))
      .filter((f) => fixWorks(workspace, snapshot, file, text, f));
    for (const fix of offered) {
      const data: ActionData = { file, kind: "fix", title: fix.title };
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: contextDiagnostics.filter((d) => matches(fix, d)),
        isPreferred: offered.length === 1,
        ...(lazy ? { data } : { edit: { changes: { [uri]: lspEdits(fix) } } }),
      });
    }
  }
  if (only && wants(FIX_ALL_KIND) && fixes.some((f) => f.kind === "reorder" && fixWorks(workspace, snapshot, file, text, f))) {
    const data: ActionData = { file, kind: "fixAll" };
    actions.push({ title: "Reorder all locks to match the lock order", kind: FIX_ALL_KIND, data });
  }
  return actions;
}

/** Fills in a code action's edit. Fix-all needs the workspace to re-analyse between steps. */
export function resolveCodeAction(action: CodeAction, snapshot: Snapshot, workspace: Workspace, text: string): CodeAction {
  const data = action.data as ActionData | undefined;
  if (!data) return action;
  const uri = toUri(data.file);
  if (data.kind === "fix") {
    const fix = snapshot.fixes.fixesIn(data.file).find((f) => f.title === data.title);
    return fix ? { ...action, edit: { changes: { [uri]: lspEdits(fix) } } } : action;
  }
  const edit = minimalEdit(text, fixAllText(workspace, data.file, text));
  return { ...action, edit: { changes: { [uri]: edit ? [edit] : [] } } };
}

/**
 * Applies reorder fixes one at a time, re-analysing after each: fixing one site of a cycle can
 * make the fix at another site wrong, so each step decides on the current text.
 */
function fixAllText(workspace: Workspace, file: string, text: string, maxSteps = 32): string {
  let current = text;
  for (let step = 0; step < maxSteps; step++) {
    const snapshot = workspace.analyzeWith(file, current);
    const fix = snapshot.fixes.fixesIn(file).find((f) => f.kind === "reorder" && fixWorks(workspace, snapshot, file, current, f));
    if (!fix) break;
    current = applyEdits(current, fix.edits);
  }
  return current;
}
