/**
 * Text edits on plain strings: applying the analyzer's edits (1-based ranges) to a text, and the
 * one minimal edit that turns a text into another.
 *
 * Owns: offset arithmetic. Must not: know about locks or LSP beyond the TextEdit shape.
 */
import type { TextEdit as LspTextEdit } from "vscode-languageserver";
import type { TextEdit } from "lockorder/analyzer";

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => Math.min(text.length, (starts[line - 1] ?? text.length) + column - 1);
  const spans = edits
    .map((e) => ({ start: offset(e.range.line, e.range.column), end: offset(e.range.endLine, e.range.endColumn), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

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
  const position = (offset: number) => {
    const upTo = before.slice(0, offset);
    const line = (upTo.match(/\n/g) ?? []).length;
    return { line, character: offset - (upTo.lastIndexOf("\n") + 1) };
  };
  return { range: { start: position(start), end: position(endBefore) }, newText: after.slice(start, endAfter) };
}
