/**
 * From internal sites (a source file and offsets) to the result's locations: 1-based lines and
 * columns (UTF-16 code units, lines split as LSP and VS Code split them: lines.ts), paths
 * relative to a directory with `/` separators, or absolute for editors.
 *
 * Owns: that one conversion. Must not: know anything about locks.
 */
import * as path from "node:path";
import type { ts } from "@ts-morph/common";
import { lineMapOf } from "./lines";
import type { Location, Site } from "./model";

export interface Locator {
  file(sf: ts.SourceFile): string;
  loc(site: Site): Location;
}

/** `cwd` undefined: absolute paths. */
export function locator(cwd: string | undefined): Locator {
  const relative = new Map<ts.SourceFile, string>();
  const file = (sf: ts.SourceFile) => {
    if (cwd === undefined) return sf.fileName;
    let rel = relative.get(sf);
    if (rel === undefined) relative.set(sf, (rel = resultFileName(sf.fileName, cwd)));
    return rel;
  };
  return {
    file,
    loc(site: Site): Location {
      const lines = lineMapOf(site.sf);
      const a = lines.position(site.start);
      const b = lines.position(site.end);
      return { file: file(site.sf), line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
    },
  };
}

/** A file's name in the result: relative to `cwd`, with `/` separators; absolute when `cwd` is undefined. */
export function resultFileName(fileName: string, cwd: string | undefined): string {
  return cwd === undefined ? fileName : path.relative(cwd, fileName).split(path.sep).join("/");
}
