/**
 * ts-morph for the fixes that restructure code (docs/architecture.md#fixes): rewriting a `lock()`
 * into a guarded `tryLock`, renaming or splitting a decorator, adding an import, with the file's own
 * indentation and quotes. ts-morph is loaded on the first such fix only: a check and an
 * edit-to-diagnostics cycle never pay its load time. Its result is turned back into minimal text
 * edits (a line diff), so that the editor moves only what changed.
 *
 * Owns: the lazy load, the in-memory project, the text → edits diff. Must not: decide what to
 * change (the fix modules pass the transformation) or analyse anything.
 */
import type * as Morph from "ts-morph";
import { diffLines } from "diff";
import { LineMap, type TextEdit } from "../lines";

let morph: typeof Morph | undefined;

/** Whether ts-morph has been loaded in this process (tests show a check does not load it). */
export function morphLoaded(): boolean {
  return morph !== undefined;
}

function load(): typeof Morph {
  // A require at the first use, not an import: loading ts-morph costs about 0.25 s.
  morph ??= require("ts-morph") as typeof Morph;
  return morph;
}

/**
 * Runs `transform` on a copy of a file (in memory, nothing read from disk) and returns the edits
 * that turn `text` into its result, ranges in 1-based lines and columns of `text` under `file`.
 */
export function morphEdits(file: string, text: string, transform: (sf: Morph.SourceFile, m: typeof Morph) => void): TextEdit[] {
  const m = load();
  const project = new m.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: indentationOf(text, m), quoteKind: /from '/.test(text) && !/from "/.test(text) ? m.QuoteKind.Single : m.QuoteKind.Double },
  });
  const sf = project.createSourceFile("/model.ts", text);
  transform(sf, m);
  return textEdits(file, text, sf.getFullText());
}

/** The indentation the file uses (its first indented line), as ts-morph names it. */
function indentationOf(text: string, m: typeof Morph): Morph.IndentationText {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  if (indent.startsWith("\t")) return m.IndentationText.Tab;
  if (indent.length >= 8) return m.IndentationText.EightSpaces;
  if (indent.length >= 4) return m.IndentationText.FourSpaces;
  return m.IndentationText.TwoSpaces;
}

/** The line-level edits that turn `before` into `after` (one per changed run of lines). */
export function textEdits(file: string, before: string, after: string): TextEdit[] {
  const lines = new LineMap(before);
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | undefined;
  const flush = () => {
    if (!pending) return;
    const start = lines.position(pending.start);
    const end = lines.position(pending.end);
    edits.push({ range: { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 }, newText: pending.text });
    pending = undefined;
  };
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { start: offset, end: offset, text: "" };
    if (part.removed) {
      offset += part.value.length;
      pending.end = offset;
    } else {
      pending.text += part.value;
    }
  }
  flush();
  return edits;
}
