/**
 * The analysis pipeline: locks, functions and annotations, dispatch index, flow walks of every
 * body, the lock graph, and the serialisable result (SPEC sections 5 and 7).
 *
 * Owns: the order of the phases and the conversion of internal structures (nodes, offsets) into
 * the plain result with 1-based lines and columns and cwd-relative paths.
 * Must not: print anything or exit; nothing in here throws on bad input (syntax errors and bad
 * annotations become diagnostics, and a failure inside one function's walk is contained to it).
 */
import * as path from "node:path";
import { ts } from "ts-morph";
import { AnnotationReader } from "./annotations";
import { CallResolver } from "./calls";
import { DiagnosticSink } from "./diagnostics";
import { walkFunction, type FlowContext } from "./flow";
import { functionName, functionNameNode, isFunctionNode, isSynchronousCallback } from "./functions";
import { LockGraph, lockOfKey } from "./lockGraph";
import { LockTable, siteOf } from "./locks";
import {
  emptyAnnotations,
  type AnalysisResult,
  type ChainStep,
  type Diagnostic,
  type FunctionBody,
  type FunctionInfo,
  type Location,
  type LockUse,
  type ResultEdge,
  type ResultEdgeSite,
  type Site,
} from "./model";
import { locator, type Locator } from "./locations";
import { loadModel, resolveInputs } from "./program";

export interface AnalyzeOptions {
  /** Paths in the result are relative to this directory (default: the process's). */
  cwd?: string;
  /** Absolute paths in the result (editors), instead of paths relative to `cwd`. */
  absolutePaths?: boolean;
}

/** Everything the analysis knows, for the editor queries (queries.ts). */
export interface AnalysisState {
  readonly program: ts.Program;
  readonly files: readonly ts.SourceFile[];
  readonly functions: readonly FunctionInfo[];
  readonly bodies: readonly FunctionBody[];
  readonly graph: LockGraph;
  readonly locks: LockTable;
  readonly locator: Locator;
  readonly result: AnalysisResult;
}

/** Analyses files, folders or a tsconfig, as `lockorder check` does. */
export function analyzePaths(paths: readonly string[], options: AnalyzeOptions = {}): AnalysisResult {
  const started = performance.now();
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."]);
  const model = loadModel(inputs.files, inputs.tsconfig);
  return analyzeProgram(model.program, model.files, { ...options, loadMs: performance.now() - started });
}

/** Analyses the given files of a program. */
export function analyzeProgram(program: ts.Program, files: readonly ts.SourceFile[], options: AnalyzeOptions & { loadMs?: number } = {}): AnalysisResult {
  return analyzeState(program, files, options).result;
}

/** The analysis with its internal state, for editors (see queries.ts). */
export function analyzeState(
  program: ts.Program,
  files: readonly ts.SourceFile[],
  options: AnalyzeOptions & { loadMs?: number } = {},
): AnalysisState {
  const phases: Record<string, number> = {};
  if (options.loadMs !== undefined) phases.load = options.loadMs;
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + (now - mark);
    mark = now;
  };

  const checker = program.getTypeChecker();
  const sink = new DiagnosticSink();
  const locks = new LockTable(checker, sink);
  locks.collect(files);
  const reader = new AnnotationReader(checker, locks, sink);
  const functions = discoverFunctions(files, reader);
  const guarded = discoverGuards(files, reader);
  phase("declarations");

  const functionIds = new Map(functions.map((f) => [f.node, f.id]));
  const calls = new CallResolver(checker, functionIds);
  for (const sf of files) calls.indexFile(sf);
  phase("dispatch");

  const stats = { calls: 0, unresolvedCalls: 0 };
  const hasAccessors = functions.some((f) => ts.isGetAccessorDeclaration(f.node) || ts.isSetAccessorDeclaration(f.node));
  const ctx: FlowContext = { checker, locks, calls, sink, functions, stats, guarded, checkProperties: guarded.size > 0 || hasAccessors };
  // A failure inside one function's walk is contained to it: the function then has no effects
  // and the failure is reported apart from the diagnostics (it is a bug of ours, not the model's).
  const internalErrors: string[] = [];
  const bodies: FunctionBody[] = functions.map((fn) => {
    try {
      return walkFunction(ctx, fn);
    } catch (error) {
      internalErrors.push(`while analysing '${fn.name}': ${(error as Error).stack ?? error}`);
      return { acquisitions: [], calls: [], heldAtExit: [] };
    }
  });
  phase("flow");

  const graph = new LockGraph(functions, bodies, locks, sink);
  phase("graph");

  const where = locator(options.absolutePaths ? undefined : (options.cwd ?? process.cwd()));
  const result = buildResult({ locator: where, files, functions, bodies, graph, locks, diagnostics: sink.all() });
  phase("report");
  result.details.internalErrors = internalErrors;
  result.details.stats = {
    files: files.length,
    functions: functions.filter((f) => f.callable).length,
    locks: locks.locks.length,
    edges: graph.edges.size,
    calls: stats.calls,
    unresolvedCalls: stats.unresolvedCalls,
    phases,
  };
  return { program, files, functions, bodies, graph, locks, locator: where, result };
}

/** Every function of the model (SPEC 4.2: synchronous callbacks belong to their caller). */
function discoverFunctions(files: readonly ts.SourceFile[], reader: AnnotationReader): FunctionInfo[] {
  const functions: FunctionInfo[] = [];
  for (const sf of files) {
    functions.push({
      id: functions.length,
      name: `<top level of ${path.basename(sf.fileName)}>`,
      node: sf,
      nameSite: { sf, start: 0, end: 0 },
      annotations: emptyAnnotations(),
      callable: false,
    });
    const pending: ts.Node[] = [sf];
    while (pending.length > 0) {
      const node = pending.pop()!;
      reader.checkMisplaced(node);
      if (isFunctionNode(node) && node.body && !isSynchronousCallback(node)) {
        functions.push({
          id: functions.length,
          name: functionName(node),
          node,
          nameSite: siteOf(functionNameNode(node), sf),
          annotations: reader.read(node),
          callable: true,
        });
      }
      ts.forEachChild(node, (c) => {
        pending.push(c);
      });
    }
  }
  return functions;
}

/** Fields with `@guardedBy(L)`. */
function discoverGuards(files: readonly ts.SourceFile[], reader: AnnotationReader): Map<ts.Node, LockUse[]> {
  const guarded = new Map<ts.Node, LockUse[]>();
  for (const sf of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyDeclaration(node) && ts.getDecorators(node)) {
        const guards = reader.readGuards(node);
        if (guards.length > 0) guarded.set(node, guards);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return guarded;
}

// ---- the result ----

interface ResultInputs {
  locator: Locator;
  files: readonly ts.SourceFile[];
  functions: readonly FunctionInfo[];
  bodies: readonly FunctionBody[];
  graph: LockGraph;
  locks: LockTable;
  diagnostics: Diagnostic[];
}

function buildResult(input: ResultInputs): AnalysisResult {
  const { functions, bodies, graph, locks } = input;
  const { loc, file: rel } = input.locator;
  const name = (lock: number) => locks.byId(lock).name;

  const diagnostics = input.diagnostics
    .map((d) => ({
      ...loc(d.site),
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ ...loc(r.site), message: r.message })),
      ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));

  const inOrder = graph.order.flat();
  const resultLocks = inOrder.map((id) => {
    const lock = locks.byId(id);
    const l = loc(lock.decl);
    return { name: lock.name, kind: lock.kind, rank: graph.rank[id], file: l.file, line: l.line };
  });

  const step = (fn: number, site: Site): ChainStep => ({ function: functions[fn].name, ...pick(loc(site)) });
  // Chains are expanded only for the edges on cycles (a breadth-first search each); other sites
  // name the function called.
  const edgeSite = (s: { fn: number; site: Site; via?: { callee: number; key: number } }, full: boolean): ResultEdgeSite => ({
    function: functions[s.fn].name,
    ...loc(s.site),
    chain: !s.via
      ? []
      : [step(s.fn, s.site), ...(full ? graph.chain(s.via.callee, s.via.key).map((l) => step(l.fn, l.site)) : [step(s.via.callee, functions[s.via.callee].nameSite)])],
  });
  const edges: ResultEdge[] = [...graph.edges.values()].map((e) => ({
    from: name(e.from),
    to: name(e.to),
    mode: `${e.holder}${e.acquirer}`,
    read: e.read,
    sites: e.sites.map((s) => edgeSite(s, false)),
  }));

  const cycles = graph.distinctCycles();
  const resultFunctions = functions
    .filter((f) => f.callable)
    .map((f) => {
      const body = bodies[f.id];
      const l = loc(f.nameSite);
      const lockNames = (ids: Iterable<number>) => [...new Set([...ids].map(name))];
      const may = graph.mayAcquireKeys(f.id).map(lockOfKey);
      return {
        name: f.name,
        file: l.file,
        line: l.line,
        requires: lockNames(f.annotations.requires.map((u) => u.lock)),
        excludes: lockNames(f.annotations.excludes.map((u) => u.lock)),
        acquires: lockNames(body.acquisitions.map((a) => a.use.lock)),
        mayAcquire: lockNames([...may].sort((a, b) => graph.rank[a] - graph.rank[b] || a - b)),
        heldAtExit: lockNames(body.heldAtExit),
        releases: lockNames(f.annotations.releases.map((u) => u.lock)),
      };
    });

  return {
    diagnostics,
    locks: resultLocks,
    order: inOrder.map(name),
    cycles: cycles.map((c) => c.map(name)),
    functions: resultFunctions,
    details: {
      files: input.files.map(rel),
      edges,
      cycles: cycles.map((c) => ({
        locks: c.map(name),
        edges: c.map((from, i) => {
          const to = c[(i + 1) % c.length];
          const found = graph.firstSiteOf(from, to);
          return {
            from: name(from),
            to: name(to),
            mode: found ? `${found.edge.holder}${found.edge.acquirer}` : "EN",
            read: found?.edge.read ?? false,
            sites: found ? [edgeSite(found.site, true)] : [],
          };
        }),
      })),
      stats: { files: 0, functions: 0, locks: 0, edges: 0, calls: 0, unresolvedCalls: 0, phases: {} },
      internalErrors: [],
    },
  };
}

function pick(l: Location): { file: string; line: number; column: number } {
  return { file: l.file, line: l.line, column: l.column };
}
