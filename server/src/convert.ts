/**
 * Conversions between the analyzer's plain locations (absolute paths, 1-based lines and
 * UTF-16 columns) and LSP's URIs and 0-based ranges.
 *
 * Owns: that mapping. Must not: know about locks.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Location as LspLocation, Range } from "vscode-languageserver";
import { mdText, type Location } from "lockorder/analyzer";

/** Documents of virtual workspaces (non-`file:` URIs) are analysed under made-up paths. */
const VIRTUAL_ROOT = "/.lockorder-virtual";
const virtualUris = new Map<string, string>();

export function toUri(file: string): string {
  return virtualUris.get(file) ?? pathToFileURL(file).href;
}

/** The path a document is analysed under: its file, or for a virtual document a made-up one. */
export function toPath(uri: string): string | undefined {
  if (uri.startsWith("file:")) return fileURLToPath(uri);
  const match = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(\/[^?#]*)/i.exec(uri);
  if (!match) return undefined;
  const file = `${VIRTUAL_ROOT}/${match[1]}${decodeURIComponent(match[2])}`;
  virtualUris.set(file, uri);
  return file;
}

export function toRange(l: Location): Range {
  return { start: { line: l.line - 1, character: l.column - 1 }, end: { line: l.endLine - 1, character: l.endColumn - 1 } };
}

export function toLspLocation(l: Location): LspLocation {
  return { uri: toUri(l.file), range: toRange(l) };
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** `file.ts:12`, linked to the line, for Markdown (the name escaped; `<…>` keeps a `)` in the URI inside the link). */
export function markdownLink(l: { file: string; line: number }): string {
  const name = l.file.slice(Math.max(l.file.lastIndexOf("/"), l.file.lastIndexOf("\\")) + 1);
  return `[${mdText(name)}:${l.line}](<${toUri(l.file)}#L${l.line}>)`;
}
