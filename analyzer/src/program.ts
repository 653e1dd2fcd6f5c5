/**
 * Loading a model: from paths (files, folders, a tsconfig) to a TypeScript program.
 *
 * Owns: deciding which files form the model, the compiler options (a tsconfig's, or the defaults
 * without one), and collecting what could not be loaded (folders not listed, files not read,
 * tsconfig errors) as problems for the analysis to report.
 * Must not: analyse anything; read a file except through files.ts; throw on bad input, except
 * for a path argument that does not exist (a usage error). The compiler is the one ts-morph
 * bundles (its `ts` export); the analysis walks the compiler's own nodes and asks its checker,
 * never a second TypeScript.
 */
import "./plainCompiler";
import * as fs from "node:fs";
import * as path from "node:path";
import { getLibFiles, libFolderInMemoryPath } from "@ts-morph/common";
import { ts } from "@ts-morph/common";
import { messages } from "./diagnostics";
import { entryExists, listFolder, problemOf, readModelFile, textProblem, type FileProblem, type ReadLimits, type ReadResult } from "./files";
import { LOCKORDER_MODULE } from "./imports";
import { isStackOverflow } from "./limits";
import { compareOrdinal } from "./ordinal";

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
  /** The files the program needed and could not read (sorted by path). */
  problems: FileProblem[];
}

/** Which files form the model and how to compile them. */
export interface ModelInputs {
  files: string[];
  tsconfig?: string;
  options: ts.CompilerOptions;
  /** Folders not listed, files not read while choosing, and the tsconfig's errors. */
  problems: FileProblem[];
  /** The tsconfig and every tsconfig it extends (what `check --cache` fingerprints besides the program's files). */
  configFiles: string[];
}

/** A tsconfig as read: its options, the files it lists, and its errors in the compiler's wording. */
export interface ModelConfig {
  tsconfig?: string;
  options: ts.CompilerOptions;
  fileNames: string[];
  problems: FileProblem[];
  /** The tsconfig and the tsconfigs it extends. */
  configFiles: string[];
}

/**
 * Every analysable source file below `dir` (no declaration files, no dependencies), and the
 * folders that could not be listed (the walk goes on past them).
 */
export function listSourceFiles(dir: string): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const listed = listFolder(current);
    if (listed.problem !== undefined) {
      problems.push({ file: current, code: "analysis-incomplete", message: messages.folderNotRead(listed.problem) });
      continue;
    }
    for (const entry of listed.entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(full);
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        // Symbolic links, FIFOs and devices too: the reader refuses them with a diagnostic.
        files.push(full);
      }
    }
  }
  return { files: files.sort(), problems: problems.sort(byFile) };
}

/**
 * The module specifiers a file's text imports, re-exports or requires, read by the compiler's
 * pre-processor (a scan, no parse): how models are found among a folder's files.
 */
export function importedModules(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

/** Whether a file's text imports `lockorder`. */
export function importsLockorder(text: string): boolean {
  return importedModules(text).includes(LOCKORDER_MODULE);
}

/**
 * Resolves CLI-style paths to the files of the model. A folder with a `tsconfig.json` uses it; a
 * tsconfig that lists no files (a solution file) falls back to the folder's files that import
 * `lockorder`; a folder without one contributes every source file below it. Throws ConfigError
 * only for a path that does not exist or is not TypeScript (a usage error); everything met on
 * the way is a problem, and the rest is still analysed.
 */
export function resolveInputs(paths: readonly string[], limits: ReadLimits = {}): ModelInputs {
  const files = new Set<string>();
  const problems: FileProblem[] = [];
  let config: ModelConfig | undefined;
  const addAll = (found: { files: string[]; problems: FileProblem[] }) => {
    for (const f of found.files) files.add(f);
    problems.push(...found.problems);
  };
  const configFiles: string[] = [];
  const configure = (tsconfig: string) => {
    config = readConfig(tsconfig, limits);
    configFiles.push(...config.configFiles);
    problems.push(...config.problems);
    addAll(configuredFiles(config, path.dirname(tsconfig), limits));
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!fs.existsSync(abs)) throw new ConfigError(`no such file or directory: ${p}`);
    if (fs.statSync(abs).isDirectory()) {
      const candidate = path.join(abs, "tsconfig.json");
      if (paths.length === 1 && entryExists(candidate)) configure(candidate);
      else addAll(listSourceFiles(abs));
    } else if (path.basename(abs).startsWith("tsconfig") && abs.endsWith(".json")) {
      configure(abs);
    } else {
      if (!SOURCE_FILE.test(abs)) throw new ConfigError(`not a TypeScript file: ${p}`);
      files.add(abs);
    }
  }
  return { files: [...files].sort(), tsconfig: config?.tsconfig, options: config?.options ?? DEFAULT_OPTIONS, problems: problems.sort(byFile), configFiles };
}

/**
 * The files of a model with a tsconfig: the ones it lists, or, for a tsconfig that lists none (a
 * solution file), the folder's files that import `lockorder`.
 */
export function configuredFiles(config: ModelConfig, dir: string, limits: ReadLimits = {}): { files: string[]; problems: FileProblem[] } {
  if (config.fileNames.length > 0) return { files: config.fileNames, problems: [] };
  const listed = listSourceFiles(dir);
  const files: string[] = [];
  const problems = [...listed.problems];
  for (const f of listed.files) {
    const read = readModelFile(f, limits);
    // Whether an unread file imports lockorder is unknown: it is reported, it may be part of the model.
    if (read.problem !== undefined) problems.push(problemOf(f, read.problem));
    else if (importsLockorder(read.text)) files.push(f);
  }
  return { files, problems: problems.sort(byFile) };
}

/**
 * "No inputs were found" and "The 'files' list is empty": for Lockorder a tsconfig that lists no
 * files is a solution file, and the model is found without it (configuredFiles).
 */
const LISTS_NO_FILES = new Set([18002, 18003]);

/**
 * Reads a tsconfig (and what it extends) through the safe reader. Its errors become config-error
 * problems in the compiler's own wording, and the options that could be read are used (the
 * defaults when the tsconfig could not be read, or has errors and no option could be read).
 */
export function readConfig(tsconfig: string | undefined, limits: ReadLimits = {}): ModelConfig {
  if (tsconfig === undefined) return { options: DEFAULT_OPTIONS, fileNames: [], problems: [], configFiles: [] };
  const read = readModelFile(tsconfig, limits);
  if (read.problem !== undefined) {
    return { tsconfig, options: DEFAULT_OPTIONS, fileNames: [], problems: [{ file: tsconfig, code: "config-error", message: messages.tsconfigNotRead(read.problem) }], configFiles: [tsconfig] };
  }
  const json = ts.parseJsonText(tsconfig, read.text);
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: ts.sys.readDirectory,
    fileExists: entryExists,
    readFile: (f) => readModelFile(f, limits).text,
  };
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, host, path.dirname(tsconfig), undefined, tsconfig);
  const problems = ts
    .getConfigFileParsingDiagnostics(parsed)
    .filter((d) => !LISTS_NO_FILES.has(d.code))
    .map((d): FileProblem => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.file && d.start !== undefined) return { file: d.file.fileName, code: "config-error", message, start: d.start, length: d.length, source: d.file };
      // The compiler gives no position for an `extends` it could not read: it goes on that value.
      const extended = extendsValue(json);
      const at = extended && message.includes(path.resolve(path.dirname(tsconfig), extended.text)) ? extended : undefined;
      return at
        ? { file: tsconfig, code: "config-error", message, start: at.getStart(json), length: at.getWidth(json), source: json }
        : { file: tsconfig, code: "config-error", message, source: json };
    });
  const anyRead = Object.keys(parsed.options).some((k) => k !== "configFile");
  const options = problems.length > 0 && !anyRead ? DEFAULT_OPTIONS : { ...parsed.options, noEmit: true };
  const fileNames = parsed.fileNames.filter((f) => !f.endsWith(".d.ts")).map((f) => path.resolve(f)).sort();
  // The compiler records on the parsed file which tsconfigs it read through `extends`.
  const extended = (json as { extendedSourceFiles?: readonly string[] }).extendedSourceFiles ?? [];
  return { tsconfig, options, fileNames, problems, configFiles: [tsconfig, ...extended.map((f) => path.resolve(f))] };
}

/** The string literal of a tsconfig's top-level `extends` (the first one, if it is a list). */
function extendsValue(json: ts.TsConfigSourceFile): ts.StringLiteral | undefined {
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  for (const p of root.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name) || p.name.text !== "extends") continue;
    const value = ts.isArrayLiteralExpression(p.initializer) ? p.initializer.elements[0] : p.initializer;
    return value && ts.isStringLiteral(value) ? value : undefined;
  }
  return undefined;
}

function byFile(a: FileProblem, b: FileProblem): number {
  return compareOrdinal(a.file, b.file);
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

/**
 * The lib of a model whose tsconfig names none: the target's ECMAScript lib without the DOM
 * (README.md#command-line). TypeScript's default is the target's `.full` lib, which adds the DOM
 * (lib.dom.d.ts alone is 2 MB to parse and bind): a driver model has no use for it, and a
 * tsconfig that wants it says `"lib": [..., "DOM"]`. ES5's default is lib.d.ts (lib.es5.d.ts with
 * the DOM), ES2015's lib.es6.d.ts (lib.es2015.d.ts with the DOM).
 */
export function defaultLib(options: ts.CompilerOptions): string {
  const full = ts.getDefaultLibFileName(options);
  const name = full === "lib.d.ts" ? "lib.es5.d.ts" : full === "lib.es6.d.ts" ? "lib.es2015.d.ts" : full.replace(/\.full\.d\.ts$/, ".d.ts");
  return libText(path.posix.join(LIB_DIR, name)) !== undefined ? name : full;
}

/** Where a compiler host gets what it reads from disk (the libraries come from memory). */
interface ModelFiles {
  read(fileName: string): ReadResult;
  /** Parses a text read (the ModelHost gives back the tree of an unchanged text). */
  parse(fileName: string, text: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile;
  /** A file the compiler asked for was not read. */
  unread(fileName: string, reason: string): void;
}

/**
 * A compiler host whose every read goes through the safe reader (files.ts): module resolution
 * following an import can no more open a FIFO or a device than discovery can.
 */
function cachingHost(options: ts.CompilerOptions, limits: ReadLimits, files: ModelFiles): ts.CompilerHost {
  const host = ts.createCompilerHost(options, false);
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => path.posix.join(LIB_DIR, defaultLib(o));
  host.fileExists = (f) => libText(f) !== undefined || entryExists(f);
  host.readFile = (f) => libText(f) ?? readModelFile(f, limits).text;
  host.getSourceFile = (fileName, languageVersion) => {
    const key = isImmutable(fileName) ? `${fileName}|${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}` : undefined;
    const cached = key !== undefined ? immutableFiles.get(key) : undefined;
    if (cached) return cached;
    const lib = libText(fileName);
    const read = lib !== undefined ? { text: lib } : files.read(fileName);
    if (read.problem !== undefined) {
      files.unread(fileName, read.problem);
      return undefined;
    }
    if (key === undefined) {
      try {
        return files.parse(fileName, read.text, languageVersion);
      } catch (error) {
        // TypeScript's parser is a recursion: input nested deeper than it survives (thousands of
        // parentheses or nested calls) costs that file only.
        if (!isStackOverflow(error)) throw error;
        files.unread(fileName, messages.outOfStack());
        return undefined;
      }
    }
    // Parsed without parent pointers, as tsc does: binding sets them (see Analyzer.analyze).
    const sf = ts.createSourceFile(fileName, read.text, languageVersion, false);
    immutableFiles.set(key, sf);
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
  private readonly overlays = new Map<string, ReadResult>();
  private readonly disk = new Map<string, ReadResult>();
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

  constructor(
    private readonly options: ts.CompilerOptions = DEFAULT_OPTIONS,
    private readonly limits: ReadLimits = {},
  ) {}

  setRootFiles(files: readonly string[]): void {
    this.rootFiles = [...new Set(files.map((f) => path.resolve(f)))].sort();
  }

  get files(): readonly string[] {
    return this.rootFiles;
  }

  /**
   * The unsaved text of an open document, or undefined to fall back to the disk. A text over the
   * size limit is not parsed: the document gets the diagnostic a file that size gets.
   */
  setOverlay(fileName: string, text: string | undefined): void {
    if (text === undefined) {
      this.overlays.delete(path.resolve(fileName));
      return;
    }
    const problem = textProblem(text, this.limits);
    this.overlays.set(path.resolve(fileName), problem === undefined ? { text } : { problem });
  }

  /** Forgets what was read from disk for a file (it changed there). */
  invalidate(fileName: string): void {
    this.disk.delete(path.resolve(fileName));
  }

  private text(fileName: string): ReadResult {
    const overlay = this.overlays.get(fileName);
    if (overlay !== undefined) return overlay;
    let read = this.disk.get(fileName);
    if (read === undefined) this.disk.set(fileName, (read = readModelFile(fileName, this.limits)));
    return read;
  }

  /** A program over the current texts; the model's files in path order, and the files not read. */
  load(): LoadedModel {
    const unread = new Map<string, string>();
    const host = cachingHost(this.options, this.limits, {
      read: (f) => this.text(this.resolve(f)),
      parse: (fileName, text, languageVersion) => {
        const abs = this.resolve(fileName);
        const cached = this.parsed.get(abs);
        if (cached && cached.text === text) return cached.sf;
        // Without parent pointers, as tsc parses: binding sets them (see Analyzer.analyze).
        const sf = ts.createSourceFile(fileName, text, languageVersion, false);
        this.parsed.set(abs, { text, sf });
        return sf;
      },
      unread: (f, reason) => unread.set(this.resolve(f), reason),
    });
    const fileExists = host.fileExists;
    const readFile = host.readFile;
    host.fileExists = (f) => this.overlays.has(this.resolve(f)) || fileExists(f);
    host.readFile = (f) => this.overlays.get(this.resolve(f))?.text ?? readFile(f);
    this.program = ts.createProgram({ rootNames: this.rootFiles, options: this.options, host, oldProgram: this.program });
    const wanted = new Set(this.rootFiles);
    // Drop parsed files that left the program, so memory stays bounded across a long session.
    const live = new Set(this.program.getSourceFiles().map((sf) => this.resolve(sf.fileName)));
    for (const f of this.parsed.keys()) if (!live.has(f)) this.parsed.delete(f);
    // A program that reuses the previous one's structure does not ask again for a root file that
    // was missing (a dangling link stays "not found"): those come from what was read.
    for (const f of this.rootFiles) {
      const problem = live.has(f) ? undefined : this.text(f).problem;
      if (problem !== undefined) unread.set(f, problem);
    }
    const files = this.program
      .getSourceFiles()
      .filter((sf) => wanted.has(this.resolve(sf.fileName)))
      .sort((a, b) => compareOrdinal(a.fileName, b.fileName));
    const problems = [...unread].map(([f, reason]) => problemOf(f, reason)).sort(byFile);
    return { program: this.program, files, problems };
  }
}

/** Compiler options for a folder: its tsconfig's (what could be read of them), or the defaults. */
export function optionsFor(tsconfig: string | undefined): ts.CompilerOptions {
  return readConfig(tsconfig).options;
}

/** Builds the program for a set of files (with a tsconfig's compiler options, or the defaults). */
export function loadModel(files: readonly string[], options: ts.CompilerOptions = DEFAULT_OPTIONS, limits: ReadLimits = {}): LoadedModel {
  const host = new ModelHost(options, limits);
  host.setRootFiles(files);
  return host.load();
}

/**
 * The files among `files` that import `lockorder` where TypeScript cannot resolve the module (its
 * "Cannot find module 'lockorder'"): the analysis does without it, the model's type-checking does
 * not, and an editor offers to set the folder up. Asks the program's own resolution (through the
 * checker), after the files are bound; a file whose import has no parent (not bound) is skipped.
 */
export function unresolvedLockorder(program: ts.Program, files: readonly ts.SourceFile[]): string[] {
  const checker = program.getTypeChecker();
  const unresolved: string[] = [];
  for (const sf of files) {
    for (const s of sf.statements) {
      if (!ts.isImportDeclaration(s) && !ts.isExportDeclaration(s)) continue;
      const spec = s.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || spec.text !== LOCKORDER_MODULE || !spec.parent) continue;
      if (!checker.getSymbolAtLocation(spec)) unresolved.push(sf.fileName);
      break;
    }
  }
  return unresolved;
}
