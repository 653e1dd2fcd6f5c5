/**
 * A workspace folder as a Lockorder model: which files it has (its tsconfig's, or the `.ts` files
 * that import `lockorder`), open documents overlaid on the disk, and the latest analysis.
 *
 * Owns: file discovery and the ModelHost of the folder. Must not: talk LSP (server.ts does).
 */
import * as fs from "node:fs";
import { ts } from "@ts-morph/common";
import * as path from "node:path";
import {
  Analyzer,
  EditorQueries,
  FixFinder,
  importsLockorder,
  listSourceFiles,
  ModelHost,
  optionsFor,
  resolveInputs,
  type AnalysisState,
} from "lockorder/analyzer";

export interface Snapshot {
  readonly state: AnalysisState;
  readonly queries: EditorQueries;
  readonly fixes: FixFinder;
  readonly durationMs: number;
  /** Bumped by each analysis; the pull diagnostics' result id. */
  readonly generation: number;
}

export class Workspace {
  private host: ModelHost;
  private tsconfig: string | undefined;
  private files = new Set<string>();
  /** Open documents outside the folder's files that import lockorder (single-file use). */
  private readonly extra = new Set<string>();
  private readonly openTexts = new Map<string, string>();
  private generation = 0;
  /** Keeps per-file summaries between analyses, so an edit re-summarises only what it affects. */
  private readonly analyzer = new Analyzer();
  /** A second one for what-if analyses (checking a quick fix), so they leave the first untouched. */
  private readonly scratch = new Analyzer();
  latest: Snapshot | undefined;

  constructor(readonly root: string) {
    this.tsconfig = fs.existsSync(path.join(root, "tsconfig.json")) ? path.join(root, "tsconfig.json") : undefined;
    this.host = new ModelHost(this.safeOptions());
    this.discover();
  }

  private safeOptions() {
    try {
      return optionsFor(this.tsconfig);
    } catch {
      // A broken tsconfig still lets the model be analysed with the defaults.
      this.tsconfig = undefined;
      return optionsFor(undefined);
    }
  }

  /** Finds the model's files again (after files were created or deleted on disk). */
  discover(): void {
    let files: string[] = [];
    if (this.tsconfig) {
      try {
        files = resolveInputs([path.dirname(this.tsconfig)]).files;
      } catch {
        files = [];
      }
    } else if (fs.existsSync(this.root)) {
      files = modelClosure(listSourceFiles(this.root), (f) => this.openTexts.get(f) ?? safeRead(f));
    }
    this.files = new Set(files);
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
      if (this.covers(file) && !this.tsconfig) this.files.add(file);
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
      this.tsconfig = fs.existsSync(file) ? file : undefined;
      this.host = new ModelHost(this.safeOptions());
      for (const [f, text] of this.openTexts) this.host.setOverlay(f, text);
    }
    this.discover();
  }

  /**
   * Analyses the model. While an open document does not parse (the user is typing), the last good
   * analysis stays in force: its results would otherwise flicker with every keystroke.
   */
  analyze(): Snapshot {
    const started = performance.now();
    const [program, files] = this.load();
    if (this.latest && files.some((sf) => this.openTexts.has(this.host.resolve(sf.fileName)) && program.getSyntacticDiagnostics(sf).length > 0)) {
      return this.latest;
    }
    const state = this.analyzer.analyze(program, files, { absolutePaths: true });
    const snapshot: Snapshot = {
      state,
      queries: new EditorQueries(state),
      fixes: new FixFinder(state),
      durationMs: performance.now() - started,
      generation: ++this.generation,
    };
    this.latest = snapshot;
    return snapshot;
  }

  /** The program, and the files to analyse: the model's and every source file they reach in the folder. */
  private load(): [ts.Program, ts.SourceFile[]] {
    const { program } = this.host.load();
    const files = program
      .getSourceFiles()
      .filter((sf) => !sf.isDeclarationFile && this.analysed(sf.fileName))
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
    return [program, files];
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

  /** Analyses the model with one file's text replaced, without changing the workspace. */
  analyzeWith(file: string, text: string): Snapshot {
    const saved = this.openTexts.get(file);
    this.host.setOverlay(file, text);
    try {
      const state = this.scratch.analyze(...this.load(), { absolutePaths: true });
      return { state, queries: new EditorQueries(state), fixes: new FixFinder(state), durationMs: 0, generation: this.generation };
    } finally {
      this.host.setOverlay(file, saved);
    }
  }
}

/**
 * Without a tsconfig the model is the files that import lockorder, and, transitively, the files
 * that import those (a driver's registration file need not import lockorder itself); what they
 * import joins through the program. Imports are read with the compiler's pre-processor, no parse.
 */
function modelClosure(all: readonly string[], read: (f: string) => string): string[] {
  const known = new Set(all);
  const importers = new Map<string, string[]>();
  const included = new Set<string>();
  for (const file of all) {
    const text = read(file);
    if (importsLockorder(text)) included.add(file);
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith(".")) continue;
      const target = resolveRelative(path.resolve(path.dirname(file), ref.fileName), known);
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
  return [...included].sort();
}

function resolveRelative(base: string, known: ReadonlySet<string>): string | undefined {
  const stripped = base.replace(/\.(js|mjs|cjs)$/, "");
  for (const candidate of [stripped, `${stripped}.ts`, `${stripped}.tsx`, `${stripped}.mts`, `${stripped}.cts`, path.join(stripped, "index.ts")]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
