/**
 * Suppression comments (docs/annotations.md#suppressions): `// lockorder-ignore-next-line <code>[,
 * <code>…] -- <reason>` silences those codes on the next line, `// lockorder-ignore <code>[, …] --
 * <reason>` at the end of a line on that line. A diagnostic is silenced when it starts on the
 * silenced line and its code is listed. A suppression without a reason, without a code, or with a
 * code that is not one (one unknown code makes the whole comment silence nothing), and a valid one
 * that silences nothing, is an `unused-suppression` warning on the comment; that code itself
 * cannot be suppressed. The reason runs to the end of the comment or to a ` //` that starts another
 * comment on the line (a fixture's `// expect-suppressed:`), whichever comes first.
 *
 * Owns: finding the suppression comments of a file (comments only, read through the compiler's
 * tree and scanner, never the marker inside a string, template or regular expression; cached per
 * parsed file, so an edit re-reads only the edited file), matching them with the diagnostics,
 * and the "Suppress with a reason" fix's edit. Must not: decide any other diagnostic, word
 * anything (diagnostics.ts does), or know LSP (server/src/suppressActions.ts offers the fix).
 */
import { ts } from "@ts-morph/common";
import type { AnalysisState } from "./analyze";
import { closest, CODES, DiagnosticSink, messages, type DiagnosticCode } from "./diagnostics";
import type { Fix } from "./fixes";
import { lineMapOf } from "./lines";
import type { Diagnostic, ResultDiagnostic, SuppressionProblem } from "./model";

/** One suppression comment. Offsets are into its file's text. */
export interface Suppression {
  readonly sf: ts.SourceFile;
  /** The comment from its `//` to the end of its reason (a following ` // …` is not part of it). */
  readonly start: number;
  readonly end: number;
  /** `-next-line`: silences the next line; otherwise the comment's own line. */
  readonly nextLine: boolean;
  /** The 0-based line it silences (lines as lines.ts counts them). */
  readonly line: number;
  /** The codes as written, with where each stands. */
  readonly codes: readonly { readonly text: string; readonly start: number; readonly end: number }[];
  /** The reason, trimmed; empty when there is none. */
  readonly reason: string;
}

/** What a file's suppressions silence: the diagnostics silenced (with their reasons) and the unused-suppression warnings. */
export interface Silenced {
  /** Each silenced diagnostic with the reason of the suppression that silenced it. */
  readonly justifications: Map<Diagnostic, string>;
  readonly unused: Diagnostic[];
}

const MARKER_TEXT = "lockorder-ignore";
/** `//`, blanks, the marker (`-next-line` or not), then a blank or the end: the marker must begin the comment. */
const MARKER = /\/\/[ \t]*lockorder-ignore(-next-line)?(?=\s|$)/y;
const CODE_LIST_END = "--";
/** Where the reason ends: a blank then `//`, another comment on the same line (not `https://`). */
const NEXT_COMMENT = /[ \t]\/\//;
const SUPPRESSIBLE = new Set<string>((Object.keys(CODES) as DiagnosticCode[]).filter((c) => c !== "unused-suppression"));

const cache = new WeakMap<ts.SourceFile, readonly Suppression[]>();

/** A file's suppression comments as read before (a cached analysis's file, whose text is not parsed again: cache/summaryStore.ts). */
export function rememberSuppressions(sf: ts.SourceFile, suppressions: readonly Suppression[]): void {
  cache.set(sf, suppressions);
}

/** The suppression comments of a file, in source order (remembered per parsed file). */
export function suppressionsOf(sf: ts.SourceFile): readonly Suppression[] {
  let found = cache.get(sf);
  if (!found) cache.set(sf, (found = readSuppressions(sf)));
  return found;
}

function readSuppressions(sf: ts.SourceFile): Suppression[] {
  const text = sf.text;
  const out: Suppression[] = [];
  // Most files have none: one search of the text decides that.
  for (let at = text.indexOf(MARKER_TEXT); at >= 0; at = text.indexOf(MARKER_TEXT, at + MARKER_TEXT.length)) {
    // The `//` before the marker, with only blanks between.
    let slash = at;
    while (slash > 0 && (text[slash - 1] === " " || text[slash - 1] === "\t")) slash--;
    slash -= 2;
    if (slash < 0 || text[slash] !== "/" || text[slash + 1] !== "/") continue;
    MARKER.lastIndex = slash;
    const marker = MARKER.exec(text);
    if (!marker) continue;
    const commentEnd = lineCommentAt(sf, slash);
    if (commentEnd === undefined) continue;
    const bodyStart = slash + marker[0].length;
    const rest = text.slice(bodyStart, commentEnd);
    const cut = NEXT_COMMENT.exec(rest);
    const body = cut ? rest.slice(0, cut.index) : rest;
    const split = body.indexOf(CODE_LIST_END);
    const list = split >= 0 ? body.slice(0, split) : body;
    const codes: { text: string; start: number; end: number }[] = [];
    let offset = bodyStart;
    for (const item of list.split(",")) {
      const trimmed = item.trim();
      if (trimmed !== "") {
        const start = offset + item.indexOf(trimmed);
        codes.push({ text: trimmed, start, end: start + trimmed.length });
      }
      offset += item.length + 1;
    }
    const line = lineMapOf(sf).position(slash).line;
    out.push({
      sf,
      start: slash,
      end: bodyStart + body.trimEnd().length,
      nextLine: marker[1] !== undefined,
      line: marker[1] !== undefined ? line + 1 : line,
      codes,
      reason: split >= 0 ? body.slice(split + CODE_LIST_END.length).trim() : "",
    });
  }
  return out;
}

/** Why a suppression silences nothing whatever the diagnostics, if it does not: the first problem, and the code at fault. */
function problemOf(s: Suppression): { problem: SuppressionProblem; code?: Suppression["codes"][number] } | undefined {
  if (s.codes.length === 0) return { problem: "no-code" };
  const unknown = s.codes.find((c) => !SUPPRESSIBLE.has(c.text));
  if (unknown) return { problem: "unknown-code", code: unknown };
  if (s.reason === "") return { problem: "no-reason" };
  return undefined;
}

/**
 * Matches the suppressions of `files` with `diagnostics`: the silenced ones, and an
 * unused-suppression warning for each suppression that silences nothing (sited at the comment,
 * or at the unknown code). Linear in the diagnostics and the suppressions.
 */
export function silence(files: readonly ts.SourceFile[], diagnostics: readonly Diagnostic[]): Silenced {
  const justifications = new Map<Diagnostic, string>();
  const sink = new DiagnosticSink();
  // file → silenced line → the valid suppressions of that line.
  const valid = new Map<ts.SourceFile, Map<number, Suppression[]>>();
  for (const sf of files) {
    for (const s of suppressionsOf(sf)) {
      const problem = problemOf(s);
      if (problem) {
        const site = problem.code ? { sf, start: problem.code.start, end: problem.code.end } : { sf, start: s.start, end: s.end };
        const suggestion = problem.code && problem.code.text !== "unused-suppression" ? closest(problem.code.text, SUPPRESSIBLE) : undefined;
        sink.add(site, { code: "unused-suppression", problem: problem.problem, ...(problem.code ? { text: problem.code.text } : {}), ...(suggestion ? { suggestion } : {}) });
        continue;
      }
      let lines = valid.get(sf);
      if (!lines) valid.set(sf, (lines = new Map()));
      const list = lines.get(s.line);
      if (list) list.push(s);
      else lines.set(s.line, [s]);
    }
  }
  if (valid.size === 0) return { justifications, unused: sink.all() };
  const used = new Set<Suppression>();
  for (const d of diagnostics) {
    const lines = valid.get(d.site.sf);
    if (!lines || d.code === "unused-suppression") continue;
    for (const s of lines.get(lineMapOf(d.site.sf).position(d.site.start).line) ?? []) {
      if (!s.codes.some((c) => c.text === d.code)) continue;
      used.add(s);
      if (!justifications.has(d)) justifications.set(d, s.reason);
    }
  }
  for (const lines of valid.values()) {
    for (const list of lines.values()) {
      for (const s of list) if (!used.has(s)) sink.add({ sf: s.sf, start: s.start, end: s.end }, { code: "unused-suppression", problem: "silences-nothing" });
    }
  }
  return { justifications, unused: sink.all() };
}

/**
 * The "Suppress with a reason" fix for a diagnostic: a `// lockorder-ignore-next-line <code> --
 * <reason>` line above the diagnostic's line, with its indentation and line ending, the reason a
 * placeholder for the user to replace (`messages.suppressionReasonPlaceholder`); or, when the line
 * above is a valid next-line suppression already, `, <code>` added to its list. None for an
 * unused-suppression (it cannot be suppressed), or for a line that starts inside a multi-line
 * string, template or comment (a line inserted there would change it, not suppress anything).
 */
export function suppressionFix(state: AnalysisState, d: ResultDiagnostic): Fix | undefined {
  if (d.code === "unused-suppression" || d.suppressed) return undefined;
  const sf = state.files.find((f) => state.locator.file(f) === d.file);
  if (!sf) return undefined;
  const lines = lineMapOf(sf);
  const target = { code: d.code, range: { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }, message: d.message };
  const title = messages.suppressTitle(d.code);
  const above = suppressionsOf(sf).find((s) => s.nextLine && s.line === d.line - 1 && !problemOf(s));
  if (above) {
    const last = lines.position(above.codes[above.codes.length - 1].end);
    const at = { file: d.file, line: last.line + 1, column: last.character + 1, endLine: last.line + 1, endColumn: last.character + 1 };
    return { kind: "suppress", title, targets: [target], edits: [{ range: at, newText: `, ${d.code}` }] };
  }
  const text = sf.text;
  const lineStart = lines.offset(d.line - 1, 0);
  if (insideToken(sf, lineStart)) return undefined;
  let indentEnd = lineStart;
  while (text[indentEnd] === " " || text[indentEnd] === "\t") indentEnd++;
  // The line's own ending (the file's first one for a last line without one).
  const next = lines.offset(d.line, 0);
  const eol = /\r\n|\r|\n/.exec(text.slice(Math.max(lineStart, next - 2), next))?.[0] ?? /\r\n|\r|\n/.exec(text)?.[0] ?? "\n";
  const newText = `${text.slice(lineStart, indentEnd)}// lockorder-ignore-next-line ${d.code} ${CODE_LIST_END} ${messages.suppressionReasonPlaceholder()}${eol}`;
  const at = { file: d.file, line: d.line, column: 1, endLine: d.line, endColumn: 1 };
  return { kind: "suppress", title, targets: [target], edits: [{ range: at, newText }] };
}

// ---- what stands at an offset ----

/**
 * The innermost node whose full range (leading trivia included) holds `offset`, and the end of
 * its last child before `offset` (its own start of trivia when none): between there and `offset`
 * lie only trivia and punctuation or keyword tokens, which the scanner reads alone (every token
 * that holds text, a string, a template part, a regular expression, is a node of its own). A
 * loop, not a recursion: a tree of any depth costs no stack.
 */
function innermostAt(sf: ts.SourceFile, offset: number): { node: ts.Node; from: number } {
  let node: ts.Node = sf;
  for (;;) {
    let inner: ts.Node | undefined;
    let from = node.pos;
    ts.forEachChild(node, (child) => {
      if (child.end <= offset) {
        from = child.end;
        return undefined;
      }
      if (child.pos <= offset) inner = child;
      return true;
    });
    if (!inner) return { node, from };
    node = inner;
  }
}

/** A token with text of its own: a string, number, regular expression, template part or JSX text. */
function holdsText(node: ts.Node): boolean {
  return ts.isLiteralExpression(node) || ts.isTemplateLiteralToken(node);
}

/** Where the line comment starting exactly at `offset` ends, if a line comment starts there. */
function lineCommentAt(sf: ts.SourceFile, offset: number): number | undefined {
  const { node, from } = innermostAt(sf, offset);
  if (holdsText(node) && offset >= node.getStart(sf)) return undefined;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, sf.text, undefined, from, sf.end - from);
  for (;;) {
    const kind = scanner.scan();
    const start = scanner.getTokenStart();
    if (kind === ts.SyntaxKind.EndOfFileToken || start > offset) return undefined;
    if (start === offset) return kind === ts.SyntaxKind.SingleLineCommentTrivia ? scanner.getTokenEnd() : undefined;
    if (scanner.getTokenEnd() > offset) return undefined;
  }
}

/** Whether `offset` lies inside a token or a comment (not at its start, not between tokens). */
function insideToken(sf: ts.SourceFile, offset: number): boolean {
  const { node, from } = innermostAt(sf, offset);
  if (holdsText(node)) {
    const start = node.getStart(sf);
    if (offset > start && offset < node.end) return true;
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, sf.text, undefined, from, sf.end - from);
  for (;;) {
    const kind = scanner.scan();
    if (kind === ts.SyntaxKind.EndOfFileToken || scanner.getTokenStart() >= offset) return false;
    if (scanner.getTokenEnd() > offset) return kind !== ts.SyntaxKind.NewLineTrivia && kind !== ts.SyntaxKind.WhitespaceTrivia;
  }
}
