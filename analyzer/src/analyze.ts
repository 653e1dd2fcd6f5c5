/**
 * The analysis pipeline: locks, functions and annotations, dispatch index, flow walks of every
 * body, the lock graph, the suppression comments, and the serialisable result (docs/annotations.md#the-analysis, README.md#json-output).
 *
 * Owns: the order of the phases and the conversion of internal structures (nodes, offsets) into
 * the plain result with 1-based lines and columns and cwd-relative paths.
 * Must not: print anything or exit; nothing in here throws on bad input (syntax errors and bad
 * annotations become diagnostics, and a failure inside one function's walk is contained to it).
 */
import { ts } from "@ts-morph/common";
import { AnnotationReader } from "./annotations";
import { argsByName, DiagnosticSink, during, messages } from "./diagnostics";
import type { FileProblem, ReadLimits } from "./files";
import { fileShape, watchedMemberNames } from "./keys";
import { LockGraph, type Via } from "./lockGraph";
import { Linker } from "./link";
import { LockTable, ReferenceIndex, type LockReference } from "./locks";
import { bindEachFile, summarizeFile, unanalysedFile, type FileSummary } from "./summary";
import { silence } from "./suppressions";
import type {
  AnalysisResult,
  ChainStep,
  Diagnostic,
  FunctionBody,
  FunctionInfo,
  Location,
  RelatedInfo,
  ResultDiagnostic,
  ResultEdge,
  ResultEdgeSite,
  ResultFunction,
  ResultLock,
  ResultRelated,
  ResultUsage,
  Site,
  UnresolvedCall,
} from "./model";
import { isWait } from "./model";
import { usageName, USAGES } from "./irqState";
import { locator, type Locator } from "./locations";
import { compareOrdinal } from "./ordinal";
import { loadModel, resolveInputs } from "./program";
import { lazyList } from "./records";

export interface AnalyzeOptions {
  /** Called with every file's summary before linking (what `check --cache` keeps: cache/summaryStore.ts). */
  keep?: (model: SummarisedModel, analysed: { readonly complete: boolean }) => void;
  /** Paths in the result are relative to this directory (default: the process's). */
  cwd?: string;
  /** Absolute paths in the result (editors), instead of paths relative to `cwd`. */
  absolutePaths?: boolean;
  /** What loading the model met (program.ts): files and folders not read, tsconfig errors. */
  problems?: readonly FileProblem[];
}

/** Everything the analysis knows, for the editor queries (queries.ts). */
export interface AnalysisState {
  readonly program: ts.Program;
  readonly files: readonly ts.SourceFile[];
  readonly functions: readonly FunctionInfo[];
  readonly bodies: readonly FunctionBody[];
  readonly graph: LockGraph;
  readonly locks: LockTable;
  /** The resolved lock references of every file (hover, quick fixes). */
  readonly references: ReferenceIndex;
  readonly locator: Locator;
  readonly result: AnalysisResult;
  /** For a model loaded from paths: the tsconfig and those it extends (program.ts ModelInputs). */
  readonly configFiles?: readonly string[];
}

/** Analyses files, folders or a tsconfig, as `lockorder check` does. */
export function analyzePaths(paths: readonly string[], options: AnalyzeOptions & ReadLimits = {}): AnalysisResult {
  return analyzePathsState(paths, options).result;
}

/** As analyzePaths, with the analysis state (for the generated document). */
export function analyzePathsState(paths: readonly string[], options: AnalyzeOptions & ReadLimits = {}): AnalysisState {
  const started = performance.now();
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."], options);
  const model = loadModel(inputs.files, inputs.options, options);
  const problems = [...(options.problems ?? []), ...inputs.problems, ...model.problems];
  return { ...analyzeState(model.program, model.files, { ...options, problems, loadMs: performance.now() - started }), configFiles: inputs.configFiles };
}

/** Analyses the given files of a program. */
export function analyzeProgram(program: ts.Program, files: readonly ts.SourceFile[], options: AnalyzeOptions & { loadMs?: number } = {}): AnalysisResult {
  return analyzeState(program, files, options).result;
}

/** The analysis with its internal state, for editors (see queries.ts). */
export function analyzeState(program: ts.Program, files: readonly ts.SourceFile[], options: AnalyzeOptions & { loadMs?: number } = {}): AnalysisState {
  return new Analyzer().analyze(program, files, options);
}

/**
 * Analyses successive versions of a model, re-summarising only what an edit can affect: the
 * edited files; when an edit changes a file's declarations (its text with function bodies
 * blanked), the files that import it, transitively; and everything when the lock declarations
 * change (lock ids are numbered over all files). Then links the summaries (link.ts: again only
 * the changed files, when their functions and flows kept their shape) into the lock graph.
 */
export class Analyzer {
  private readonly summaries = new Map<string, FileSummary>();
  private linker = new Linker();
  private graph: LockGraph | undefined;
  /** Whether the last analysis created lock ids outside the declarations (see LockTable.seal). */
  private idsUnstable = false;

  /**
   * Analyses a version of the model. If it throws (a bug of ours), nothing it half-updated is
   * reused: the next analysis starts afresh.
   */
  analyze(program: ts.Program, files: readonly ts.SourceFile[], options: AnalyzeOptions & { loadMs?: number } = {}): AnalysisState {
    try {
      // Lock ids, and so the order of locks, cycles and functions, follow the files' order: the
      // caller's order must not show in the result.
      return this.analyzeOnce(program, [...files].sort((a, b) => compareOrdinal(a.fileName, b.fileName)), options);
    } catch (error) {
      this.summaries.clear();
      this.linker = new Linker();
      this.graph = undefined;
      throw error;
    }
  }

  private analyzeOnce(program: ts.Program, files: readonly ts.SourceFile[], options: AnalyzeOptions & { loadMs?: number }): AnalysisState {
    const { phases, phase } = phaseTimer(options.loadMs);

    // First: creating the checker binds every file, which sets the parent pointers the rest of the
    // analysis relies on (files are parsed without them, as tsc parses them; program.ts).
    const unbound = bindEachFile(program, files);
    const checker = program.getTypeChecker();
    const stale = this.invalidate(files);
    const watchedMembers = new Set(files.flatMap((sf) => watchedMemberNames(sf)));
    const linkSink = new DiagnosticSink();
    const locks = new LockTable(checker, linkSink);
    locks.collect(files.filter((sf) => !unbound.has(sf)));
    const declarationReferences = locks.references;
    const reader = new AnnotationReader(checker, locks, linkSink);
    reader.declareJsDocSubclasses(files);
    locks.seal();
    phase("declarations");

    for (const sf of files) {
      if (!stale.has(sf.fileName)) continue;
      const failure = unbound.get(sf);
      this.summaries.set(sf.fileName, failure ? unanalysedFile(sf, failure, during.names) : summarizeFile({ checker, locks, reader, watchedMembers }, sf));
    }
    phase("summaries");

    this.idsUnstable = locks.grewAfterSeal;
    const summaries = files.map((sf) => this.summaries.get(sf.fileName)!);
    // The previous graph serves only the analysis right after it: if this one fails on the way,
    // the next starts afresh.
    const previousGraph = this.graph;
    this.graph = undefined;
    const model: SummarisedModel = { program, files, summaries, locks, declarations: { references: declarationReferences, diagnostics: linkSink.all() }, problems: fileProblemDiagnostics(program, files, options.problems ?? []) };
    // A model whose every file was read, bound and numbered from its declarations can be kept.
    options.keep?.(model, { complete: unbound.size === 0 && !locks.grewAfterSeal && (options.problems ?? []).length === 0 });
    const state = linkAndReport(
      model,
      { linker: this.linker, previousGraph, summarised: stale.size, phases, phase },
      options,
    );
    this.graph = state.graph;
    return state;
  }

  /** The files whose summaries must be computed again, dropping the cache where needed. */
  private invalidate(files: readonly ts.SourceFile[]): Set<string> {
    const current = new Set(files.map((sf) => sf.fileName));
    // The first analysis has nothing to compare with: everything is summarised. Nor can summaries
    // be reused whose lock ids did not come from the declarations alone.
    if (this.idsUnstable) this.summaries.clear();
    if (this.summaries.size === 0) return current;
    const removed = [...this.summaries.keys()].filter((f) => !current.has(f));
    const changed = files.filter((sf) => this.summaries.get(sf.fileName)?.sf !== sf);
    const shapes = new Map(changed.map((sf) => [sf.fileName, fileShape(sf)]));
    const lockShapeChanged =
      removed.some((f) => fileShape(this.summaries.get(f)!.sf).locks !== "") ||
      changed.some((sf) => shapeOf(this.summaries.get(sf.fileName))?.locks !== shapes.get(sf.fileName)!.locks);
    if (lockShapeChanged) {
      this.summaries.clear();
      return current;
    }
    const stale = new Set(changed.map((sf) => sf.fileName));
    // A file whose declarations changed (or that went away) invalidates its importers, transitively.
    const pending = [...removed, ...changed.filter((sf) => shapeOf(this.summaries.get(sf.fileName))?.declarations !== shapes.get(sf.fileName)!.declarations).map((sf) => sf.fileName)];
    const summarised = [...this.summaries.values()].map((s) => ({ fileName: s.sf.fileName, imports: s.imports }));
    // Not through a file summarised again anyway: an edit that kept its declarations concerns no importer.
    for (const importer of importersOf(pending, summarised, (f) => current.has(f) && !stale.has(f))) stale.add(importer);
    for (const f of removed) this.summaries.delete(f);
    return stale;
  }
}

/** The time of each phase of an analysis (`--stats`): `phase(name)` ends the phase named, begun when the last ended. */
export function phaseTimer(loadMs?: number): { phases: Record<string, number>; phase: (name: string) => void } {
  const phases: Record<string, number> = {};
  if (loadMs !== undefined) phases.load = loadMs;
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + (now - mark);
    mark = now;
  };
  return { phases, phase };
}

/** What the result's paths are relative to (AnalyzeOptions.cwd): undefined for absolute paths. */
export function resultRoot(options: AnalyzeOptions): string | undefined {
  return options.absolutePaths ? undefined : (options.cwd ?? process.cwd());
}

/**
 * The files that import any of `changed`, transitively, through the imports each file lists
 * (summary.ts `imports`); the walk goes on only through files `within` accepts. A file whose
 * declarations changed makes these summarise again (Analyzer.invalidate, summaryStore.ts).
 */
export function importersOf(changed: readonly string[], files: Iterable<{ readonly fileName: string; readonly imports: readonly string[] }>, within: (file: string) => boolean = () => true): Set<string> {
  const found = new Set<string>();
  // Only a declaration change needs to know who imports whom (a body edit does not).
  if (changed.length === 0) return found;
  const importers = new Map<string, string[]>();
  for (const f of files) {
    for (const i of f.imports) {
      let list = importers.get(i);
      if (!list) importers.set(i, (list = []));
      list.push(f.fileName);
    }
  }
  const pending = [...changed];
  while (pending.length > 0) {
    for (const importer of importers.get(pending.pop()!) ?? []) {
      if (!found.has(importer) && within(importer)) {
        found.add(importer);
        pending.push(importer);
      }
    }
  }
  return found;
}

/** What linkAndReport links and reports: every file's summary, and what the declarations and loading found. */
export interface SummarisedModel {
  readonly program: ts.Program;
  /** The model's files, in path order; each summary's `sf`. */
  readonly files: readonly ts.SourceFile[];
  readonly summaries: readonly FileSummary[];
  /** The sealed lock table. */
  readonly locks: LockTable;
  /** What collecting the declarations resolved and reported. */
  readonly declarations: { readonly references: ReadonlyMap<string, LockReference>; readonly diagnostics: readonly Diagnostic[] };
  /** What loading met and the files that do not parse (fileProblemDiagnostics). */
  readonly problems: readonly Diagnostic[];
}

/**
 * The stages after the summaries: link, the lock graph, the suppressions and the result
 * (incremental when `run` carries a previous graph and the linker that made it).
 */
export function linkAndReport(
  model: SummarisedModel,
  run: { linker: Linker; previousGraph?: LockGraph; summarised: number; phases: Record<string, number>; phase: (name: string) => void },
  options: AnalyzeOptions,
): AnalysisState {
  const { program, files, summaries, locks } = model;
  // The declarations' references lie in whichever files declare locks (no one file: "").
  const references = new ReferenceIndex([...summaries.map((s): [string, ReadonlyMap<string, LockReference>] => [s.sf.fileName, s.references]), ["", model.declarations.references]], files);
  const linkSink = new DiagnosticSink();
  linkSink.addAll(model.declarations.diagnostics);
  const { functions, bodies, calls, linkedFiles, changedFunctions } = run.linker.link(summaries);
  run.phase("link");

  const previousGraph = run.previousGraph;
  const graph = new LockGraph(functions, bodies, locks, linkSink, previousGraph && changedFunctions ? { previous: previousGraph, changed: changedFunctions } : undefined);
  run.phase("graph");

  const diagnostics = new DiagnosticSink();
  for (const s of summaries) diagnostics.addAll(s.diagnostics);
  diagnostics.addAll(linkSink.all());
  diagnostics.addAll(model.problems);
  // Last: the suppression comments see every diagnostic (each file's comments are read once per parse).
  const silenced = silence(files, diagnostics.all());
  diagnostics.addAll(silenced.unused);
  const where = locator(resultRoot(options));
  const result = buildResult({ locator: where, files, problemFiles: model.problems.map((d) => d.site.sf), functions, bodies, graph, locks, diagnostics: diagnostics.all(), justifications: silenced.justifications });
  run.phase("report");
  result.details.internalErrors = [...locks.internalErrors, ...summaries.flatMap((s) => s.internalErrors)];
  const unresolved = unresolvedCalls(bodies, where);
  result.details.stats = {
    files: files.length,
    functions: functions.filter((f) => f.callable).length,
    locks: locks.locks.length,
    edges: graph.edges.size,
    calls,
    unresolvedCalls: unresolved.length,
    unresolved,
    phases: run.phases,
    summarised: run.summarised,
    linked: linkedFiles,
    contributions: graph.recomputed,
  };
  return { program, files, functions, bodies, graph, locks, references, locator: where, result };
}

/** The calls that reach no function of the model, by file and position, each with its callee as written. */
function unresolvedCalls(bodies: readonly FunctionBody[], where: Locator): UnresolvedCall[] {
  const sites = bodies.flatMap((b) => b.unresolved);
  sites.sort((a, b) => compareOrdinal(a.sf.fileName, b.sf.fileName) || a.start - b.start);
  return sites.map((site) => {
    const { file, line, column } = where.loc(site);
    return { file, line, column, callee: calleeText(site) };
  });
}

/** The callee of a call as written, from its site (whitespace collapsed, a long one shortened). */
export function calleeText(site: Site): string {
  const callee = site.sf.text.slice(site.start, site.end).replace(/\s+/g, " ");
  return callee.length > 80 ? `${callee.slice(0, 79)}…` : callee;
}

function shapeOf(summary: FileSummary | undefined): ReturnType<typeof fileShape> | undefined {
  return summary && fileShape(summary.sf);
}

/**
 * The diagnostics of what was not (fully) analysed for reasons found before any walk: what
 * loading met (a file not read gets an empty stand-in source file to be sited in), and each file
 * that does not parse, at its first syntax error in the compiler's words (the rest of such a
 * file is analysed as the compiler recovered it, which may miss what the user meant).
 */
function fileProblemDiagnostics(program: ts.Program, files: readonly ts.SourceFile[], problems: readonly FileProblem[]): Diagnostic[] {
  const sink = new DiagnosticSink();
  for (const p of problems) {
    const start = p.start ?? 0;
    sink.add({ sf: p.source ?? ts.createSourceFile(p.file, "", ts.ScriptTarget.Latest), start, end: start + (p.length ?? 0) }, { code: p.code, message: p.message });
  }
  for (const sf of files) {
    const error = syntaxError(program, sf);
    if (error) sink.addAll([error]);
  }
  return sink.all();
}

/** A file that does not parse: analysis-incomplete at its first syntax error, in the compiler's words. */
export function syntaxError(program: ts.Program, sf: ts.SourceFile): Diagnostic | undefined {
  const first = program.getSyntacticDiagnostics(sf)[0];
  if (first?.start === undefined) return undefined;
  const sink = new DiagnosticSink();
  sink.add({ sf, start: first.start, end: first.start + (first.length ?? 0) }, { code: "analysis-incomplete", message: messages.doesNotParse(ts.flattenDiagnosticMessageText(first.messageText, "\n")) });
  return sink.all()[0];
}

// ---- the result ----

interface ResultInputs {
  locator: Locator;
  files: readonly ts.SourceFile[];
  /** Files (and folders) not read or not parsing: listed among the files, for the summary's count. */
  problemFiles: readonly ts.SourceFile[];
  functions: readonly FunctionInfo[];
  bodies: readonly FunctionBody[];
  graph: LockGraph;
  locks: LockTable;
  diagnostics: Diagnostic[];
  /** The diagnostics silenced by a suppression comment, with its reason. */
  justifications: ReadonlyMap<Diagnostic, string>;
}

function buildResult(input: ResultInputs): AnalysisResult {
  const { functions, bodies, graph, locks } = input;
  const { loc, file: rel } = input.locator;
  const name = (lock: number) => locks.byId(lock).name;

  const withMessage = (r: RelatedInfo): ResultRelated => {
    const l = loc(r.site) as ResultRelated;
    l.message = r.message;
    return l;
  };
  const diagnostics = input.diagnostics
    .map((d) => {
      const l = loc(d.site) as ResultDiagnostic;
      l.severity = d.severity;
      l.code = d.code;
      l.message = d.message;
      l.related = d.related.map(withMessage);
      l.args = argsByName(d.args);
      if (d.flow) l.flow = d.flow.map(withMessage);
      const justification = input.justifications.get(d);
      if (justification !== undefined) {
        l.suppressed = true;
        l.justification = justification;
      }
      return l;
    })
    // Ordinal, not locale, comparison of paths: the same order on every machine.
    .sort((a, b) => compareOrdinal(a.file, b.file) || a.line - b.line || a.column - b.column || compareOrdinal(a.code, b.code));

  const inOrder = graph.order.flat();
  const irqs = graph.interrupts;
  const usageOf = (id: number): ResultUsage[] => {
    const out: ResultUsage[] = [];
    for (let u = 0; u < USAGES; u++) {
      const origin = irqs.origin(id, u);
      if (!origin) continue;
      out.push({ usage: usageName(u), ...pick(loc(origin.site)), function: functions[origin.fn].name, entry: irqs.entryNames(origin.fn, origin.state), enabling: origin.enabling });
    }
    return out;
  };
  const resultLocks = inOrder.map((id): ResultLock => {
    const lock = locks.byId(id);
    const l = loc(lock.decl);
    return { name: lock.name, kind: lock.kind, rank: graph.rank[id], file: l.file, line: l.line, ...(irqs.active ? { usage: usageOf(id) } : {}) };
  });

  const step = (fn: number, site: Site): ChainStep => ({ function: functions[fn].name, ...pick(loc(site)) });
  // Chains are expanded only for the edges on cycles (a breadth-first search each); other sites
  // name the function called.
  const edgeSite = (s: { fn: number; site: Site; via?: Via }, full: boolean): ResultEdgeSite => ({
    function: functions[s.fn].name,
    ...loc(s.site),
    chain: !s.via
      ? []
      : [step(s.fn, s.site), ...(full ? graph.chain(s.via.callee, s.via.key, s.via.holding).map((l) => step(l.fn, l.site)) : [step(s.via.callee, functions[s.via.callee].nameSite)])],
  });
  const edges = (): ResultEdge[] =>
    [...graph.edges.values()].map((e) => ({
      from: name(e.from),
      to: name(e.to),
      mode: `${e.holder}${e.acquirer}`,
      read: e.read,
      wait: isWait(locks.byId(e.to).kind, e.acquirer),
      sites: e.sites.map((s) => edgeSite(s, false)),
    }));

  const cycles = graph.distinctCycles();
  // Each function's lock sets, one record at a time (the JSON writer takes them so: records.ts).
  function* functionRecords(): Generator<ResultFunction> {
    const lockNames = (ids: Iterable<number>) => [...new Set([...ids].map(name))];
    for (const f of functions) {
      if (!f.callable) continue;
      const body = bodies[f.id];
      const l = loc(f.nameSite);
      yield {
        name: f.name,
        file: l.file,
        line: l.line,
        requires: lockNames(f.annotations.requires.map((u) => u.lock)),
        excludes: lockNames(f.annotations.excludes.map((u) => u.lock)),
        acquires: lockNames(graph.directSequence(f.id)),
        mayAcquire: lockNames(graph.sequence(f.id)),
        heldAtExit: lockNames(body.heldAtExit),
        releases: lockNames(f.annotations.releases.map((u) => u.lock)),
      };
    }
  }

  const resultCycles = () =>
    cycles.map((c) => ({
      locks: c.map(name),
      edges: c.map((from, i) => {
        const to = c[(i + 1) % c.length];
        const found = graph.firstSiteOf(from, to);
        return {
          from: name(from),
          to: name(to),
          mode: found ? `${found.edge.holder}${found.edge.acquirer}` : "EN",
          read: found?.edge.read ?? false,
          wait: isWait(locks.byId(to).kind, found?.edge.acquirer ?? "N"),
          sites: found ? [edgeSite(found.site, true)] : [],
        };
      }),
    }));

  // Every function's lock sets, every edge's sites and the cycles' evidence are built when first
  // read (the CLI's JSON, the graph view and hovers read them; an analysis after an edit does not).
  const details = {
    files: [...new Set([...input.files, ...input.problemFiles].map(rel))].sort(),
    cycles: undefined, // (lazy, below; a placeholder keeps its place in the JSON)
    declared: locks.locks.flatMap((l) => l.declaredAfter.map((b) => ({ before: name(b), after: l.name }))),
    stats: { files: 0, functions: 0, locks: 0, edges: 0, calls: 0, unresolvedCalls: 0, unresolved: [], phases: {}, summarised: 0, linked: 0, contributions: 0 },
    internalErrors: [],
  } as unknown as AnalysisResult["details"];
  lazy(details, "edges", edges);
  lazy(details, "cycles", resultCycles);
  const result = { diagnostics, locks: resultLocks, order: inOrder.map(name), cycles: cycles.map((c) => c.map(name)), details } as AnalysisResult;
  lazyList(result, "functions", functionRecords);
  return result;
}

/** Defines an enumerable property computed on first read (so JSON output still has it). */
function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= compute()),
  });
}

function pick(l: Location): { file: string; line: number; column: number } {
  return { file: l.file, line: l.line, column: l.column };
}
