/**
 * The one minimal LSP edit that turns a text into another (fix-all answers with it).
 *
 * Owns: that diff. Must not: know about locks; lines are counted by the analyzer's LineMap, as
 * LSP counts them.
 */
import type { TextEdit as LspTextEdit } from "vscode-languageserver";
import { LineMap } from "lockorder/analyzer";

/** The single edit replacing the part of `before` that differs from `after`. */
export function minimalEdit(before: string, after: string): LspTextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const lines = new LineMap(before);
  return { range: { start: lines.position(start), end: lines.position(endBefore) }, newText: after.slice(start, endAfter) };
}
