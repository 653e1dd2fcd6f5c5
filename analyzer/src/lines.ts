/**
 * Lines as the Language Server Protocol and VS Code count them: a line ends at `\n`, `\r\n` or
 * `\r`, and nowhere else. TypeScript's own line map also ends lines at U+2028 and U+2029
 * (ECMAScript's line terminators), so every position after one would be a line off in an editor,
 * and a fix would rewrite the wrong line.
 *
 * Owns: the conversions between offsets in a text and (0-based line, UTF-16 character), and
 * applying positioned edits to a text. Must not: know about locks or files on disk.
 */
import type { Location } from "./model";

/** The line starts of one text, with both conversions. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  /** How many lines the text has (a text ending in a line break ends with an empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** A 0-based line's text with its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line], line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length);
  }

  /** The 0-based line and character of an offset. */
  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }

  /** The offset of a 0-based line and character, clamped to the text as LSP clients clamp it. */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), end);
  }
}

const maps = new WeakMap<object, LineMap>();

/** The line map of a parsed file (or any object holding a text that never changes), remembered. */
export function lineMapOf(owner: { readonly text: string }): LineMap {
  let map = maps.get(owner);
  if (!map) maps.set(owner, (map = new LineMap(owner.text)));
  return map;
}

/** A replacement of a range given in 1-based lines and columns. */
export interface TextEdit {
  range: Location;
  newText: string;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineMap(text);
  const spans = edits
    .map((e) => ({ start: lines.offset(e.range.line - 1, e.range.column - 1), end: lines.offset(e.range.endLine - 1, e.range.endColumn - 1), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
