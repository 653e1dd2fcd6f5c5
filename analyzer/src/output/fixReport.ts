/**
 * What `lockorder fix` prints about its fixes (README.md#fixing-from-the-command-line): one
 * `file: <fix title>` line per fix and file it changed, grouped by file, then how many fixes and
 * files; and for `--dry-run` the unified diff of every changed file, with git's `a/` and `b/`
 * labels, so that `git apply` (or `patch -p1`) run in the working directory makes the change.
 *
 * Owns: the rendering of a fix run. Must not: decide, verify or apply fixes (fixes/engine.ts,
 * fixCommand.ts do), or escape the diff's contents (it must apply byte for byte).
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { messages } from "../diagnostics";
import type { FixedFile } from "../fixCommand";
import { escapeControls } from "./escape";

/** The report lines, each ending in a newline: the fixes per file, then the count (or that there was nothing to do). */
export function* fixReport(files: readonly FixedFile[], applied: number, dryRun: boolean): Generator<string> {
  if (applied === 0) {
    yield messages.noFixesToApply() + "\n";
    return;
  }
  for (const f of files) for (const fix of f.fixes) yield escapeControls(`${f.file}: ${fix.title}`) + "\n";
  yield messages.fixesApplied(applied, files.length, dryRun) + "\n";
}

/** The unified diff of every changed file, in path order, with git's three lines of context. */
export function* fixDiff(files: readonly FixedFile[]): Generator<string> {
  for (const f of files) {
    yield createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.before, f.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  }
}
