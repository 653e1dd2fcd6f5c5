/**
 * What a check's cached answer is keyed by, besides file contents (cache/resultCache.ts): the run
 * key (Lockorder's version, the command, its format and options, the paths as given and the
 * working folder, which the output's paths are relative to), the folders whose listings count,
 * and the files an analysis read.
 *
 * Owns: those three answers. Must not: import the compiler at run time (the key is computed
 * before deciding whether to load it), or read any file.
 */
import * as path from "node:path";
import type { AnalysisState } from "../analyze";
import { VERSION, type Options } from "../cliArgs";

/** The run key: everything of the run other than files that its answer depends on. */
export function cacheKey(options: Options, format: string): string {
  return JSON.stringify({ version: VERSION, node: process.version, command: options.command, format, paths: options.paths, cwd: process.cwd(), maxFileSize: options.maxFileSize ?? null });
}

/** The key of the summaries a run keeps (summaryStore.ts): as cacheKey, whatever the output's format. */
export function modelKey(options: Options): string {
  return cacheKey(options, "");
}

/** The folders whose listings are part of the fingerprint: each folder given, and the folder of each tsconfig or file given. */
export function inputFolders(paths: readonly string[]): string[] {
  return (paths.length > 0 ? paths : ["."]).map((p) => {
    const abs = path.resolve(p);
    return /\.(json|ts|tsx|mts|cts)$/.test(abs) ? path.dirname(abs) : abs;
  });
}

/**
 * Every file the analysis read: the program's files (the model, what it imports, the lockorder
 * module's declarations; the compiler's own lib files are in memory, part of the version), and the
 * tsconfig with every tsconfig it extends.
 */
export function readFiles(state: AnalysisState): string[] {
  const files = state.program.getSourceFiles().map((sf) => sf.fileName).filter((f) => path.isAbsolute(f));
  return [...files, ...(state.configFiles ?? [])].map((f) => path.resolve(f));
}
