/**
 * Loading a model: from paths (files, folders, a tsconfig) to a TypeScript program.
 *
 * Owns: deciding which files form the model and the compiler options used without a tsconfig.
 * Must not: analyse anything. ts-morph is used for tsconfig handling and file system access; the
 * analysis itself walks the compiler's own nodes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Project, ts } from "ts-morph";

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

/** Builds the program for a set of files (optionally with a tsconfig's compiler options). */
export function loadModel(files: readonly string[], tsconfig?: string): LoadedModel {
  const options = tsconfig ? { ...readTsconfig(tsconfig).options, noEmit: true } : DEFAULT_OPTIONS;
  const project = new Project({ compilerOptions: options, skipAddingFilesFromTsConfig: true });
  for (const f of files) project.addSourceFileAtPath(f);
  const program = project.getProgram().compilerObject;
  const wanted = new Set(files.map((f) => path.resolve(f)));
  const sourceFiles = program
    .getSourceFiles()
    .filter((sf) => wanted.has(path.resolve(sf.fileName)))
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return { program, files: sourceFiles };
}
