/**
 * The candidate fixes of one possible deadlock, thought of as a cycle (SPEC 9,
 * docs/diagnostics.md#fixes): a reorder of every reorderable site of one edge of the cycle, across
 * functions and files, so that the locks are taken in the direction kept; and a trylock of the
 * acquisitions that make one edge. Candidates only: the engine (engine.ts) analyses the model with
 * each applied before offering it.
 *
 * Owns: choosing the edge to turn round, and the edits. Must not: analyse, or know LSP.
 */
import { ts } from "@ts-morph/common";
import type * as Morph from "ts-morph";
import type { AnalysisState } from "../analyze";
import { cycleChain } from "../diagnostics";
import { lockorderExport, lockorderNames, LOCKORDER_MODULE } from "../imports";
import type { TextEdit } from "../lines";
import type { Edge } from "../lockGraph";
import type { FunctionInfo, Site } from "../model";
import { nodeAtSite, siteOf, skipOuter } from "../tree";
import { morphEdits } from "./morph";
import { OuterFirst } from "./outerFirst";
import { acquisitionRuns, type AcquisitionRun, type Run } from "./runs";

/** What a fix of a cycle is, before it is verified. */
export interface CycleCandidate {
  readonly kind: "reorder" | "outer-first" | "trylock";
  readonly title: string;
  readonly edits: TextEdit[];
  /** Whether `lockorder fix` and fix-all may apply it without asking (a trylock changes behaviour). */
  readonly unattended: boolean;
}

/** One edge of the cycle, `from → to`, and the sites of every mode of it. */
interface CycleEdge {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly sites: readonly { fn: number; site: Site; via?: { callee: number; key: number; holding?: number } }[];
}

/** Where a reorder turns an edge round: a run, and the positions of its two locks in it. */
interface Swap {
  readonly run: AcquisitionRun;
  readonly from: number;
  readonly to: number;
}

export class CycleFixes {
  private readonly runs = new Map<ts.SourceFile, AcquisitionRun[]>();

  constructor(private readonly state: AnalysisState) {}

  /** The candidates of the kinds asked for a cycle (lock ids, each acquired while holding the one before), best first. */
  candidates(cycle: readonly number[], kinds: readonly CycleCandidate["kind"][] = ["reorder", "outer-first", "trylock"]): CycleCandidate[] {
    const edges = this.edgesOf(cycle);
    return [
      ...(kinds.includes("reorder") ? this.reorders(cycle, edges) : []),
      ...(kinds.includes("outer-first") ? this.outerFirsts(cycle, edges) : []),
      ...(kinds.includes("trylock") ? this.trylocks(cycle, edges) : []),
    ];
  }

  private edgesOf(cycle: readonly number[]): CycleEdge[] {
    const byPair = new Map<string, Edge[]>();
    for (const e of this.state.graph.edges.values()) {
      const key = `${e.from},${e.to}`;
      const list = byPair.get(key);
      if (list) list.push(e);
      else byPair.set(key, [e]);
    }
    return cycle.map((from, index) => {
      const to = cycle[(index + 1) % cycle.length];
      return { index, from, to, sites: (byPair.get(`${from},${to}`) ?? []).flatMap((e) => e.sites) };
    });
  }

  // ---- reorder ----

  /**
   * Turning one edge round at every one of its sites, for each edge whose every site can be turned:
   * first an edge against the declared order, then the edges with fewer sites (the direction with
   * more sites is kept). An edge made through a call or a function pointer cannot change.
   */
  private reorders(cycle: readonly number[], edges: readonly CycleEdge[]): CycleCandidate[] {
    const options: { edge: CycleEdge; swaps: Swap[]; against: boolean }[] = [];
    for (const edge of edges) {
      if (edge.sites.length === 0) continue;
      const swaps = edge.sites.map((s) => (s.via ? undefined : this.swapAt(s.site, edge.from)));
      if (swaps.some((s) => s === undefined)) continue;
      options.push({ edge, swaps: swaps as Swap[], against: this.state.graph.declaredAfter[edge.to]?.has(edge.from) ?? false });
    }
    options.sort((a, b) => Number(b.against) - Number(a.against) || a.edge.sites.length - b.edge.sites.length || a.edge.index - b.edge.index);
    return options.map(({ edge, swaps }) => ({
      kind: "reorder" as const,
      title: `Take '${this.name(edge.to)}' before '${this.name(edge.from)}' in ${this.where(edge.sites.map((s) => s.fn))}, breaking the cycle ${this.chain(cycle)}`,
      edits: this.swapEdits(swaps),
      unattended: true,
    }));
  }

  /** The run holding an acquisition at `site` with `from` taken earlier in the same run. */
  private swapAt(site: Site, from: number): Swap | undefined {
    for (const run of this.runsOf(site.sf)) {
      const to = run.sites.findIndex((s) => s.start === site.start && s.end === site.end);
      if (to < 0) continue;
      const at = run.sites.findIndex((s) => this.lockAt(s) === from);
      return at >= 0 && at < to ? { run, from: at, to } : undefined;
    }
    return undefined;
  }

  private runsOf(sf: ts.SourceFile): AcquisitionRun[] {
    let runs = this.runs.get(sf);
    if (!runs) this.runs.set(sf, (runs = acquisitionRuns(sf, this.state.program.getTypeChecker(), (s) => this.lockAt(s))));
    return runs;
  }

  private lockAt(site: Site): number | undefined {
    return this.state.references.at(site.sf.fileName, site.start)?.lock;
  }

  /** The edits of swapping two units in each run (and mirroring its release run when it mirrored the acquisitions). */
  private swapEdits(swaps: readonly Swap[]): TextEdit[] {
    const perRun = new Map<AcquisitionRun, number[]>();
    for (const s of swaps) {
      let order = perRun.get(s.run);
      if (!order) perRun.set(s.run, (order = s.run.units.map((_, i) => i)));
      [order[s.from], order[s.to]] = [order[s.to], order[s.from]];
    }
    const edits: TextEdit[] = [];
    for (const [run, order] of perRun) {
      edits.push(...this.permute(run, order));
      const releases = run.releases;
      if (releases && this.mirrors(releases, run, run.units.map((_, i) => i))) {
        const n = order.length;
        edits.push(...this.permute(releases, order.map((_, i) => n - 1 - order[n - 1 - i])));
      }
    }
    return edits;
  }

  /** Whether a release run releases the acquisitions, in `order`, last first. */
  private mirrors(releases: Run, run: Run, order: readonly number[]): boolean {
    const n = order.length;
    return releases.sites.length === n && releases.sites.every((s, i) => this.lockAt(s) === this.lockAt(run.sites[order[n - 1 - i]]));
  }

  /** Edits putting unit `order[i]` at position i. */
  private permute(run: Run, order: readonly number[]): TextEdit[] {
    const sf = run.sites[0].sf;
    return order.flatMap((from, to) => (from === to ? [] : [{ range: this.state.locator.loc(siteOf(run.units[to], sf)), newText: run.units[from].getText(sf) }]));
  }

  // ---- take the outer lock first ----

  /**
   * For each edge X → Y, moving Y's acquisition out of the functions that take it into their
   * callers, before X (outerFirst.ts); the edges with fewer such functions first. A change of
   * where a lock is taken, not of what the code does: unattended.
   */
  private outerFirsts(cycle: readonly number[], edges: readonly CycleEdge[]): CycleCandidate[] {
    const mover = new OuterFirst(this.state);
    const options: { edge: CycleEdge; takers: number[]; edits: TextEdit[] }[] = [];
    for (const edge of edges) {
      const takers = [...new Set(this.acquisitionsOf(edge).map((a) => a.fn))];
      const edits = takers.length > 0 ? mover.edits(edge.from, edge.to, takers) : undefined;
      if (edits) options.push({ edge, takers, edits });
    }
    // The direction kept: the declared order, else the one made through calls (a call chain or a
    // function pointer is the harder to change), else the edge with fewer functions to change.
    const viaCalls = (edge: CycleEdge) => edge.sites.some((s) => s.via !== undefined);
    const against = (edge: CycleEdge) => this.state.graph.declaredAfter[edge.to]?.has(edge.from) ?? false;
    options.sort((a, b) => Number(against(b.edge)) - Number(against(a.edge)) || Number(viaCalls(a.edge)) - Number(viaCalls(b.edge)) || a.takers.length - b.takers.length || a.edge.index - b.edge.index);
    return options.map(({ edge, takers, edits }) => ({
      kind: "outer-first" as const,
      title: `Take '${this.name(edge.to)}' before '${this.name(edge.from)}' in the callers of ${this.where(takers)}, breaking the cycle ${this.chain(cycle)}`,
      edits,
      unattended: true,
    }));
  }

  /** The acquisitions that make an edge: at its sites, or at the end of their call chains. */
  private acquisitionsOf(edge: CycleEdge): { fn: number; site: Site }[] {
    const seen = new Set<string>();
    const out: { fn: number; site: Site }[] = [];
    for (const s of edge.sites) {
      const at = s.via ? this.state.graph.chain(s.via.callee, s.via.key, s.via.holding).at(-1) : { fn: s.fn, site: s.site };
      if (!at) continue;
      const key = `${at.site.sf.fileName}:${at.site.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(at);
    }
    return out;
  }

  // ---- trylock ----

  /**
   * Turning the acquisitions that make one edge into trylocks, which never wait: `lock(L)` becomes
   * `if (!tryLock(L)) return <failure>;` (after releasing what the function took before), and
   * `@acquires(…, L)` gives L to `@tryAcquires`. For each edge all of whose acquisitions can be
   * turned, fewest first; never unattended (it changes behaviour).
   */
  private trylocks(cycle: readonly number[], edges: readonly CycleEdge[]): CycleCandidate[] {
    const options: { edge: CycleEdge; acquisitions: { fn: number; site: Site }[] }[] = [];
    for (const edge of edges) {
      const acquisitions = this.acquisitionsOf(edge);
      if (acquisitions.length > 0 && acquisitions.every((a) => this.tryForm(a.site) !== undefined)) options.push({ edge, acquisitions });
    }
    options.sort((a, b) => a.acquisitions.length - b.acquisitions.length || a.edge.index - b.edge.index);
    return options.map(({ edge, acquisitions }) => ({
      kind: "trylock" as const,
      title: `Take '${this.name(edge.to)}' with a trylock in ${this.where(acquisitions.map((a) => a.fn))}, breaking the cycle ${this.chain(cycle)}`,
      edits: this.trylockEdits(acquisitions),
      unattended: false,
    }));
  }

  /** How an acquisition can become a trylock: a `lock(L);` statement, or the last argument of `@acquires`. */
  private tryForm(site: Site): { call: ts.CallExpression; form: "statement" | "decorator" } | undefined {
    const arg = nodeAtSite(site);
    const call = arg?.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments.at(-1) !== arg) return undefined;
    const name = lockorderExport(call.expression, this.state.program.getTypeChecker());
    if (name === "lock" && call.arguments.length === 1 && ts.isExpressionStatement(call.parent) && skipOuter(call.parent.expression) === call && ts.isBlock(call.parent.parent)) return { call, form: "statement" };
    if (name === "acquires" && ts.isDecorator(call.parent)) return { call, form: "decorator" };
    return undefined;
  }

  private trylockEdits(acquisitions: readonly { fn: number; site: Site }[]): TextEdit[] {
    const byFile = new Map<ts.SourceFile, { fn: number; site: Site }[]>();
    for (const a of acquisitions) {
      const list = byFile.get(a.site.sf);
      if (list) list.push(a);
      else byFile.set(a.site.sf, [a]);
    }
    const edits: TextEdit[] = [];
    for (const [sf, list] of byFile) {
      const names = lockorderNames(sf);
      const ref = (name: string) => names.get(name) ?? (names.namespace ? `${names.namespace}.${name}` : name);
      const needed = new Set<string>();
      // Rewritten from the last to the first, so that every position is still the original file's.
      const jobs = [...list].sort((a, b) => b.site.start - a.site.start).map((a) => {
        const { call, form } = this.tryForm(a.site)!;
        const lock = sf.text.slice(a.site.start, a.site.end);
        if (form === "decorator") {
          needed.add("tryAcquires");
          return { form, start: call.parent.getStart(sf), lock, text: "" };
        }
        const releases = this.releasesBefore(a);
        const failure = this.failureOf(this.state.functions[a.fn]);
        const ret = `return${failure ? ` ${failure}` : ""};`;
        const unlocks = releases.map((r) => `${ref("unlock")}(${r}); `).join("");
        needed.add("tryLock");
        if (unlocks) needed.add("unlock");
        return { form, start: call.parent.getStart(sf), lock, text: `if (!${ref("tryLock")}(${lock})) ${unlocks ? `{ ${unlocks}${ret} }` : ret}` };
      });
      const missing = names.namespace ? [] : [...needed].filter((n) => !names.has(n));
      edits.push(
        ...morphEdits(this.state.locator.file(sf), sf.text, (file, m) => {
          const at = <T extends Morph.Node>(kind: Morph.SyntaxKind, start: number) => file.getDescendantsOfKind(kind).find((n) => n.getStart() === start) as unknown as T;
          for (const job of jobs) {
            if (job.form === "statement") {
              at<Morph.ExpressionStatement>(m.SyntaxKind.ExpressionStatement, job.start).replaceWithText(job.text);
              continue;
            }
            const decorator = at<Morph.Decorator>(m.SyntaxKind.Decorator, job.start);
            const args = decorator.getArguments();
            if (args.length === 1) {
              decorator.getCallExpressionOrThrow().getExpression().replaceWithText(ref("tryAcquires"));
            } else {
              decorator.removeArgument(args.length - 1);
              const owner = decorator.getParentOrThrow() as unknown as Morph.DecoratableNode;
              owner.insertDecorator(owner.getDecorators().indexOf(decorator) + 1, { name: ref("tryAcquires"), arguments: [job.lock] });
            }
          }
          if (missing.length === 0) return;
          const existing = file.getImportDeclaration((d) => d.getModuleSpecifierValue() === LOCKORDER_MODULE && d.getNamespaceImport() === undefined);
          if (existing) existing.addNamedImports(missing);
          else file.insertImportDeclaration(0, { namedImports: missing, moduleSpecifier: LOCKORDER_MODULE });
        }),
      );
    }
    return edits;
  }

  /** The locks the function took itself before the acquisition at `a` and still holds: released before a failed trylock returns. */
  private releasesBefore(a: { fn: number; site: Site }): string[] {
    const event = this.state.bodies[a.fn].acquisitions.find((e) => e.use.site.sf === a.site.sf && e.use.site.start === a.site.start);
    const body = (this.state.functions[a.fn].node as ts.Node & { body?: ts.Node }).body;
    if (!event || !body) return [];
    return event.held
      .filter((h) => h.scope === undefined && h.site.sf === a.site.sf && h.site.start >= body.pos && h.site.end <= body.end)
      .reverse()
      .map((h) => h.site.sf.text.slice(h.site.start, h.site.end));
  }

  /**
   * What a function returns when the trylock fails: `-EBUSY` (or -16) for a number, `false`,
   * nothing for `void`; otherwise a comment where the user writes the value (the file still parses,
   * and the compiler points at it).
   */
  private failureOf(fn: FunctionInfo): string {
    const checker = this.state.program.getTypeChecker();
    const node = fn.node as ts.SignatureDeclaration;
    const signature = ts.isFunctionLike(node) ? checker.getSignatureFromDeclaration(node) : undefined;
    if (!signature) return "";
    let type = checker.getReturnTypeOfSignature(signature);
    if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) type = checker.getAwaitedType(type) ?? type;
    if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return "";
    if (type.flags & ts.TypeFlags.NumberLike) {
      const ebusy = checker.getSymbolsInScope(node, ts.SymbolFlags.Value).some((s) => s.name === "EBUSY");
      return ebusy ? "-EBUSY" : "-16 /* -EBUSY */";
    }
    if (type.flags & ts.TypeFlags.BooleanLike) return "false";
    return "/* TODO: the value that says the lock was busy */";
  }

  // ---- wording ----

  private name(lock: number): string {
    return this.state.locks.byId(lock).name;
  }

  private chain(cycle: readonly number[]): string {
    return cycleChain(cycle.map((l) => this.name(l)));
  }

  /** `f, g (a.ts, b.ts)`: the functions a fix changes and their files. */
  private where(fns: readonly number[]): string {
    const unique = [...new Set(fns)];
    const names = unique.map((f) => this.state.functions[f].name);
    const files = [...new Set(unique.map((f) => this.state.locator.file(this.state.functions[f].nameSite.sf).split("/").at(-1)))];
    return `${names.join(", ")} (${files.join(", ")})`;
  }
}

