/**
 * Escaping for every output that embeds names from the model (lock names, function names, file
 * paths): terminal text, Markdown (the locking document, the editor's hovers), Mermaid, Graphviz
 * DOT and SARIF URIs. A name is shown as written, never interpreted as markup.
 *
 * Owns: those escapes, one function per embedding. Must not: decide what is shown.
 */

/**
 * C0 controls (tab and newline included), DEL and C1 controls as visible `\x1b`-style escapes, so
 * that a name can neither send a terminal escape sequence nor break a one-line-per-diagnostic
 * report. Tab is escaped too: shown raw it is indistinguishable from spaces in a name.
 */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const named = c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : undefined;
    return named ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/** The longest run of backticks in `s`. */
function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * A Markdown code span showing `s` exactly: fenced by one more backtick than the longest run
 * inside, and padded with a space where CommonMark would otherwise merge a backtick at the edge
 * into the fence or strip a space at both edges.
 */
export function mdCode(s: string): string {
  const text = escapeControls(s);
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  const pad = /^`|`$/.test(text) || /^ .*[^ ].* $/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Markdown inline text: HTML-significant characters as entities, and the characters that open
 * code spans, links, emphasis, strikethrough or a heading's closing `#`s backslash-escaped. (`_` is left alone: CommonMark
 * never reads it as emphasis inside a word, which is where file names have it.)
 */
export function mdText(s: string): string {
  return escapeControls(s)
    .replace(/[\\`*#[\]~]/g, "\\$&")
    .replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** A GFM table row: a `|` inside a cell, code spans included, is escaped so it does not split it. */
export function mdTableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/**
 * A fenced code block holding `lines` verbatim: the fence is longer than any backtick run inside,
 * so no line can close it.
 */
export function mdFence(info: string, lines: readonly string[]): string[] {
  const body = lines.map(escapeControls);
  const fence = "`".repeat(body.reduce((n, l) => Math.max(n, longestBacktickRun(l) + 1), 3));
  return [fence + info, ...body, fence];
}

/**
 * Text inside a Mermaid quoted label (`id["…"]`): Mermaid's entity codes for the quote, `#`
 * (which starts an entity code), `<` and `&` (which would start HTML in the rendered label) and
 * the backtick (which starts a Markdown string).
 */
export function mermaidText(s: string): string {
  const codes: Record<string, string> = { '"': "#quot;", "#": "#35;", "<": "#lt;", "&": "#amp;", "`": "#96;" };
  return escapeControls(s).replace(/["#<&`]/g, (c) => codes[c]);
}

/**
 * The inside of a Graphviz quoted string (an id or a label): `"` and `\` escaped, so that a name
 * neither ends the string nor makes a label escape like `\N`; `&` as `&amp;`, because Graphviz
 * decodes entities in labels (`&lt;` would be drawn as `<`); controls shown as escapes. Graphviz
 * itself escapes `<`, `>` and `&` when it writes SVG.
 */
export function dotText(s: string): string {
  return escapeControls(s).replace(/["\\]/g, "\\$&").replace(/&/g, "&amp;");
}

/** A `/`-separated relative path as a URI reference: each segment percent-encoded (`#`, `?`, `%`, spaces, non-ASCII). */
export function uriPath(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}
