/**
 * The fix engine (SPEC 9, docs/diagnostics.md#fixes): the fixes of each possible deadlock, each
 * verified by analysing the model with it applied, in memory and through the incremental
 * analysis, before it is offered; and the loop that applies the fixes safe to apply unattended
 * until none applies (`lockorder fix`, fix-all).
 *
 * Owns: verification (the cycle the fix names is gone, no diagnostic is new), the order fixes
 * are offered in (best first; the editor prefers the first unattended one), the unattended loop,
 * and a session over a ModelHost for the command line.
 * Must not: know LSP (server/ turns fixes into code actions) or build edits itself.
 */
import * as path from "node:path";
import { Analyzer, type AnalysisState, type AnalyzeOptions } from "../analyze";
import { fixIsSafe, FixFinder, type Fix } from "../fixes";
import { applyEdits, type TextEdit } from "../lines";
import { compareOrdinal } from "../ordinal";
import type { ModelHost } from "../program";
import type { ResultDiagnostic } from "../model";
import { CycleFixes } from "./cycleFixes";

/** A model that can be analysed with some files' texts replaced, without changing it. */
export interface ModelSession {
  readonly state: AnalysisState;
  /** The analysis of the model with these files (compiler file names) holding these texts. */
  analyzeWith(texts: ReadonlyMap<string, string>): AnalysisState;
}

/** A cycle's key: its locks' names from the least (in ordinal order), whatever lock it was named from. */
export function cycleKey(names: readonly string[]): string {
  let start = 0;
  names.forEach((n, i) => {
    if (compareOrdinal(n, names[start]) < 0) start = i;
  });
  return [...names.slice(start), ...names.slice(0, start)].join("\u0000");
}

export class FixEngine {
  private readonly byCycle = new Map<string, Fix[]>();
  private readonly files: Map<string, string>;
  private cycles: CycleFixes | undefined;

  constructor(private readonly session: ModelSession) {
    const { state } = session;
    this.files = new Map(state.files.map((sf) => [state.locator.file(sf), sf.fileName]));
  }

  /**
   * The verified fixes of the cycle a lock-order-inversion names, best first: the reorders that
   * apply unattended, then the trylocks (memoised per cycle: every diagnostic of the cycle gets
   * the same fixes).
   */
  cycleFixes(d: ResultDiagnostic): Fix[] {
    if (d.args.code !== "lock-order-inversion") return [];
    const key = cycleKey(d.args.cycle);
    let fixes = this.byCycle.get(key);
    if (!fixes) this.byCycle.set(key, (fixes = this.verifyCycle(key)));
    return fixes;
  }

  private verifyCycle(key: string): Fix[] {
    return this.candidatesOf(key).filter((fix) => this.works(fix));
  }

  /** A cycle's candidate fixes, unverified, each targeting every inversion of the cycle. */
  private candidatesOf(key: string, kinds?: readonly ("reorder" | "outer-first" | "trylock")[]): Fix[] {
    const { state } = this.session;
    const cycle = state.graph.distinctCycles().find((c) => cycleKey(c.map((l) => state.locks.byId(l).name)) === key);
    if (!cycle) return [];
    const targets = state.result.diagnostics.filter((d) => !d.suppressed && d.args.code === "lock-order-inversion" && cycleKey(d.args.cycle) === key).map(targetOf);
    this.cycles ??= new CycleFixes(state);
    return this.cycles.candidates(cycle, kinds).map((c) => ({ kind: c.kind, title: c.title, targets, edits: c.edits, unattended: c.unattended }));
  }

  /** Whether the model with the fix applied has none of its targets and nothing new (fixIsSafe). */
  works(fix: Fix): boolean {
    const texts = this.textsAfter(fix.edits);
    if (!texts) return false;
    return fixIsSafe(this.session.state.result, this.session.analyzeWith(texts).result, fix);
  }

  /** The files' texts after the edits, by compiler file name; undefined when an edit names no file of the model. */
  textsAfter(edits: readonly TextEdit[]): Map<string, string> | undefined {
    const byFile = new Map<string, TextEdit[]>();
    for (const e of edits) {
      const list = byFile.get(e.range.file);
      if (list) list.push(e);
      else byFile.set(e.range.file, [e]);
    }
    const texts = new Map<string, string>();
    for (const [file, list] of byFile) {
      const fileName = this.files.get(file);
      const sf = fileName === undefined ? undefined : this.session.state.files.find((f) => f.fileName === fileName);
      if (!sf) return undefined;
      texts.set(sf.fileName, applyEdits(sf.text, list));
    }
    return texts;
  }

  /**
   * The first fix safe to apply unattended, of the kinds asked: a cycle's reorder (shortest cycle
   * first), then a did-you-mean. Candidates are verified one at a time, and only until one works:
   * a run over a large model must not verify every fix of every cycle to apply one.
   */
  firstUnattended(kinds: readonly Fix["kind"][] = ["reorder", "outer-first", "did-you-mean"]): Fix | undefined {
    const { state } = this.session;
    const seen = new Set<string>();
    for (const d of state.result.diagnostics) {
      if (d.args.code !== "lock-order-inversion") continue;
      const key = cycleKey(d.args.cycle);
      if (seen.has(key)) continue;
      seen.add(key);
      const known = this.byCycle.get(key);
      // Only reorders (in a function, or out of a callee into its callers) are unattended among a cycle's fixes.
      const fix = known ? known.find((f) => f.unattended && kinds.includes(f.kind)) : this.candidatesOf(key, ["reorder", "outer-first"]).find((f) => f.unattended && kinds.includes(f.kind) && this.works(f));
      if (fix) return fix;
    }
    if (!kinds.includes("did-you-mean")) return undefined;
    const finder = new FixFinder(state);
    const typos = new Set(state.result.diagnostics.filter((d) => d.args.code === "unknown-lock" && d.args.suggestion !== undefined).map((d) => d.file));
    for (const sf of state.files) {
      if (!typos.has(state.locator.file(sf))) continue;
      const fix = finder.fixesIn(sf.fileName).find((f) => f.kind === "did-you-mean" && this.works(f));
      if (fix) return fix;
    }
    return undefined;
  }
}

/** What a run of `lockorder fix` changed: the fixes applied, in order, and the files' new texts. */
export interface FixRun {
  readonly applied: Fix[];
  readonly texts: Map<string, string>;
  readonly state: AnalysisState;
}

/**
 * The model on disk as the command line sees it, with the texts the fixes applied so far
 * overlaid. A fix is verified by the same incremental analyzer (an analysis is a function of the
 * texts, whatever the analyzer analysed before): only the edited files are summarised again, where
 * a second analyzer would start cold. The session's own state stays that of the current texts.
 */
export class HostSession implements ModelSession {
  private readonly analyzer = new Analyzer();
  state: AnalysisState;

  constructor(
    private readonly host: ModelHost,
    private readonly options: AnalyzeOptions = {},
  ) {
    this.state = this.analyze();
  }

  private analyze(): AnalysisState {
    const { program, files, problems } = this.host.load();
    return this.analyzer.analyze(program, files, { ...this.options, problems: [...(this.options.problems ?? []), ...problems] });
  }

  analyzeWith(texts: ReadonlyMap<string, string>): AnalysisState {
    for (const [file, text] of texts) this.host.setOverlay(file, text);
    try {
      return this.analyze();
    } finally {
      for (const file of texts.keys()) this.host.setOverlay(file, this.current.get(path.resolve(file)));
    }
  }

  /** The texts changed so far, by absolute file name. */
  readonly current = new Map<string, string>();

  /** Makes texts the model's own, and analyses it again. */
  apply(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      this.current.set(path.resolve(file), text);
      this.host.setOverlay(file, text);
    }
    this.state = this.analyze();
  }
}

/**
 * Applies the unattended fixes one at a time, analysing again after each (a fix of one cycle can
 * change another's), until none applies or `maxSteps` were applied.
 */
export function fixUnattended(session: HostSession, maxSteps = 64): FixRun {
  const applied: Fix[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const engine = new FixEngine(session);
    const fix = engine.firstUnattended();
    if (!fix) break;
    session.apply(engine.textsAfter(fix.edits)!);
    applied.push(fix);
  }
  return { applied, texts: new Map(session.current), state: session.state };
}

function targetOf(d: ResultDiagnostic): Fix["targets"][number] {
  return { code: d.code, range: { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }, message: d.message };
}
