/**
 * A workspace folder as a Lockorder model: which files it has (its tsconfig's, or the `.ts` files
 * that import `lockorder`), open documents overlaid on the disk, and the latest analysis.
 *
 * Owns: file discovery, the ModelHost of the folder, and collecting what discovery and loading
 * could not read (for the analysis to report). Must not: talk LSP (server.ts does); read a file
 * of the workspace except through the analyzer's safe reader (a workspace is untrusted input).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  Analyzer,
  cachedAnswer,
  cacheFolder,
  compareOrdinal,
  configuredFiles,
  DEFAULT_MAX_FILE_SIZE,
  EditorQueries,
  FixEngine,
  FixFinder,
  importedModules,
  importsLockorder,
  listSourceFiles,
  LOCKORDER_MODULE,
  ModelHost,
  problemOf,
  readConfig,
  readModelFile,
  storeAnswer,
  textProblem,
  VERSION,
  type AnalysisState,
  type FileProblem,
  type ModelConfig,
  type ReadLimits,
  type ReadResult,
  type ResultDiagnostic,
} from "lockorder/analyzer";

/** What the server keeps of a folder's analysis for its next start (see Workspace.cachedResult). */
export interface CachedResult {
  readonly diagnostics: readonly ResultDiagnostic[];
  readonly files: readonly string[];
}

export interface Snapshot {
  readonly state: AnalysisState;
  readonly queries: EditorQueries;
  readonly fixes: FixFinder;
  /** The fixes of each possible deadlock, verified by analysing the workspace with each applied. */
  readonly engine: FixEngine;
  readonly durationMs: number;
  /** Bumped by each analysis; the pull diagnostics' result id. */
  readonly generation: number;
}

export class Workspace {
  private host: ModelHost;
  /** The folder's tsconfig as last read (its options, files and errors), or the defaults. */
  private config: ModelConfig;
  private files = new Set<string>();
  /** What discovery could not read: folders not listed, files not read. */
  private discoveryProblems: FileProblem[] = [];
  /** Open documents outside the folder's files that import lockorder (single-file use). */
  private readonly extra = new Set<string>();
  private readonly openTexts = new Map<string, string>();
  private generation = 0;
  /**
   * Keeps per-file summaries between analyses, so an edit re-summarises only what it affects; also
   * the what-if analyses of quick fixes, which then cost an edit's analysis, not a cold one.
   */
  private readonly analyzer = new Analyzer();
  latest: Snapshot | undefined;

  constructor(
    readonly root: string,
    private maxFileSize = DEFAULT_MAX_FILE_SIZE,
  ) {
    this.config = this.readConfig();
    this.host = this.newHost();
    this.discover();
  }

  private get limits(): ReadLimits {
    return { maxFileSize: this.maxFileSize };
  }

  /** The folder's tsconfig.json; a broken one still gives the options it could, and its errors. */
  private readConfig(): ModelConfig {
    const tsconfig = path.join(this.root, "tsconfig.json");
    return readConfig(fs.existsSync(tsconfig) ? tsconfig : undefined, this.limits);
  }

  private newHost(): ModelHost {
    const host = new ModelHost(this.config.options, this.limits);
    for (const [f, text] of this.openTexts) host.setOverlay(f, text);
    return host;
  }

  /** The size limit of the files read (setting lockorder.maxFileSize): everything is read again. */
  setMaxFileSize(bytes: number): void {
    if (bytes === this.maxFileSize) return;
    this.maxFileSize = bytes;
    this.config = this.readConfig();
    this.host = this.newHost();
    this.discover();
  }

  /** Finds the model's files again (after files were created or deleted on disk). */
  discover(): void {
    let found: { files: string[]; problems: FileProblem[] } = { files: [], problems: [] };
    if (this.config.tsconfig) {
      // Read again: its `include` patterns may match files created since.
      this.config = this.readConfig();
      found = configuredFiles(this.config, this.root, this.limits);
    } else if (fs.existsSync(this.root)) {
      const listed = listSourceFiles(this.root);
      const closure = modelClosure(listed.files, (f) => {
        const open = this.openTexts.get(f);
        if (open === undefined) return readModelFile(f, this.limits);
        const problem = textProblem(open, this.limits);
        return problem === undefined ? { text: open } : { problem };
      });
      found = { files: closure.files, problems: [...listed.problems, ...closure.problems] };
    }
    this.files = new Set(found.files);
    this.discoveryProblems = found.problems;
    this.updateRoots();
  }

  private updateRoots(): void {
    this.analysedCache.clear();
    this.host.setRootFiles([...this.files, ...this.extra]);
  }

  contains(file: string): boolean {
    return this.files.has(file) || this.extra.has(file);
  }

  /** Whether a file lies in this folder. */
  covers(file: string): boolean {
    const rel = path.relative(this.root, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  }

  /** An open document's text; undefined when it is closed (the disk counts again). */
  setText(file: string, text: string | undefined): void {
    if (text === undefined) this.openTexts.delete(file);
    else this.openTexts.set(file, text);
    this.host.setOverlay(file, text);
    if (text !== undefined && !this.contains(file) && importsLockorder(text)) {
      if (this.covers(file) && !this.config.tsconfig) this.files.add(file);
      else this.extra.add(file);
      this.updateRoots();
    } else if (text === undefined && this.extra.delete(file)) {
      this.updateRoots();
    }
  }

  /** A file changed on disk (created, changed or deleted). */
  fileChanged(file: string): void {
    this.host.invalidate(file);
    if (path.basename(file) === "tsconfig.json" && path.dirname(file) === this.root) {
      this.config = this.readConfig();
      this.host = this.newHost();
    }
    this.discover();
  }

  /**
   * Analyses the model. While an open document does not parse (the user is typing), the last good
   * analysis stays in force: its results would otherwise flicker with every keystroke.
   */
  analyze(): Snapshot {
    const started = performance.now();
    const [program, files, problems] = this.load();
    if (this.latest && files.some((sf) => this.openTexts.has(this.host.resolve(sf.fileName)) && program.getSyntacticDiagnostics(sf).length > 0)) {
      return this.latest;
    }
    const state = this.analyzer.analyze(program, files, { absolutePaths: true, problems });
    const snapshot: Snapshot = { ...this.views(state), durationMs: performance.now() - started, generation: ++this.generation };
    this.latest = snapshot;
    return snapshot;
  }

  /**
   * The program, the files to analyse (the model's and every source file they reach in the
   * folder), and what was not read: the tsconfig's errors, discovery's and the program's.
   */
  private load() {
    const { program, problems } = this.host.load();
    const files = program
      .getSourceFiles()
      .filter((sf) => !sf.isDeclarationFile && this.analysed(sf.fileName))
      .sort((a, b) => compareOrdinal(a.fileName, b.fileName));
    return [program, files, [...this.config.problems, ...this.discoveryProblems, ...problems]] as const;
  }

  /** Answers, by a program's file name, whether the file is analysed (asked for every file after each edit). */
  private readonly analysedCache = new Map<string, boolean>();

  private analysed(fileName: string): boolean {
    let yes = this.analysedCache.get(fileName);
    if (yes === undefined) {
      const abs = this.host.resolve(fileName);
      yes = !fileName.includes("/node_modules/") && (this.contains(abs) || this.covers(abs));
      this.analysedCache.set(fileName, yes);
    }
    return yes;
  }

  /**
   * The diagnostics and files of the folder's last analysis, as the last server stored them
   * (docs/architecture.md#the-result-cache), when nothing they were computed from changed and no
   * open document differs from the disk: published on start, before the first analysis ends.
   */
  cachedResult(): CachedResult | undefined {
    const file = this.resultCacheFile();
    return file && this.openMatchesDisk() ? cachedAnswer<CachedResult>(file, this.resultCacheKey()) : undefined;
  }

  /** Keeps the latest analysis's diagnostics for the next start, if it analysed the texts on disk. */
  storeResult(): void {
    const file = this.resultCacheFile();
    const state = this.latest?.state;
    if (!file || !state || !this.openMatchesDisk()) return;
    const read = state.program.getSourceFiles().map((sf) => sf.fileName).filter((f) => path.isAbsolute(f));
    const answer: CachedResult = { diagnostics: state.result.diagnostics, files: state.result.details.files };
    storeAnswer<CachedResult>(file, this.resultCacheKey(), [this.root], [...read, ...this.config.configFiles], answer);
  }

  private resultCacheFile(): string | undefined {
    const folder = cacheFolder();
    return folder && path.join(folder, "diagnostics", crypto.createHash("sha1").update(this.root).digest("hex"));
  }

  private resultCacheKey(): string {
    return JSON.stringify({ version: VERSION, node: process.version, root: this.root, maxFileSize: this.maxFileSize });
  }

  private openMatchesDisk(): boolean {
    for (const [file, text] of this.openTexts) if (readModelFile(file, this.limits).text !== text) return false;
    return true;
  }

  /** Analyses the model with some files' texts replaced (by file name), without changing the workspace. */
  analyzeWith(texts: ReadonlyMap<string, string>): Snapshot {
    for (const [file, text] of texts) this.host.setOverlay(file, text);
    try {
      const [program, files, problems] = this.load();
      // The workspace's own incremental analyzer: only the edited files are summarised again (a
      // second analyzer would start cold), and an analysis depends on the texts alone.
      const state = this.analyzer.analyze(program, files, { absolutePaths: true, problems });
      return { ...this.views(state), durationMs: 0, generation: this.generation };
    } finally {
      for (const file of texts.keys()) this.host.setOverlay(file, this.openTexts.get(this.host.resolve(file)));
    }
  }

  /** What the editor features read of an analysis; fixes are verified with the texts they change. */
  private views(state: AnalysisState): Pick<Snapshot, "state" | "queries" | "fixes" | "engine"> {
    return { state, queries: new EditorQueries(state), fixes: new FixFinder(state), engine: new FixEngine({ state, analyzeWith: (texts) => this.analyzeWith(texts).state }) };
  }
}

/**
 * Without a tsconfig the model is the files that import lockorder, and, transitively, the files
 * that import those (a driver's registration file need not import lockorder itself); what they
 * import joins through the program. Imports are read by the analyzer's scan, no parse.
 * A file that could not be read is reported: whether it belongs to the model is unknown.
 */
function modelClosure(all: readonly string[], read: (f: string) => ReadResult): { files: string[]; problems: FileProblem[] } {
  const known = new Set(all);
  const importers = new Map<string, string[]>();
  const included = new Set<string>();
  const problems: FileProblem[] = [];
  for (const file of all) {
    const { text, problem } = read(file);
    if (problem !== undefined) {
      problems.push(problemOf(file, problem));
      continue;
    }
    const modules = importedModules(text);
    if (modules.includes(LOCKORDER_MODULE)) included.add(file);
    for (const spec of modules) {
      if (!spec.startsWith(".")) continue;
      const target = resolveRelative(path.resolve(path.dirname(file), spec), known);
      if (!target) continue;
      let list = importers.get(target);
      if (!list) importers.set(target, (list = []));
      list.push(file);
    }
  }
  const pending = [...included];
  while (pending.length > 0) {
    for (const importer of importers.get(pending.pop()!) ?? []) {
      if (!included.has(importer)) {
        included.add(importer);
        pending.push(importer);
      }
    }
  }
  return { files: [...included].sort(), problems };
}

function resolveRelative(base: string, known: ReadonlySet<string>): string | undefined {
  const stripped = base.replace(/\.(js|mjs|cjs)$/, "");
  for (const candidate of [stripped, `${stripped}.ts`, `${stripped}.tsx`, `${stripped}.mts`, `${stripped}.cts`, path.join(stripped, "index.ts")]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}
