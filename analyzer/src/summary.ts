/**
 * One file's summary: its functions (with annotations and the walk of each body), its
 * contribution to the dispatch index, its diagnostics and lock references, and the files it
 * imports. A summary stays valid while the file is unchanged and the declarations it relies on
 * in other files are unchanged (see Analyzer in analyze.ts).
 *
 * Owns: what is computed per file. Must not: refer to another file's nodes or function ids
 * (keys only), or build anything global.
 */
import { ts } from "@ts-morph/common";
import type { AnnotationReader } from "./annotations";
import { FileDispatch, type FileFlows } from "./calls";
import { DiagnosticSink, during, messages } from "./diagnostics";
import { walkFunction, type WalkedFunction } from "./flow";
import { functionName, functionNameSite, isFunctionNode, isSynchronousCallback } from "./functions";
import { functionKey } from "./keys";
import { containedToFile, failureOf, reportFileFailure, type Failure, type FailureReport } from "./limits";
import type { LockReference, LockTable } from "./locks";
import { emptyAnnotations, type Annotations, type Diagnostic, type LockUse, type Site } from "./model";
import { visitEach, type Visitor } from "./tree";

export interface FileFunction {
  readonly key: string;
  readonly name: string;
  readonly node: ts.Node;
  readonly nameSite: Site;
  readonly annotations: Annotations;
  readonly callable: boolean;
  readonly walk: WalkedFunction;
}

export interface FileSummary {
  readonly sf: ts.SourceFile;
  readonly functions: FileFunction[];
  readonly flows: FileFlows;
  readonly diagnostics: Diagnostic[];
  /** The lock references resolved while summarising it (some may lie in files it calls into). */
  readonly references: ReadonlyMap<string, LockReference>;
  /** The files it imports (resolved), to find who must be summarised again when one changes. */
  readonly imports: string[];
  readonly internalErrors: string[];
}

export interface SummaryContext {
  readonly checker: ts.TypeChecker;
  readonly locks: LockTable;
  readonly reader: AnnotationReader;
  /** Member names that are guarded fields or accessors somewhere in the model. */
  readonly watchedMembers: ReadonlySet<string>;
}

export function summarizeFile(ctx: SummaryContext, sf: ts.SourceFile): FileSummary {
  const sink = new DiagnosticSink();
  const references = new Map<string, LockReference>();
  const saved = { locks: ctx.locks.sink, reader: ctx.reader.sink, references: ctx.locks.references };
  ctx.locks.sink = sink;
  ctx.reader.sink = sink;
  ctx.locks.references = references;
  const internalErrors: string[] = [];
  const report = { sink, internalErrors };
  const fileLevel = <T>(doing: string, phase: () => T, instead: T): T => containedToFile(sf, doing, report, phase, instead);
  try {
    // One walk of the file finds its functions and records its flows of function values, each
    // phase contained to the file on its own (a failure leaves that phase's result empty).
    const discovery = new Discovery(sf, ctx.reader);
    const dispatch = new FileDispatch(ctx.checker);
    const flowIndex = dispatch.flowIndex();
    const discovering = new ContainedVisitor(sf, during.functions, report, (node) => discovery.visit(node));
    const indexing = new ContainedVisitor(sf, during.functionValues, report, (node) => flowIndex.visit(node));
    visitEach(sf, [discovering, indexing]);
    const found = discovering.ok ? discovery.found : { functions: [], fieldsWithDecorators: [] };
    const flows = indexing.ok ? dispatch.fileFlows() : { flows: [], untyped: [] };
    const annotationCache = new Map<ts.Node, Annotations | undefined>();
    const guardCache = new Map<ts.Node, readonly LockUse[]>();
    const flow = {
      checker: ctx.checker,
      locks: ctx.locks,
      dispatch,
      sink,
      watchesMember: (name: string) => ctx.watchedMembers.has(name),
      annotationsOf: (decl: ts.Node) => {
        if (!annotationCache.has(decl)) annotationCache.set(decl, isFunctionNode(decl) || ts.isMethodSignature(decl) ? ctx.reader.read(decl) : undefined);
        return annotationCache.get(decl);
      },
      guardsOf: (decl: ts.Node) => {
        if (!guardCache.has(decl)) guardCache.set(decl, ts.isPropertyDeclaration(decl) && ts.getDecorators(decl) ? ctx.reader.readGuards(decl) : []);
        return guardCache.get(decl)!;
      },
    };
    const functions = found.functions.map((f) => {
      let walk: WalkedFunction;
      try {
        walk = walkFunction(flow, { id: -1, ...f });
      } catch (error) {
        // A failure inside one function's walk (the checker out of stack on deep types, or a bug
        // of ours) is contained to it: the function takes no lock as far as the model knows, and
        // says so on its name.
        const failure = failureOf(error);
        sink.add(f.nameSite, { code: "analysis-incomplete", message: messages.functionIncomplete(f.name, failure.reason) });
        if (failure.internal) internalErrors.push(`while analysing '${f.name}': ${failure.internal}`);
        walk = { acquisitions: [], calls: [], heldAtExit: [], hasLockEffects: false, callCount: 0, unresolved: [], enables: [] };
      }
      return { ...f, walk };
    });
    fileLevel(during.guardedFields, () => {
      for (const node of found.fieldsWithDecorators) flow.guardsOf(node);
    }, undefined);
    const imports = fileLevel(during.imports, () => importedFiles(sf, ctx.checker), []);
    return { sf, functions, flows, diagnostics: sink.all(), references, imports, internalErrors };
  } finally {
    ctx.locks.sink = saved.locks;
    ctx.reader.sink = saved.reader;
    ctx.locks.references = saved.references;
  }
}

/** TypeScript's binder, internal but exported: what creating the checker runs on every file. */
const binder = ts as unknown as { bindSourceFile(sf: ts.SourceFile, options: ts.CompilerOptions): void };

/** Files whose binding failed once; a program reuses unchanged files, already half bound. */
const unbindable = new WeakMap<ts.SourceFile, Failure>();

/**
 * Binds each file on its own, before the checker binds them all: the binder recurses over the
 * syntax, and a file nested deeper than it survives (about 850 nested `if`s, or a 20,000-term
 * `&&` chain) must cost that file only, not the run. Returns the files that could not be bound,
 * with why; they are left out of the analysis (see unanalysedFile).
 */
export function bindEachFile(program: ts.Program, files: readonly ts.SourceFile[]): Map<ts.SourceFile, Failure> {
  const failed = new Map<ts.SourceFile, Failure>();
  for (const sf of files) {
    let failure = unbindable.get(sf);
    if (!failure) {
      try {
        binder.bindSourceFile(sf, program.getCompilerOptions());
      } catch (error) {
        unbindable.set(sf, (failure = failureOf(error)));
        // The binder keeps its state between files and resets it only when one completes.
        binder.bindSourceFile(ts.createSourceFile("reset.ts", "", ts.ScriptTarget.Latest), program.getCompilerOptions());
      }
    }
    if (failure) failed.set(sf, failure);
  }
  return failed;
}

/** The summary of a file left out of the analysis: only analysis-incomplete at its start. */
export function unanalysedFile(sf: ts.SourceFile, failure: Failure, doing: string): FileSummary {
  const sink = new DiagnosticSink();
  sink.add({ sf, start: 0, end: 0 }, { code: "analysis-incomplete", message: messages.fileIncomplete(failure.reason, doing) });
  const internalErrors = failure.internal ? [`while ${doing} in ${sf.fileName}: ${failure.internal}`] : [];
  return { sf, functions: [], flows: { flows: [], untyped: [] }, diagnostics: sink.all(), references: new Map(), imports: [], internalErrors };
}

/** The file's functions (docs/annotations.md#callbacks: synchronous callbacks belong to their caller), in order, found node by node. */
class Discovery {
  readonly found: { functions: Omit<FileFunction, "walk">[]; fieldsWithDecorators: ts.PropertyDeclaration[] };

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly reader: AnnotationReader,
  ) {
    const name = `<top level of ${sf.fileName.slice(sf.fileName.lastIndexOf("/") + 1)}>`;
    this.found = { functions: [{ key: functionKey(sf), name, node: sf, nameSite: { sf, start: 0, end: 0 }, annotations: emptyAnnotations(), callable: false }], fieldsWithDecorators: [] };
  }

  visit(node: ts.Node): void {
    this.reader.checkMisplaced(node);
    if (ts.isPropertyDeclaration(node) && ts.getDecorators(node)) this.found.fieldsWithDecorators.push(node);
    if (isFunctionNode(node) && node.body && !isSynchronousCallback(node)) {
      this.found.functions.push({ key: functionKey(node), name: functionName(node), node, nameSite: functionNameSite(node, this.sf), annotations: this.reader.read(node), callable: true });
    }
  }
}

/** A file-level phase as a visitor of the file's one walk: a failure is reported as containedToFile reports it, and `ok` turns false. */
class ContainedVisitor implements Visitor {
  ok = true;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly doing: string,
    private readonly report: FailureReport,
    readonly visit: (node: ts.Node) => void,
  ) {}

  failed(error: unknown): void {
    reportFileFailure(this.sf, this.doing, this.report, error);
    this.ok = false;
  }
}

/** The model files a file imports, resolved by the checker. */
function importedFiles(sf: ts.SourceFile, checker: ts.TypeChecker): string[] {
  const out = new Set<string>();
  for (const stmt of sf.statements) {
    const spec = ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt) ? stmt.moduleSpecifier : undefined;
    if (!spec) continue;
    const decl = checker.getSymbolAtLocation(spec)?.declarations?.[0];
    const file = decl?.getSourceFile();
    if (file && !file.isDeclarationFile) out.add(file.fileName);
  }
  return [...out];
}
