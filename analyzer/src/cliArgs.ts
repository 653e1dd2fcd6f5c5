/**
 * The `lockorder` command line's arguments (README.md#command-line): the usage text, the
 * commands, formats and options, and the exit status of a check from its outcome.
 *
 * Owns: parsing argv into Options, and exitStatus. Must not: import the compiler or the analysis (the cached answer of `check --cache` needs none of them).
 */
import { DEFAULT_MAX_FILE_SIZE } from "./files";

export interface Writable {
  write(text: string): unknown;
}

export const USAGE = `usage: lockorder <command> [paths…] [options]

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
  --cache                check: answer from the cache file when nothing the last run read
                         changed (no analysis); otherwise analyse and store the answer
  --cache-location PATH  the cache file, or a folder for it (default ./.lockordercache)
  -h, --help             this text
  -v, --version          the version
`;

export const VERSION = "0.1.0";

export type Command = "check" | "order" | "graph" | "doc" | "fix";
const COMMANDS: readonly Command[] = ["check", "order", "graph", "doc", "fix"];
export const FORMATS: Record<Command, readonly string[]> = { check: ["text", "json", "sarif"], order: ["text"], graph: ["dot", "mermaid", "svg"], doc: ["markdown"], fix: ["text", "json", "sarif"] };

export interface Options {
  command: Command;
  paths: string[];
  format?: string;
  maxWarnings?: number;
  maxFileSize?: number;
  stats: boolean;
  dryRun: boolean;
  /** `--cache`: the cache file to answer from and store into (resultCache.ts). */
  cache?: string;
  cacheLocation?: string;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Options | "help" | "version" {
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
      case "--cache":
        options.cache = "";
        break;
      case "--cache-location":
        options.cacheLocation = value();
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
  if (options.cacheLocation !== undefined && options.cache === undefined) throw new UsageError("--cache-location names the file of --cache");
  if (options.cache !== undefined && options.command !== "check") throw new UsageError(`--cache is an option of check, not of ${options.command}`);
  return options;
}

/** What a check's exit status depends on. */
export interface Outcome {
  readonly errors: number;
  readonly warnings: number;
  readonly configError: boolean;
}

/**
 * The exit status of check and fix: 2 for a tsconfig error (a configuration error,
 * README.md#command-line, though the model was analysed and printed), 1 for an error diagnostic
 * or more warnings than --max-warnings, else 0. Silenced diagnostics count for nothing.
 */
export function exitStatus(outcome: Outcome, maxWarnings: number | undefined): number {
  if (outcome.configError) return 2;
  if (outcome.errors > 0) return 1;
  if (maxWarnings !== undefined && outcome.warnings > maxWarnings) return 1;
  return 0;
}
