/**
 * The summaries `lockorder check --cache` keeps (docs/architecture.md#the-result-cache), and the
 * analysis of a model with some files changed since they were kept: only the changed files (and
 * the files that import one whose declarations changed, transitively) are parsed and summarised,
 * in a program of those files and what they import; every other file's summary is the one kept;
 * then everything is linked and reported as a fresh analysis does (analyze.ts linkAndReport).
 *
 * A kept summary depends on other files through what its names resolve to: their declarations
 * (keys, annotations, types) and the lock table. So the kept summaries serve only while every
 * file's lock declarations are where they were (lock ids and the classes' sites), the model has
 * the same files and options, and the files that import a file whose declarations changed are
 * summarised again, as the language server's incremental analysis does (analyze.ts Analyzer).
 *
 * When every file summarised again says what it said, moved by its edit, and only a report is
 * needed, the answer is the last report moved (earlyCutoff.ts), without decoding the other
 * summaries, linking them or building the graph.
 *
 * Owns: StoredModel (what is kept, per file, for the declarations, and the last report),
 * keepModel, keptReport and analyzeStored. Must not: decide whether a cached answer is still valid
 * (resultCache.ts does), print anything, or answer when unsure: it then returns undefined and the
 * caller analyses afresh.
 */
import * as crypto from "node:crypto";
import * as path from "node:path";
import * as v8 from "node:v8";
import { ts } from "@ts-morph/common";
import { AnnotationReader } from "../annotations";
import { importersOf, linkAndReport, phaseTimer, resultRoot, syntaxError, type AnalysisState, type AnalyzeOptions, type SummarisedModel } from "../analyze";
import { DiagnosticSink } from "../diagnostics";
import { readModelFile, type ReadLimits } from "../files";
import { fileShape, watchedMemberNames } from "../keys";
import { Linker } from "../link";
import { LockTable, type LockReference, type LockTableSnapshot } from "../locks";
import { resultFileName } from "../locations";
import type { CheckReport, Diagnostic, LockClass } from "../model";
import { compareOrdinal } from "../ordinal";
import { loadModel, resolveInputs } from "../program";
import { bindEachFile, summarizeFile, type FileSummary } from "../summary";
import { rememberSuppressions, suppressionsOf, type Suppression } from "../suppressions";
import { LineShift, moveReport, saysTheSame } from "./earlyCutoff";
import { decode, encode, lockIdsOf, NO_LOCK_IDS, NotCacheable, sourceText } from "./summaryCodec";

/** One file as kept: what tells whether it changed, and its summary. */
interface StoredFile {
  readonly fileName: string;
  /** Its text's hash. */
  readonly hash: string;
  /** Its text, to tell which lines an edit moved (earlyCutoff.ts). */
  readonly text: string;
  /** Its lock declarations with their offsets (keys.ts fileShape). */
  readonly lockSites: string;
  /** The hash of its declarations (its text with function bodies blanked). */
  readonly declarations: string;
  readonly imports: readonly string[];
  readonly watched: readonly string[];
  /** The encoded summary, its first syntax error (or null) and its suppression comments, serialised. */
  readonly data: Uint8Array;
}

/** What `check --cache` keeps of an analysis besides its answer. */
export interface StoredModel {
  /** The run's key (paths, options): another run keeps its own. */
  readonly key: string;
  readonly options: string;
  readonly files: readonly StoredFile[];
  /** Every file the analysis read besides the model's (what they import, the lockorder module). */
  readonly alsoRead: readonly string[];
  /** What the caller says the analysis depended on besides the files (resultCache.ts environmentOf): the kept summaries serve while it is the same. */
  readonly environment?: string;
  /** The lock table and what the declarations resolved and reported, serialised. */
  readonly declarations: Uint8Array;
  /** The report of the analysis of these files (keptReport), serialised, for the early cutoff (earlyCutoff.ts). */
  readonly report?: Uint8Array;
}

/** A file's data as kept, encoded (summaryCodec.ts). */
export interface FileData {
  readonly summary: unknown;
  readonly syntaxError: unknown;
  readonly suppressions: unknown;
}

interface DeclarationData {
  readonly locks: unknown;
  readonly references: unknown;
  readonly diagnostics: unknown;
}

const hashOf = (text: string) => crypto.createHash("sha1").update(text).digest("base64");

/** A parsed file's summary, first syntax error and suppression comments, encoded (lockIds: lockIdsOf the table). */
function fileData(program: ts.Program, sf: ts.SourceFile, summary: FileSummary, lockIds: ReadonlyMap<object, number>): FileData {
  return { summary: encode(summary, lockIds), syntaxError: encode(syntaxError(program, sf) ?? null, lockIds), suppressions: encode(suppressionsOf(sf), lockIds) };
}

/** A parsed file as kept, with its serialised data. */
function storedFile(sf: ts.SourceFile, summary: FileSummary, data: Uint8Array): StoredFile {
  const shape = fileShape(sf);
  return { fileName: sf.fileName, hash: hashOf(sf.text), text: sf.text, lockSites: shape.lockSites, declarations: hashOf(shape.declarations), imports: summary.imports, watched: watchedMemberNames(sf), data };
}

/** What to keep of a complete analysis (AnalyzeOptions.keep); undefined when something in it cannot be kept. */
export function keepModel(key: string, model: SummarisedModel): StoredModel | undefined {
  try {
    const locks = lockIdsOf(model.locks.locks);
    const declarations: DeclarationData = {
      // The classes themselves (copied), not references to them.
      locks: encode(model.locks.snapshot(), NO_LOCK_IDS),
      references: encode(model.declarations.references, locks),
      diagnostics: encode(model.declarations.diagnostics, locks),
    };
    const modelFiles = new Set(model.files.map((sf) => sf.fileName));
    const files = model.files.map((sf, i) => storedFile(sf, model.summaries[i], v8.serialize(fileData(model.program, sf, model.summaries[i], locks))));
    const alsoRead = model.program.getSourceFiles().map((sf) => sf.fileName).filter((f) => !modelFiles.has(f) && path.isAbsolute(f));
    return { key, options: JSON.stringify(model.program.getCompilerOptions()), files, alsoRead, declarations: v8.serialize(declarations) };
  } catch (error) {
    if (error instanceof NotCacheable) return undefined;
    throw error;
  }
}

/** What a check has to answer from: the whole analysis, or (the early cutoff: earlyCutoff.ts) only its report. */
export type Analysed = { state: AnalysisState; report?: undefined } | { report: CheckReport; state?: undefined };

/** What an analysis from kept summaries answers, with what to keep of it and every file it read. */
export type StoredAnalysis = Analysed & { keep: StoredModel; read: string[] };

/**
 * An analysis from kept summaries (see the header), with what to keep of it and every file read;
 * undefined when they cannot serve. With `reportSuffices` (the caller writes only a CheckReport),
 * the answer may be the kept report moved (earlyCutoff.ts).
 */
export function analyzeStored(paths: readonly string[], stored: StoredModel, options: AnalyzeOptions & ReadLimits & { reportSuffices?: boolean }): StoredAnalysis | undefined {
  const started = performance.now();
  const inputs = resolveInputs(paths.length > 0 ? paths : ["."], options);
  if (inputs.problems.length > 0 || JSON.stringify(inputs.options) !== stored.options) return undefined;
  const roots = [...inputs.files].sort(compareOrdinal);
  if (roots.length !== stored.files.length || roots.some((f, i) => f !== stored.files[i].fileName)) return undefined;
  const texts = new Map<string, string>();
  for (const f of roots) {
    const read = readModelFile(f, options);
    if (read.problem !== undefined) return undefined;
    texts.set(f, read.text);
  }
  const changed = stored.files.filter((f) => hashOf(texts.get(f.fileName)!) !== f.hash).map((f) => f.fileName);

  // The files to summarise again: the changed ones, and the importers of one whose declarations changed.
  const byName = new Map(stored.files.map((f) => [f.fileName, f]));
  let program: ts.Program | undefined;
  let stale = new Set(changed);
  for (let round = 0; stale.size > 0; round++) {
    const loaded = loadModel([...stale].sort(compareOrdinal), inputs.options, options);
    if (loaded.problems.length > 0 || round > 1) return undefined;
    program = loaded.program;
    const declarationsChanged: string[] = [];
    for (const sf of loaded.files) {
      const kept = byName.get(sf.fileName)!;
      const shape = fileShape(sf);
      if (shape.lockSites !== kept.lockSites) return undefined;
      if (hashOf(shape.declarations) !== kept.declarations) declarationsChanged.push(sf.fileName);
    }
    const importers = importersOf(declarationsChanged, stored.files, (f) => !stale.has(f));
    if (importers.size === 0) break;
    stale = new Set([...stale, ...importers]);
  }
  program ??= ts.createProgram({ rootNames: [], options: { noLib: true } });
  const loadMs = performance.now() - started;

  const sources = new Map<string, ts.SourceFile>();
  const sourceOf = (fileName: string) => sources.get(fileName) ?? sources.set(fileName, sourceText(fileName, (f) => texts.get(f) ?? readModelFile(f, options).text ?? "")).get(fileName)!;
  const declarations = v8.deserialize(stored.declarations) as DeclarationData;
  const snapshot = decode<LockTableSnapshot>(declarations.locks, sourceOf, () => undefined as unknown as LockClass);
  const lockOf = (id: number) => snapshot.locks[id];

  const fresh = program.getSourceFiles().filter((sf) => stale.has(sf.fileName));
  if (fresh.length !== stale.size || bindEachFile(program, fresh).size > 0) return undefined;
  const checker = program.getTypeChecker();
  const sink = new DiagnosticSink();
  const locks = LockTable.restore(snapshot, checker, sink, program.getSourceFiles().filter((sf) => !sf.isDeclarationFile));
  if (!locks) return undefined;
  const reader = new AnnotationReader(checker, locks, sink);
  const watchedMembers = new Set(stored.files.flatMap((f) => (stale.has(f.fileName) ? [] : f.watched)));
  for (const sf of fresh) for (const name of watchedMemberNames(sf)) watchedMembers.add(name);
  const { phases, phase } = phaseTimer(loadMs);
  const renewed = new Map<string, StoredFile>();
  const lockIds = lockIdsOf(locks.locks);
  for (const sf of fresh) {
    const summary = summarizeFile({ checker, locks, reader, watchedMembers }, sf);
    renewed.set(sf.fileName, storedFile(sf, summary, v8.serialize(fileData(program, sf, summary, lockIds))));
  }
  // A subclass first met in a changed file renumbers what follows it: only a fresh analysis numbers it right.
  if (locks.grewAfterSeal || sink.all().length > 0) return undefined;
  phase("summaries");
  const newlyRead = () => [...new Set([...stored.alsoRead, ...program.getSourceFiles().map((sf) => sf.fileName).filter((f) => !byName.has(f) && path.isAbsolute(f))])];
  const keptFiles = stored.files.map((f) => renewed.get(f.fileName) ?? f);
  const moved = options.reportSuffices ? movedReport(stored, byName, renewed, resultRoot(options)) : undefined;
  if (moved) {
    phase("report");
    moved.details.stats = { ...moved.details.stats, phases, summarised: fresh.length, linked: 0, contributions: 0 };
    const alsoRead = newlyRead();
    return { report: moved, keep: { ...stored, files: keptFiles, alsoRead, report: keptReport(moved) }, read: [...roots, ...alsoRead, ...inputs.configFiles] };
  }

  const files: ts.SourceFile[] = [];
  const summaries: FileSummary[] = [];
  const problems: Diagnostic[] = [];
  for (const kept of keptFiles) {
    // Every summary, the fresh ones too, goes through the same encoding: one kind of source file past here.
    const data = decode<FileData>(v8.deserialize(kept.data), sourceOf, lockOf);
    const sf = sourceOf(kept.fileName);
    files.push(sf);
    summaries.push(data.summary as FileSummary);
    if (data.syntaxError) problems.push(data.syntaxError as Diagnostic);
    rememberSuppressions(sf, data.suppressions as Suppression[]);
  }
  const model: SummarisedModel = {
    program,
    files,
    summaries,
    locks,
    declarations: {
      references: decode<ReadonlyMap<string, LockReference>>(declarations.references, sourceOf, lockOf),
      diagnostics: decode<Diagnostic[]>(declarations.diagnostics, sourceOf, lockOf),
    },
    problems,
  };
  const state = { ...linkAndReport(model, { linker: new Linker(), summarised: fresh.length, phases, phase }, options), configFiles: inputs.configFiles };
  const alsoRead = newlyRead();
  return { state, keep: { ...stored, files: keptFiles, alsoRead, report: keptReport(state.result) }, read: [...roots, ...alsoRead, ...inputs.configFiles] };
}

/** What the early cutoff keeps of an analysis's result (earlyCutoff.ts), serialised. */
export function keptReport(result: CheckReport): Uint8Array {
  const { cycles, stats, internalErrors } = result.details;
  const report: CheckReport = { diagnostics: result.diagnostics, details: { cycles, stats, internalErrors } };
  return v8.serialize(report);
}

/**
 * The kept report, its locations moved, when every file summarised again says what its kept
 * summary said, moved by its edit (earlyCutoff.ts); else undefined. `cwd`: what the report's file
 * names are relative to (undefined: absolute).
 */
function movedReport(stored: StoredModel, byName: ReadonlyMap<string, StoredFile>, renewed: ReadonlyMap<string, StoredFile>, cwd: string | undefined): CheckReport | undefined {
  if (stored.report === undefined) return undefined;
  const shifts = new Map<string, LineShift>();
  for (const now of renewed.values()) {
    const kept = byName.get(now.fileName)!;
    // Which members are watched is read by every file's summary, not only by this one's.
    if (kept.watched.join("\n") !== now.watched.join("\n")) return undefined;
    if (kept.text !== now.text) shifts.set(now.fileName, new LineShift(kept.text, now.text));
  }
  // An importer summarised again may hold sites in the edited files (the lock references it resolved there).
  for (const now of renewed.values()) if (!saysTheSame(byName.get(now.fileName)!.data, now.data, shifts)) return undefined;
  const report = v8.deserialize(stored.report) as CheckReport;
  return moveReport(report, new Map([...shifts].map(([fileName, shift]) => [resultFileName(fileName, cwd), shift]))) ? report : undefined;
}
