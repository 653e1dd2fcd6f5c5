/**
 * The `lockorder` command line (README.md#command-line).
 *
 * Owns: the entry point: arguments, help and version, the cached answer of `check --cache`, and otherwise handing the command to cliRun.ts.
 * Must not: analyse or fix anything itself, or load the compiler before it is needed (a cached answer loads none of it).
 */
import { cacheFile, readCache, type CacheContents, type CachedAnswer } from "./cache/resultCache";
import { cacheKey } from "./cache/runInputs";
import { exitStatus, FORMATS, parseArgs, USAGE, VERSION, type Options, type Writable } from "./cliArgs";
import type { OutputStream } from "./output/stream";

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
  let kept: unknown;
  if (options.cache !== undefined) {
    options.cache = cacheFile(options.cacheLocation, process.cwd());
    const contents = readCache(options.cache);
    const status = contents && answerFromCache(options, contents, stdout, stderr);
    if (status !== undefined) return status;
    kept = contents?.extra;
  }
  // Loaded here, not imported above: the analysis brings the compiler (12 MB), which a cached answer does without.
  const { run } = require("./cliRun") as typeof import("./cliRun");
  return run(options, stdout, stderr, kept);
}

/**
 * The answer of a check from its cache file, when nothing it was computed from changed: written as
 * the run that stored it wrote it, with its exit status. Undefined when there is none.
 */
function answerFromCache(options: Options, contents: CacheContents<CachedAnswer>, stdout: OutputStream, stderr: Writable): number | undefined {
  const started = performance.now();
  const format = options.format ?? FORMATS.check[0];
  const answer = contents.answer(cacheKey(options, format));
  if (!answer) return undefined;
  const { counts } = answer;
  for (const e of counts.internalErrors) stderr.write(`lockorder: internal error ${e}\n`);
  stdout.write(answer.output);
  if (options.stats) {
    const stats = `files: ${counts.files} (answered from ${options.cache}: nothing it was computed from changed)\ntime: cache ${(performance.now() - started).toFixed(0)} ms\n`;
    if (format === "text") stdout.write(stats);
    else stderr.write(stats);
  }
  return exitStatus(counts, options.maxWarnings);
}
