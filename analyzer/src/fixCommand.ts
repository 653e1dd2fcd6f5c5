/**
 * `lockorder fix` on files on disk (README.md#fixing-from-the-command-line): the model loaded as
 * `check` loads it (same paths, tsconfig and read limits), the fixes safe to apply unattended
 * applied one at a time by the fix engine (fixes/engine.ts), each changed file's fixed text parsed
 * again on its own, and the files written.
 *
 * Owns: the session over the files on disk, which files a run changed and by which fixes, the parse
 * check (a fixed text that does not parse is never written, and then no file is), writing.
 * Must not: print anything (output/fixReport.ts and cli.ts do), or choose and verify fixes (the
 * engine does).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import type { AnalysisState } from "./analyze";
import type { Fix } from "./fixes";
import { fixUnattended, HostSession } from "./fixes/engine";
import type { ReadLimits } from "./files";
import type { Location } from "./model";
import { ModelHost, resolveInputs } from "./program";

/** A file a run changed. */
export interface FixedFile {
  /** Its absolute file name (where it is written). */
  readonly fileName: string;
  /** As the result names it: relative to the working directory, `/`-separated. */
  readonly file: string;
  readonly before: string;
  readonly after: string;
  /** The fixes that edited it, in the order they were applied. */
  readonly fixes: readonly Fix[];
}

export interface FixOutcome {
  /** The fixes applied, in order. */
  readonly applied: readonly Fix[];
  /** The files whose text changed, in path order. */
  readonly files: readonly FixedFile[];
  /** The analysis of the model with every fix applied (of the model as it was, when none was). */
  readonly state: AnalysisState;
  /** Why nothing was tried: the model has a configuration error (its tsconfig is wrong). */
  readonly configError: boolean;
  /**
   * The first changed file whose fixed text does not parse, at the compiler's first syntax error,
   * and whether its text before the fixes did not parse either.
   */
  readonly unparsable?: { readonly at: Location; readonly message: string; readonly before: boolean };
}

/**
 * Applies the unattended fixes to the model of these paths, in memory: nothing is written (see
 * writeFixedFiles). Throws ConfigError as analyzePaths does (a path that does not exist).
 */
export function fixPaths(paths: readonly string[], limits: ReadLimits = {}): FixOutcome {
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."], limits);
  const host = new ModelHost(inputs.options, limits);
  host.setRootFiles(inputs.files);
  const session = new HostSession(host, { problems: inputs.problems });
  // Fixes verified against options that could not be read are verified against the wrong model.
  if (session.state.result.diagnostics.some((d) => d.code === "config-error")) return { applied: [], files: [], state: session.state, configError: true };
  const original = new Map(session.state.files.map((sf) => [path.resolve(sf.fileName), sf.text]));
  const run = fixUnattended(session);
  const { state } = run;
  const files: FixedFile[] = [];
  for (const sf of state.files) {
    const fileName = path.resolve(sf.fileName);
    const after = run.texts.get(fileName);
    const before = original.get(fileName);
    if (after === undefined || before === undefined || after === before) continue;
    const file = state.locator.file(sf);
    files.push({ fileName, file, before, after, fixes: run.applied.filter((fix) => fix.edits.some((e) => e.range.file === file)) });
  }
  return { applied: run.applied, files, state, configError: false, unparsable: firstSyntaxError(files, state) };
}

/**
 * The first syntax error of the fixed texts, each parsed afresh on its own (the fix was verified
 * on the analysis's program; this checks the very text that would be written).
 */
function firstSyntaxError(files: readonly FixedFile[], state: AnalysisState): FixOutcome["unparsable"] {
  for (const f of files) {
    const sf = ts.createSourceFile(f.fileName, f.after, ts.ScriptTarget.Latest, false);
    const first = syntaxErrors(sf)[0];
    if (!first) continue;
    const before = syntaxErrors(ts.createSourceFile(f.fileName, f.before, ts.ScriptTarget.Latest, false)).length > 0;
    return { at: state.locator.loc({ sf, start: first.start, end: first.start + first.length }), message: ts.flattenDiagnosticMessageText(first.messageText, "\n"), before };
  }
  return undefined;
}

/** The parser's errors (not part of the compiler's public types, but what tsc reports first). */
function syntaxErrors(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
}

/**
 * Writes the fixed files, in order. Throws, at the first that cannot be written, an error that
 * says which were written before it.
 */
export function writeFixedFiles(files: readonly FixedFile[]): void {
  const written: string[] = [];
  for (const f of files) {
    try {
      fs.writeFileSync(f.fileName, f.after);
    } catch (error) {
      throw new FixWriteError(f.file, (error as Error).message, written);
    }
    written.push(f.file);
  }
}

export class FixWriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly written: readonly string[],
  ) {
    super(reason);
  }
}
