/**
 * Code actions: the fixes of each possible deadlock (the analyzer's FixEngine: a cycle-wide
 * reorder, a trylock), "Reorder locks to match the lock order", "Add @requires(L) to 'f'", the
 * unknown-lock did-you-mean, and `source.fixAll.lockorder`. Edits are computed lazily on
 * `codeAction/resolve` where the client supports it; a fix that edits several files is one
 * workspace edit (`documentChanges` where the client supports them).
 *
 * Owns: which fixes a request gets, `isPreferred` (the one safe reorder of a cycle, else a fix
 * offered alone), the workspace edits, and the fix-all loop. Must not: compute or verify fixes
 * (the analyzer's FixFinder and FixEngine do).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit } from "vscode-languageserver";
import { cycleKey, FixEngine, type Fix, type ResultDiagnostic } from "lockorder/analyzer";
import { overlaps, toRange, toUri } from "./convert";
import { echoesTypeScript } from "./diagnostics";
import { minimalEdit } from "./edits";
import type { Snapshot, Workspace } from "./workspace";

export const FIX_ALL_KIND = "source.fixAll.lockorder";

/** How the client takes workspace edits. */
export interface EditSupport {
  readonly documentChanges: boolean;
  /** The client shows TypeScript's problems and its "Change spelling" fix (diagnostics.ts echoesTypeScript). */
  readonly showsTypeScriptProblems?: boolean;
  /** The version of an open document, or null. */
  versionOf(uri: string): number | null;
}

interface ActionData {
  file: string;
  kind: "fix" | "cycle" | "fixAll";
  title?: string;
  /** For a cycle's fix: the cycle (see cycleKey). */
  cycle?: string;
}

function matches(fix: Fix, d: Diagnostic): boolean {
  // The message too: two diagnostics of one code can share a range (one per missing lock). A
  // client without related information gets them folded after the message.
  return fix.targets.some((t) => t.code === d.code && t.range.line - 1 === d.range.start.line && t.range.column - 1 === d.range.start.character && String(d.message).startsWith(t.message));
}

/** A fix's edits as one workspace edit, grouped by file. */
function workspaceEdit(fix: Pick<Fix, "edits">, support: EditSupport): WorkspaceEdit {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const e of fix.edits) {
    const uri = toUri(e.range.file);
    const list = byUri.get(uri) ?? [];
    list.push({ range: toRange(e.range), newText: e.newText });
    byUri.set(uri, list);
  }
  return support.documentChanges
    ? { documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: support.versionOf(uri) }, edits })) }
    : { changes: Object.fromEntries(byUri) };
}

/**
 * Whether a fix of one file may be offered: the model analysed with it applied no longer has what
 * it targets and has nothing new (fixIsSafe). Reordering one site can leave it on another cycle, a
 * new @requires can make a caller's call recursive: only the analysis can tell.
 */
function fixWorks(snapshot: Snapshot, fix: Fix): boolean {
  return snapshot.engine.works(fix);
}

/** Whether a fix's target is an unknown-lock that TypeScript reports too. */
function echoes(snapshot: Snapshot, t: Fix["targets"][number]): boolean {
  const d = snapshot.state.result.diagnostics.find((r) => r.code === t.code && r.file === t.range.file && r.line === t.range.line && r.column === t.range.column);
  return d !== undefined && echoesTypeScript(d);
}

/** The analysis result's diagnostic an editor's diagnostic stands for. */
function resultDiagnostic(snapshot: Snapshot, file: string, d: Diagnostic): ResultDiagnostic | undefined {
  const name = snapshot.state.locator.file(snapshot.state.files.find((sf) => sf.fileName === file) ?? snapshot.state.files[0]);
  return snapshot.state.result.diagnostics.find(
    (r) => r.file === name && r.code === d.code && r.line - 1 === d.range.start.line && r.column - 1 === d.range.start.character && String(d.message).startsWith(r.message),
  );
}

export function codeActions(
  snapshot: Snapshot,
  workspace: Workspace,
  file: string,
  range: Range,
  contextDiagnostics: readonly Diagnostic[],
  only: readonly string[] | undefined,
  lazy: boolean,
  support: EditSupport,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + "."));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    // A cycle's fixes, on every diagnostic of that cycle, whichever side is in view.
    const cycles = new Map<string, Fix[]>();
    for (const d of contextDiagnostics) {
      const r = d.code === "lock-order-inversion" ? resultDiagnostic(snapshot, file, d) : undefined;
      if (r?.args.code === "lock-order-inversion") cycles.set(cycleKey(r.args.cycle), snapshot.engine.cycleFixes(r));
    }
    for (const [cycle, fixes] of cycles) {
      fixes.forEach((fix, i) => {
        const data: ActionData = { file, kind: "cycle", title: fix.title, cycle };
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: contextDiagnostics.filter((d) => matches(fix, d)),
          isPreferred: i === 0 && fix.unattended === true,
          ...(lazy ? { data } : { edit: workspaceEdit(fix, support) }),
        });
      });
    }
    const offered = snapshot.fixes
      .fixesIn(file)
      // A cycle's own fixes replace the per-site reorders of its inversions.
      .filter((f) => !(f.kind === "reorder" && cycles.size > 0 && f.targets.every((t) => t.code === "lock-order-inversion")))
      .filter((f) => f.targets.some((t) => overlaps(toRange(t.range), range)) || f.edits.some((e) => overlaps(toRange(e.range), range)))
      // TypeScript's own "Change spelling" fixes a name it reports: one did-you-mean, not two.
      .filter((f) => !(support.showsTypeScriptProblems && f.kind === "did-you-mean" && f.targets.every((t) => echoes(snapshot, t))))
      .filter((f) => fixWorks(snapshot, f));
    const alone = actions.length === 0 && offered.length === 1;
    for (const fix of offered) {
      const data: ActionData = { file, kind: "fix", title: fix.title };
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: contextDiagnostics.filter((d) => matches(fix, d)),
        isPreferred: alone,
        ...(lazy ? { data } : { edit: workspaceEdit(fix, support) }),
      });
    }
  }
  if (only && wants(FIX_ALL_KIND) && fixAllSteps(workspace, snapshot, 1).length > 0) {
    const data: ActionData = { file, kind: "fixAll" };
    actions.push({ title: "Break every possible deadlock by reordering locks", kind: FIX_ALL_KIND, data });
  }
  return actions;
}

/** Fills in a code action's edit. Fix-all needs the workspace to re-analyse between steps. */
export function resolveCodeAction(action: CodeAction, snapshot: Snapshot, workspace: Workspace, support: EditSupport): CodeAction {
  const data = action.data as ActionData | undefined;
  if (!data) return action;
  if (data.kind === "fix") {
    const fix = snapshot.fixes.fixesIn(data.file).find((f) => f.title === data.title);
    return fix ? { ...action, edit: workspaceEdit(fix, support) } : action;
  }
  if (data.kind === "cycle") {
    const d = snapshot.state.result.diagnostics.find((r) => r.args.code === "lock-order-inversion" && cycleKey(r.args.cycle) === data.cycle);
    const fix = d && snapshot.engine.cycleFixes(d).find((f) => f.title === data.title);
    return fix ? { ...action, edit: workspaceEdit(fix, support) } : action;
  }
  const texts = fixAllTexts(workspace, snapshot);
  const edits = [...texts].flatMap(([fileName, after]) => {
    const before = snapshot.state.files.find((sf) => sf.fileName === fileName)?.text;
    const edit = before === undefined ? undefined : minimalEdit(before, after);
    return edit ? [{ uri: toUri(fileName), edit }] : [];
  });
  const change = support.documentChanges
    ? { documentChanges: edits.map(({ uri, edit }) => ({ textDocument: { uri, version: support.versionOf(uri) }, edits: [edit] })) }
    : { changes: Object.fromEntries(edits.map(({ uri, edit }) => [uri, [edit]])) };
  return { ...action, edit: change };
}

/**
 * The cycle-wide reorders of the whole model, applied one at a time with the model analysed again
 * after each (fixing one cycle can change another's): the texts they change, by file name.
 */
function fixAllTexts(workspace: Workspace, snapshot: Snapshot, maxSteps = 32): Map<string, string> {
  const texts = new Map<string, string>();
  fixAllSteps(workspace, snapshot, maxSteps, texts);
  return texts;
}

/** The steps of fix-all (at most `maxSteps`), accumulating the changed texts into `texts`. */
function fixAllSteps(workspace: Workspace, snapshot: Snapshot, maxSteps: number, texts = new Map<string, string>()): Fix[] {
  const steps: Fix[] = [];
  let state = snapshot.state;
  for (let step = 0; step < maxSteps; step++) {
    const current = new Map(texts);
    const engine = new FixEngine({ state, analyzeWith: (t) => workspace.analyzeWith(new Map([...current, ...t])).state });
    const fix = engine.firstUnattended(["reorder", "outer-first"]);
    if (!fix) break;
    for (const [file, text] of engine.textsAfter(fix.edits)!) texts.set(file, text);
    steps.push(fix);
    state = workspace.analyzeWith(texts).state;
  }
  return steps;
}
