/**
 * Loading a model: from paths (files, folders, a tsconfig) to a TypeScript program.
 *
 * Owns: deciding which files form the model and the compiler options used without a tsconfig.
 * Must not: analyse anything. The compiler is the one ts-morph bundles (its `ts` export); the
 * analysis walks the compiler's own nodes and asks its checker, never a second TypeScript.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { getLibFiles, libFolderInMemoryPath } from "@ts-morph/common";
import { ts } from "@ts-morph/common";

export class ConfigError extends Error {}

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

const SKIPPED_DIRS = new Set(["node_modules", "dist", "out", "coverage"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

export interface LoadedModel {
  program: ts.Program;
  /** The files to analyse, in a stable order (sorted by path). */
  files: ts.SourceFile[];
}

/** Every analysable source file below `dir` (no declaration files, no dependencies). */
export function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(full);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

/** Whether a file imports `lockorder` (textual check, used to find models in a workspace). */
export function importsLockorder(text: string): boolean {
  return /from\s+["']lockorder["']|require\(\s*["']lockorder["']\s*\)/.test(text);
}

/**
 * Resolves CLI-style paths to the files of the model. A folder with a `tsconfig.json` uses it; a
 * tsconfig that lists no files (a solution file) falls back to the folder's files that import
 * `lockorder`; a folder without one contributes every source file below it.
 */
export function resolveInputs(paths: readonly string[]): { files: string[]; tsconfig?: string } {
  const files = new Set<string>();
  let tsconfig: string | undefined;
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!fs.existsSync(abs)) throw new ConfigError(`no such file or directory: ${p}`);
    const stat = fs.statSync(abs);
    if (stat.isFile()) {
      if (path.basename(abs).startsWith("tsconfig") && abs.endsWith(".json")) {
        tsconfig = abs;
        continue;
      }
      if (!SOURCE_FILE.test(abs)) throw new ConfigError(`not a TypeScript file: ${p}`);
      files.add(abs);
      continue;
    }
    const candidate = path.join(abs, "tsconfig.json");
    if (fs.existsSync(candidate) && paths.length === 1) {
      const listed = tsconfigFiles(candidate);
      if (listed.length > 0) return { files: listed, tsconfig: candidate };
      for (const f of listSourceFiles(abs)) if (importsLockorder(fs.readFileSync(f, "utf8"))) files.add(f);
      continue;
    }
    for (const f of listSourceFiles(abs)) files.add(f);
  }
  return { files: [...files].sort(), tsconfig };
}

function tsconfigFiles(tsconfig: string): string[] {
  const parsed = readTsconfig(tsconfig);
  return parsed.fileNames.filter((f) => !f.endsWith(".d.ts")).map((f) => path.resolve(f)).sort();
}

function readTsconfig(tsconfig: string): ts.ParsedCommandLine {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (read.error) throw new ConfigError(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
  return ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig));
}

/**
 * Declaration files that never change while the process runs (TypeScript's libs, dependencies'
 * typings), parsed once and shared by every program: re-parsing lib.es2022 for each model would
 * cost more than analysing it. The libs come from ts-morph's bundle, which keeps them in memory.
 */
const immutableFiles = new Map<string, ts.SourceFile>();
const LIB_DIR = libFolderInMemoryPath;
let libTexts: Map<string, string> | undefined;

function libText(fileName: string): string | undefined {
  libTexts ??= new Map(getLibFiles().map((f) => [path.posix.join(LIB_DIR, f.fileName), f.text]));
  return libTexts.get(fileName);
}

function isImmutable(fileName: string): boolean {
  return fileName.startsWith(LIB_DIR + "/") || (fileName.endsWith(".d.ts") && fileName.includes("/node_modules/"));
}

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  // Parsed without parent pointers, as tsc does: binding sets them (see Analyzer.analyze).
  const host = ts.createCompilerHost(options, false);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => path.posix.join(LIB_DIR, ts.getDefaultLibFileName(o));
  host.fileExists = (f) => libText(f) !== undefined || fileExists(f);
  host.readFile = (f) => libText(f) ?? readFile(f);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!isImmutable(fileName)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}|${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}`;
    let sf = immutableFiles.get(key);
    if (!sf) {
      const lib = libText(fileName);
      sf = lib !== undefined ? ts.createSourceFile(fileName, lib, languageVersion, false) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (sf) immutableFiles.set(key, sf);
    }
    return sf;
  };
  return host;
}

/**
 * A model that changes: the files of an editor's workspace, with open documents' unsaved text
 * overlaid on the disk. Each program reuses the source files of unchanged files (same object), so
 * an edit re-parses one file, and the previous program (TypeScript's structure reuse).
 */
export class ModelHost {
  private readonly overlays = new Map<string, string>();
  private readonly disk = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, { text: string; sf: ts.SourceFile }>();
  private program: ts.Program | undefined;
  private rootFiles: string[] = [];
  private readonly resolved = new Map<string, string>();

  /** path.resolve of a compiler file name, remembered: every file is asked about after each edit. */
  resolve(fileName: string): string {
    let abs = this.resolved.get(fileName);
    if (abs === undefined) this.resolved.set(fileName, (abs = path.resolve(fileName)));
    return abs;
  }

  constructor(private readonly options: ts.CompilerOptions = DEFAULT_OPTIONS) {}

  setRootFiles(files: readonly string[]): void {
    this.rootFiles = [...new Set(files.map((f) => path.resolve(f)))].sort();
  }

  get files(): readonly string[] {
    return this.rootFiles;
  }

  /** The unsaved text of an open document, or undefined to fall back to the disk. */
  setOverlay(fileName: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(path.resolve(fileName));
    else this.overlays.set(path.resolve(fileName), text);
  }

  /** Forgets what was read from disk for a file (it changed there). */
  invalidate(fileName: string): void {
    this.disk.delete(path.resolve(fileName));
  }

  private text(fileName: string): string | undefined {
    const overlay = this.overlays.get(fileName);
    if (overlay !== undefined) return overlay;
    if (!this.disk.has(fileName)) this.disk.set(fileName, ts.sys.readFile(fileName));
    return this.disk.get(fileName);
  }

  /** A program over the current texts; the model's files in path order. */
  load(): LoadedModel {
    const host = cachingHost(this.options);
    const fileExists = host.fileExists;
    const readFile = host.readFile;
    host.fileExists = (f) => this.overlays.has(this.resolve(f)) || fileExists(f);
    host.readFile = (f) => this.overlays.get(this.resolve(f)) ?? readFile(f);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      if (isImmutable(fileName)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
      const abs = this.resolve(fileName);
      const text = this.text(abs);
      if (text === undefined) return undefined;
      const cached = this.parsed.get(abs);
      if (cached && cached.text === text) return cached.sf;
      const sf = ts.createSourceFile(fileName, text, languageVersion, false);
      this.parsed.set(abs, { text, sf });
      return sf;
    };
    this.program = ts.createProgram({ rootNames: this.rootFiles, options: this.options, host, oldProgram: this.program });
    const wanted = new Set(this.rootFiles);
    // Drop parsed files that left the program, so memory stays bounded across a long session.
    const live = new Set(this.program.getSourceFiles().map((sf) => this.resolve(sf.fileName)));
    for (const f of this.parsed.keys()) if (!live.has(f)) this.parsed.delete(f);
    const files = this.program
      .getSourceFiles()
      .filter((sf) => wanted.has(this.resolve(sf.fileName)))
      .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
    return { program: this.program, files };
  }
}

/** Compiler options for a folder: its tsconfig's, or the defaults. */
export function optionsFor(tsconfig: string | undefined): ts.CompilerOptions {
  return tsconfig ? { ...readTsconfig(tsconfig).options, noEmit: true } : DEFAULT_OPTIONS;
}

/** Builds the program for a set of files (optionally with a tsconfig's compiler options). */
export function loadModel(files: readonly string[], tsconfig?: string): LoadedModel {
  const options = optionsFor(tsconfig);
  const program = ts.createProgram({ rootNames: files.map((f) => path.resolve(f)), options, host: cachingHost(options) });
  const wanted = new Set(files.map((f) => path.resolve(f)));
  const sourceFiles = program
    .getSourceFiles()
    .filter((sf) => wanted.has(path.resolve(sf.fileName)))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return { program, files: sourceFiles };
}
