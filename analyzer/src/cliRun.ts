/**
 * The `lockorder` commands' runs (README.md#command-line): analyse or fix, write the output in
 * the format asked for, and the exit status; with `--cache`, store the check's answer.
 *
 * Owns: running a parsed command. Must not: analyse or fix anything itself; it is a thin layer over analyzePaths and fixPaths.
 */
import * as path from "node:path";
import { analyzePathsState } from "./analyze";
import { cacheKey, inputFolders, modelKey, readFiles } from "./cache/runInputs";
import { analyzeStored, keepModel, keptReport, type Analysed, type StoredModel } from "./cache/summaryStore";
import { environmentOf, storeAnswer } from "./cache/resultCache";
import { exitStatus, FORMATS, VERSION, type Options, type Writable } from "./cliArgs";
import { messages } from "./diagnostics";
import { fixPaths, FixWriteError, writeFixedFiles, type FixOutcome } from "./fixCommand";
import type { CheckReport } from "./model";
import { fixDiff, fixReport } from "./output/fixReport";
import { toDoc } from "./output/doc";
import { sarifOutput } from "./output/sarif";
import { toDot, toMermaid, toSvg } from "./output/graph";
import { jsonOutput } from "./output/json";
import { toOrder } from "./output/order";
import { StreamWriter, type OutputStream } from "./output/stream";
import { textOutput } from "./output/text";
import { ConfigError } from "./program";

function statsText(result: CheckReport): string {
  const s = result.details.stats;
  const phases = Object.entries(s.phases)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
    .join(", ");
  // The unresolved calls are the model's blind spots: each names no function of the model, so
  // whatever it locks is not seen.
  const unresolved = s.unresolved.map((u) => `  ${u.file}:${u.line}:${u.column}: ${u.callee}\n`).join("");
  return (
    `files: ${s.files}, functions: ${s.functions}, locks: ${s.locks}, edges: ${s.edges}, ` +
    `calls: ${s.calls} (${s.unresolvedCalls} unresolved)\ntime: ${phases}\n` +
    (unresolved ? `unresolved calls (no lock effect):\n${unresolved}` : "")
  );
}

/** The document's title: the model's folder (or file) name. */
function docTitle(paths: readonly string[]): string {
  const first = path.resolve(paths[0] ?? ".");
  return path.basename(first.replace(/\.(ts|tsx|mts|cts)$/, ""));
}

/**
 * Runs a parsed command: analyses (or fixes), writes the output, and resolves to the exit status.
 * With `--cache`, the check's answer is stored for the next run (cache/resultCache.ts), with the
 * summaries (cache/summaryStore.ts); `kept`, what the last run stored, serves if it can.
 */
export async function run(options: Options, stdout: OutputStream, stderr: Writable, kept?: unknown): Promise<number> {
  const format = options.format ?? FORMATS[options.command][0];
  // Without --cache, every run has the whole analysis; with it, a check may have only its report (earlyCutoff.ts).
  let analysis: Analysed;
  let fixed: FixOutcome | undefined;
  let cached: { keep?: StoredModel; read: readonly string[] } | undefined;
  try {
    if (options.command === "fix") analysis = { state: (fixed = fixPaths(options.paths, { maxFileSize: options.maxFileSize })).state };
    else if (options.cache !== undefined) ({ analysis, ...cached } = analyzeCaching(options, format, kept));
    else analysis = { state: analyzePathsState(options.paths, { maxFileSize: options.maxFileSize }) };
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`lockorder: ${error.message}\n`);
      return 2;
    }
    stderr.write(`lockorder: internal error: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  const state = analysis.state;
  const result: CheckReport = state?.result ?? analysis.report!;
  for (const e of result.details.internalErrors) stderr.write(`lockorder: internal error ${e}\n`);
  // Written as a stream: a result of any size needs about one record of memory, a slow reader
  // is waited for, and a reader that stops early (`| head`) just ends the output.
  const out = new StreamWriter(stdout);
  // What --cache stores: the output as written (text and SARIF; JSON, whose per-function records
  // make it large, is written as a stream and not kept).
  const recording: Recording | undefined = options.cache !== undefined && format !== "json" ? { chunks: [], complete: false } : undefined;
  if (fixed) {
    const status = await reportFixes(fixed, options, format, out, stderr);
    if (status !== undefined) return status;
  }
  // Only a check in text or SARIF runs without the whole analysis (analyzeCaching).
  if (options.command === "order") await out.write([toOrder(state!.result)]);
  else if (options.command === "graph") await out.write([format === "svg" ? await toSvg(state!.result) : format === "mermaid" ? toMermaid(state!.result) : toDot(state!.result)]);
  else if (options.command === "doc") await out.write([toDoc(state!, docTitle(options.paths))]);
  // A dry run's output is its diff; its exit status below says how check would find the fixed model.
  else if (!options.dryRun) {
    const output = format === "json" ? jsonOutput(state!.result) : format === "sarif" ? sarifOutput(result, VERSION, process.cwd()) : textOutput(result);
    await out.write(recording ? recorded(output, recording) : output);
  }
  if (options.stats) {
    if (format === "text" && !options.dryRun) await out.write([statsText(result)]);
    else stderr.write(statsText(result));
  }
  if (out.failure) {
    stderr.write(`lockorder: cannot write the output: ${out.failure.message}\n`);
    return 2;
  }
  // order, graph and doc describe a model, errors and all: their status says only whether they could.
  if (options.command !== "check" && options.command !== "fix") return 0;
  // A diagnostic silenced by a suppression comment counts for nothing (docs/annotations.md#suppressions).
  const shown = result.diagnostics.filter((d) => !d.suppressed);
  const errors = shown.filter((d) => d.severity === "error").length;
  const outcome = { errors, warnings: shown.length - errors, configError: result.diagnostics.some((d) => d.code === "config-error") };
  // An output the reader stopped early (`| head`) is not the answer.
  if (options.cache && cached && !out.failure) {
    const counts = { ...outcome, internalErrors: result.details.internalErrors, files: result.details.stats.files };
    const answer = recording?.complete ? { output: recording.chunks.join(""), counts } : undefined;
    storeAnswer(options.cache, cacheKey(options, format), inputFolders(options.paths), cached.read, answer, cached.keep);
  }
  return exitStatus(outcome, options.maxWarnings);
}

/**
 * A check with --cache: from the summaries the last run kept when they serve (only the files
 * changed since are summarised again; for a text or SARIF output, the last report moved when
 * they say what they said: earlyCutoff.ts), else a fresh analysis that keeps its summaries.
 * What to keep for the next run, and every file the analysis read.
 */
function analyzeCaching(options: Options, format: string, kept: unknown): { analysis: Analysed; keep?: StoredModel; read: readonly string[] } {
  const key = modelKey(options);
  const limits = { maxFileSize: options.maxFileSize };
  // What the analysis read besides the model: the kept summaries serve only while it is unchanged.
  const environment = (alsoRead: readonly string[]) => environmentOf(inputFolders(options.paths), alsoRead, options.cache!);
  const withEnvironment = (keep: StoredModel | undefined) => keep && { ...keep, environment: environment(keep.alsoRead) };
  const previous = kept as StoredModel | undefined;
  if (previous?.key === key && previous.environment === environment(previous.alsoRead)) {
    let stored: ReturnType<typeof analyzeStored>;
    try {
      stored = analyzeStored(options.paths, previous, { ...limits, reportSuffices: format !== "json" });
    } catch {
      // Kept summaries that cannot serve (a cache of another build, or a bug of the store's): a fresh analysis answers.
      stored = undefined;
    }
    if (stored) return { analysis: stored, keep: withEnvironment(stored.keep), read: stored.read };
  }
  let keep: StoredModel | undefined;
  const state = analyzePathsState(options.paths, { ...limits, keep: (model, { complete }) => (keep = complete ? keepModel(key, model) : undefined) });
  return { analysis: { state }, keep: withEnvironment(keep && { ...keep, report: keptReport(state.result) }), read: readFiles(state) };
}

/** An output as written, and whether all of it was. */
interface Recording {
  readonly chunks: string[];
  complete: boolean;
}

/** The output's chunks as written, kept in `into`. */
function* recorded(chunks: Iterable<string>, into: Recording): Iterable<string> {
  for (const chunk of chunks) {
    into.chunks.push(chunk);
    yield chunk;
  }
  into.complete = true;
}

/**
 * Writes the fixed files (unless a dry run) and prints what changed: the diff for a dry run, else
 * the fixes per file, on stdout before the check's text or on stderr beside JSON and SARIF.
 * Resolves to an exit status when the run must stop here.
 */
async function reportFixes(fixed: FixOutcome, options: Options, format: string, out: StreamWriter, stderr: Writable): Promise<number | undefined> {
  if (fixed.configError) {
    stderr.write(`lockorder: ${messages.fixNotApplied()}\n`);
    return undefined;
  }
  if (fixed.unparsable) {
    const { at, message, before } = fixed.unparsable;
    stderr.write(`lockorder: ${messages.fixedTextDoesNotParse(`${at.file}:${at.line}:${at.column}`, message, before)}\n`);
    return 2;
  }
  const report = fixReport(fixed.files, fixed.applied.length, options.dryRun);
  if (options.dryRun) {
    await out.write(fixDiff(fixed.files));
    for (const line of report) stderr.write(line);
    return undefined;
  }
  try {
    writeFixedFiles(fixed.files);
  } catch (error) {
    if (!(error instanceof FixWriteError)) throw error;
    stderr.write(`lockorder: ${messages.cannotWriteFixedFile(error.file, error.reason, error.written)}\n`);
    return 2;
  }
  if (format === "text") await out.write([...report, "\n"]);
  else for (const line of report) stderr.write(line);
  return undefined;
}
