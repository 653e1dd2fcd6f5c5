/**
 * The "Suppress <code> on this line with a reason" code action (docs/annotations.md#suppressions):
 * a quick fix on every Lockorder diagnostic the editor shows, never preferred, whose edit is the
 * analyzer's `suppressionFix` (a `// lockorder-ignore-next-line <code> -- <reason>` line above, or
 * the code added to the suppression already there). Where the client applies snippet edits (LSP
 * 3.18's `workspace.workspaceEdit.snippetEditSupport`, as VS Code's client does), the reason is a
 * snippet placeholder, selected for typing; other clients (Neovim) get the plain edit, the
 * placeholder reason as text.
 *
 * Owns: which diagnostics get the action (one per code and line), its title and kind, and the
 * snippet form of its edit. Must not: compute the edit (the analyzer does), or offer the other
 * fixes (codeActions.ts).
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from "vscode-languageserver";
import { messages, suppressionFix, type TextEdit } from "lockorder/analyzer";
import { overlaps, toRange, toUri } from "./convert";
import type { Settings } from "./settings";
import type { Snapshot } from "./workspace";

/**
 * The suppress actions for the diagnostics of `file` that `range` touches. `snippets`: the client
 * applies snippet text edits in `documentChanges`.
 */
export function suppressActions(
  snapshot: Snapshot,
  file: string,
  range: Range,
  contextDiagnostics: readonly Diagnostic[],
  only: readonly string[] | undefined,
  snippets: boolean,
  settings: Settings,
): CodeAction[] {
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(o + "."))) return [];
  const uri = toUri(file);
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of snapshot.state.result.diagnostics) {
    // What the editor shows: not what a comment silenced, nor a code the settings turned off.
    if (d.file !== file || d.suppressed || settings.severity[d.code] === "off" || !overlaps(toRange(d), range)) continue;
    const key = `${d.line} ${d.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fix = suppressionFix(snapshot.state, d);
    if (!fix) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: contextDiagnostics.filter((c) => c.code === d.code && c.range.start.line === d.line - 1),
      isPreferred: false,
      edit: workspaceEdit(uri, fix.edits, snippets),
    });
  }
  return actions;
}

/** The fix's edits; as snippet edits where the client takes them, the placeholder reason a tab stop. */
function workspaceEdit(uri: string, edits: readonly TextEdit[], snippets: boolean): WorkspaceEdit {
  const placeholder = messages.suppressionReasonPlaceholder();
  if (!snippets || !edits.some((e) => e.newText.includes(placeholder))) {
    return { changes: { [uri]: edits.map((e) => ({ range: toRange(e.range), newText: e.newText })) } };
  }
  return {
    documentChanges: [
      {
        textDocument: { uri, version: null },
        edits: edits.map((e) => {
          const at = e.newText.indexOf(placeholder);
          const value = at < 0 ? escapeSnippet(e.newText) : `${escapeSnippet(e.newText.slice(0, at))}\${1:${escapeSnippet(placeholder)}}${escapeSnippet(e.newText.slice(at + placeholder.length))}`;
          return { range: toRange(e.range), snippet: { kind: "snippet", value } };
        }),
      },
    ],
  };
}

/** Text as a snippet's literal part: `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, "\\$&");
}
