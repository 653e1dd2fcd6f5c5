/**
 * The `lockorder` command line (README.md#command-line).
 *
 * Owns: argument parsing, choosing the output format, and the exit status (0 clean, 1 an error
 * diagnostic or warnings over --max-warnings, 2 a usage or configuration error; `fix` exits as
 * `check` on the fixed model).
 * Must not: analyse or fix anything itself; it is a thin layer over analyzePaths and fixPaths.
 */
import * as path from "node:path";
import { analyzePathsState, type AnalysisState } from "./analyze";
import { messages } from "./diagnostics";
import { fixPaths, FixWriteError, writeFixedFiles, type FixOutcome } from "./fixCommand";
import type { AnalysisResult } from "./model";
import { fixDiff, fixReport } from "./output/fixReport";
import { toDoc } from "./output/doc";
import { sarifOutput } from "./output/sarif";
import { toDot, toMermaid, toSvg } from "./output/graph";
import { jsonOutput } from "./output/json";
import { toOrder } from "./output/order";
import { StreamWriter, type OutputStream } from "./output/stream";
import { textOutput } from "./output/text";
import { DEFAULT_MAX_FILE_SIZE } from "./files";
import { ConfigError } from "./program";

interface Writable {
  write(text: string): unknown;
}

const USAGE = `usage: lockorder <command> [paths…] [options]

commands:
  check   report possible deadlocks and lock misuse (default)
  order   print the global lock order, one lock a line with its rank
  graph   draw the lock graph
  doc     write the model's locking document (Markdown)
  fix     apply the fixes safe to apply unattended (cycle-wide reorders, did-you-mean),
          write the files, then check the fixed model as check does

options:
  --format text|json|sarif  output format of check and fix (default text)
  --format dot|mermaid|svg  output format of graph (default dot; svg is rendered offline)
  --max-warnings N       exit 1 when there are more than N warnings
  --max-file-size BYTES  files larger than this are not analysed (default ${DEFAULT_MAX_FILE_SIZE}, 4 MiB)
  --dry-run              fix: write nothing; print the fixes as a unified diff, and exit as
                         check would on the fixed model
  --stats                print files, functions, locks, edges, unresolved calls, time per phase
  -h, --help             this text
  -v, --version          the version
`;

const VERSION = "0.1.0";

type Command = "check" | "order" | "graph" | "doc" | "fix";
const COMMANDS: readonly Command[] = ["check", "order", "graph", "doc", "fix"];
const FORMATS: Record<Command, readonly string[]> = { check: ["text", "json", "sarif"], order: ["text"], graph: ["dot", "mermaid", "svg"], doc: ["markdown"], fix: ["text", "json", "sarif"] };

interface Options {
  command: Command;
  paths: string[];
  format?: string;
  maxWarnings?: number;
  maxFileSize?: number;
  stats: boolean;
  dryRun: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options | "help" | "version" {
  const options: Options = { command: "check", paths: [], stats: false, dryRun: false };
  const args = [...argv];
  if ((COMMANDS as readonly string[]).includes(args[0])) options.command = args.shift() as Command;
  else if (args[0] && !args[0].startsWith("-") && !args[0].includes(".") && !args[0].includes("/")) {
    throw new UsageError(`unknown command '${args[0]}'`);
  }
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args.shift();
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "-v":
      case "--version":
        return "version";
      case "--format":
        options.format = value();
        break;
      case "--max-warnings": {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings takes a whole number, not '${v}'`);
        options.maxWarnings = n;
        break;
      }
      case "--max-file-size": {
        const v = value();
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--max-file-size takes a number of bytes, not '${v}'`);
        options.maxFileSize = n;
        break;
      }
      case "--stats":
        options.stats = true;
        break;
      case "--dry-run":
        options.dryRun = true;
        break;
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option '${flag}'`);
        options.paths.push(arg);
    }
  }
  const formats = FORMATS[options.command];
  if (options.format !== undefined && !formats.includes(options.format)) {
    throw new UsageError(`unknown format '${options.format}' for ${options.command} (expected ${formats.join(", ")})`);
  }
  if (options.dryRun && options.command !== "fix") throw new UsageError(`--dry-run is an option of fix, not of ${options.command}`);
  // The diff is the whole output of a dry run, so that it can go straight to `git apply`.
  if (options.dryRun && options.format !== undefined) throw new UsageError("--dry-run prints a diff; --format is for fix without it");
  return options;
}

function statsText(result: AnalysisResult): string {
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

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[], stdout: OutputStream, stderr: Writable): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    stderr.write(`lockorder: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    stdout.write(USAGE);
    return 0;
  }
  if (options === "version") {
    stdout.write(`lockorder ${VERSION}\n`);
    return 0;
  }
  let state: AnalysisState;
  let fixed: FixOutcome | undefined;
  try {
    if (options.command === "fix") state = (fixed = fixPaths(options.paths, { maxFileSize: options.maxFileSize })).state;
    else state = analyzePathsState(options.paths, { maxFileSize: options.maxFileSize });
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`lockorder: ${error.message}\n`);
      return 2;
    }
    stderr.write(`lockorder: internal error: ${(error as Error).stack ?? error}\n`);
    return 2;
  }
  const result = state.result;
  for (const e of result.details.internalErrors) stderr.write(`lockorder: internal error ${e}\n`);
  const format = options.format ?? FORMATS[options.command][0];
  // Written as a stream: a result of any size needs about one record of memory, a slow reader
  // is waited for, and a reader that stops early (`| head`) just ends the output.
  const out = new StreamWriter(stdout);
  if (fixed) {
    const status = await reportFixes(fixed, options, format, out, stderr);
    if (status !== undefined) return status;
  }
  if (options.command === "order") await out.write([toOrder(result)]);
  else if (options.command === "graph") await out.write([format === "svg" ? await toSvg(result) : format === "mermaid" ? toMermaid(result) : toDot(result)]);
  else if (options.command === "doc") await out.write([toDoc(state, docTitle(options.paths))]);
  // A dry run's output is its diff; its exit status below says how check would find the fixed model.
  else if (!options.dryRun) await out.write(format === "json" ? jsonOutput(result) : format === "sarif" ? sarifOutput(result, VERSION, process.cwd()) : textOutput(result));
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
  // A tsconfig error is a configuration error (exit status 2, README.md#command-line), though the
  // model was analysed and printed.
  if (result.diagnostics.some((d) => d.code === "config-error")) return 2;
  // A diagnostic silenced by a suppression comment counts for nothing (docs/annotations.md#suppressions).
  const shown = result.diagnostics.filter((d) => !d.suppressed);
  const errors = shown.filter((d) => d.severity === "error").length;
  const warnings = shown.length - errors;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) return 1;
  return 0;
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
