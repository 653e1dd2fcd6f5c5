/**
 * Quick fixes as plain text edits (no ts-morph manipulation, no re-parse): reorder lock
 * acquisitions to match the lock order, add the missing `@requires` to a caller, apply an
 * unknown-lock's did-you-mean, and take a lock with interrupts disabled where its usage is
 * inconsistent (fixes/irqsave.ts).
 *
 * Owns: deciding which sites are reorderable and what the minimal edits are. A reorder only
 * permutes whole arguments or whole statements, so the result parses whenever the input did.
 * Must not: know LSP; server/ turns these into code actions.
 */
import { ts } from "@ts-morph/common";
import type { AnalysisState } from "./analyze";
import { cycleChain } from "./diagnostics";
import { lockorderExport, lockorderImports, lockorderNames, LOCKORDER_MODULE } from "./imports";
import { lineMapOf, type TextEdit } from "./lines";
import { irqModifierEdits } from "./fixes/irqsave";
import { acquisitionRuns } from "./fixes/runs";
import { siteOf } from "./tree";
import type { AnalysisResult, FunctionInfo, Location, LockClass, ResultDiagnostic, Site } from "./model";

export interface Fix {
  kind: "reorder" | "outer-first" | "trylock" | "add-requires" | "did-you-mean" | "irqsave" | "suppress";
  title: string;
  /** The diagnostics it removes: code, where they start and what they say (two can share a range). */
  targets: { code: string; range: Location; message: string }[];
  /** In any files of the model (each edit's range names its file). */
  edits: TextEdit[];
  /** Safe to apply without asking (`lockorder fix`, fix-all): it breaks a cycle without changing what the code does. */
  unattended?: boolean;
}

export class FixFinder {
  constructor(private readonly state: AnalysisState) {}

  private loc(site: Site): Location {
    return this.state.locator.loc(site);
  }

  /** Every fix available in a file. */
  fixesIn(fileName: string): Fix[] {
    const sf = this.state.files.find((f) => f.fileName === fileName);
    if (!sf) return [];
    return [...this.reorders(sf), ...this.addRequires(sf), ...this.didYouMean(sf), ...this.irqModifiers(sf)];
  }

  // ---- irqsave ----

  /** For each inconsistent interrupt usage at an acquisition here: take it with the interrupt disabled. */
  private irqModifiers(sf: ts.SourceFile): Fix[] {
    const file = this.state.locator.file(sf);
    const fixes: Fix[] = [];
    for (const d of this.state.result.diagnostics) {
      if (d.args.code !== "irq-inconsistent-usage" || d.args.enabling || d.file !== file) continue;
      const lines = lineMapOf(sf);
      const site = { sf, start: lines.offset(d.line - 1, d.column - 1), end: lines.offset(d.endLine - 1, d.endColumn - 1) };
      const lock = this.lockAt(site);
      if (lock === undefined) continue;
      const modifier = d.args.irq === "hardirq" ? "irqsave" : "bh";
      const edits = irqModifierEdits({ site, lock, modifier }, this.state.program.getTypeChecker(), (s) => this.lockAt(s), (s) => this.loc(s), (f, names) => this.importEdit(f, names));
      if (!edits) continue;
      const title = modifier === "irqsave" ? `Take '${d.args.lock}' with hardirqs disabled: ${modifier}(…) (spin_lock_irqsave)` : `Take '${d.args.lock}' with softirqs disabled: bh(…) (spin_lock_bh)`;
      fixes.push({ kind: "irqsave", title, targets: [targetOf(d)], edits });
    }
    return fixes;
  }

  // ---- reorder ----

  private lockAt(site: Site): number | undefined {
    return this.state.references.at(site.sf.fileName, site.start)?.lock;
  }

  /** Runs of acquisitions whose order a fix may change (fixes/runs.ts). */
  private reorders(sf: ts.SourceFile): Fix[] {
    const fixes: Fix[] = [];
    for (const run of acquisitionRuns(sf, this.state.program.getTypeChecker(), (s) => this.lockAt(s))) {
      const fix = run.form === "decorator" ? this.reorder([...run.sites], []) : this.reorder([...run.sites], [...(run.releases?.sites ?? [])], [...run.units], [...(run.releases?.units ?? [])]);
      if (fix) fixes.push(fix);
    }
    return fixes;
  }

  /**
   * The fix for acquisitions at `sites` (in source order), if their order contradicts the lock
   * order: locks of lower rank first; within a rank, the declared order; locks on one cycle with
   * no declared order swap, which removes this site's edge of the cycle.
   */
  private reorder(sites: Site[], releaseSites: Site[], statements: ts.Node[] = [], releaseStatements: ts.Node[] = []): Fix | undefined {
    if (sites.length < 2) return undefined;
    const locks = sites.map((s) => this.lockAt(s));
    if (locks.some((l) => l === undefined) || new Set(locks).size !== locks.length) return undefined;
    const ids = locks as number[];
    const { graph } = this.state;
    const inversionSites = new Set(this.state.result.diagnostics.filter((d) => d.code === "lock-order-inversion").map((d) => `${d.file}:${d.line}:${d.column}`));
    const atInversion = (i: number) => {
      const l = this.loc(sites[i]);
      return inversionSites.has(`${l.file}:${l.line}:${l.column}`);
    };
    // Group by rank; inside a group use the declared order, or reverse the group when one of its
    // later members is sited on an inversion (breaking the cycle at this site).
    const order = ids.map((_, i) => i);
    order.sort((a, b) => graph.rank[ids[a]] - graph.rank[ids[b]] || declaredCompare(graph.declaredAfter, ids[a], ids[b]) || a - b);
    const groups = new Map<number, number[]>();
    for (const i of order) {
      const r = graph.rank[ids[i]];
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r)!.push(i);
    }
    let breaksCycle = false;
    const desired: number[] = [];
    for (const group of groups.values()) {
      const undeclared = group.every((a, k) => k === 0 || declaredCompare(graph.declaredAfter, ids[group[k - 1]], ids[a]) === 0);
      if (group.length > 1 && undeclared && group.slice(1).some((i) => atInversion(i))) {
        breaksCycle = true;
        desired.push(...[...group].reverse());
      } else {
        desired.push(...group);
      }
    }
    if (desired.every((d, i) => d === i)) return undefined;
    const sf = sites[0].sf;
    const text = (n: Site | ts.Node) => ("sf" in n ? sf.text.slice(n.start, n.end) : n.getText(sf));
    const units: (Site | ts.Node)[] = statements.length > 0 ? statements : sites;
    const edits: TextEdit[] = [];
    desired.forEach((from, to) => {
      if (from === to) return;
      const target = units[to];
      edits.push({ range: this.loc("sf" in target ? target : siteOf(target, sf)), newText: text(units[from]) });
    });
    if (releaseSites.length === sites.length) {
      // The matching unlock run, in the reverse of the new acquisition order.
      const releaseUnits: (Site | ts.Node)[] = releaseStatements.length > 0 ? releaseStatements : releaseSites;
      const releaseLocks = releaseSites.map((s) => this.lockAt(s));
      const wanted = [...desired].reverse().map((i) => ids[i]);
      wanted.forEach((lock, to) => {
        const from = releaseLocks.indexOf(lock);
        if (from === to) return;
        const target = releaseUnits[to];
        edits.push({ range: this.loc("sf" in target ? target : siteOf(target, sf)), newText: text(releaseUnits[from]) });
      });
    }
    const cycle = breaksCycle ? graph.inversions.find((inv) => inv.edge.sites.some((s) => sites.some((x) => x.sf === s.site.sf && x.start === s.site.start))) : undefined;
    const lockNames = desired.map((i) => this.state.locks.byId(ids[i]).name);
    const title = cycle
      ? `Reorder locks to match the lock order (${lockNames.join(", ")}), breaking the cycle ${cycleChain(cycle.cycle.map((l) => this.state.locks.byId(l).name))}`
      : `Reorder locks to match the lock order (${lockNames.join(", ")})`;
    const targets = this.state.result.diagnostics
      .filter((d) => (d.code === "lock-order-inversion" || d.code === "declared-order-violation") && sites.some((s) => sameStart(this.loc(s), d)))
      .map(targetOf);
    return { kind: "reorder", title, targets, edits };
  }

  // ---- add @requires ----

  private addRequires(sf: ts.SourceFile): Fix[] {
    const fixes: Fix[] = [];
    let byName: Map<string, LockClass> | undefined;
    for (const d of this.state.result.diagnostics) {
      if (d.args.code !== "requires-not-held" || d.file !== this.state.locator.file(sf)) continue;
      const offset = lineMapOf(sf).offset(d.line - 1, d.column - 1);
      const caller = this.enclosingFunction(sf, offset);
      byName ??= new Map(this.state.locks.locks.map((l) => [l.name, l]));
      const lock = byName.get(d.args.lock);
      if (!caller || !lock) continue;
      const edits = this.requiresEdits(sf, caller, lock.id, !d.args.exclusive);
      if (edits) fixes.push({ kind: "add-requires", title: `Add @requires(${lock.name}) to '${caller.name}'`, targets: [targetOf(d)], edits });
    }
    return fixes;
  }

  private enclosingFunction(sf: ts.SourceFile, offset: number): FunctionInfo | undefined {
    let best: FunctionInfo | undefined;
    for (const f of this.state.functions) {
      if (!f.callable || f.nameSite.sf !== sf) continue;
      if (offset < f.node.getStart(sf) || offset > f.node.end) continue;
      if (!best || f.node.getStart(sf) > best.node.getStart(sf)) best = f;
    }
    // Inline callbacks belong to their caller; a stored arrow is its own function.
    return best;
  }

  /** The text naming a lock in this file: a name bound to it here, else its display name. */
  referenceText(sf: ts.SourceFile, lock: number): string {
    for (const ref of this.state.references.in(sf.fileName)) {
      if (ref.lock !== lock || ref.site.sf !== sf) continue;
      const text = sf.text.slice(ref.site.start, ref.site.end);
      if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(text)) return text;
    }
    return JSON.stringify(this.state.locks.byId(lock).name);
  }

  requiresEdits(sf: ts.SourceFile, caller: FunctionInfo, lock: number, shared: boolean): TextEdit[] | undefined {
    const node = caller.node;
    const ref = this.referenceText(sf, lock);
    const checker = this.state.program.getTypeChecker();
    const isMember = ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
    if (isMember && ts.isClassLike(node.parent)) {
      const names = lockorderNames(sf);
      const edits: TextEdit[] = [];
      const requiresName = names.get("requires") ?? (names.namespace ? `${names.namespace}.requires` : undefined);
      const sharedName = names.get("shared") ?? (names.namespace ? `${names.namespace}.shared` : undefined);
      const imports: string[] = [];
      if (!requiresName) imports.push("requires");
      if (shared && !sharedName) imports.push("shared");
      const arg = shared ? `${sharedName ?? "shared"}(${ref})` : ref;
      const existing = (ts.getDecorators(node) ?? []).find((d) => ts.isCallExpression(d.expression) && lockorderExport(d.expression.expression, checker) === "requires");
      if (existing && ts.isCallExpression(existing.expression)) {
        const call = existing.expression;
        const at = call.arguments.end;
        edits.push({ range: this.loc({ sf, start: at, end: at }), newText: call.arguments.length > 0 ? `, ${arg}` : arg });
      } else {
        const start = node.getStart(sf);
        const { indent } = lineIndent(sf.text, start);
        const decorators = ts.getDecorators(node);
        const at = decorators && decorators.length > 0 ? decorators[0].getStart(sf) : start;
        edits.push({ range: this.loc({ sf, start: at, end: at }), newText: `@${requiresName ?? "requires"}(${arg})\n${indent}` });
      }
      if (imports.length > 0) edits.push(this.importEdit(sf, imports));
      return edits;
    }
    // Other functions take the JSDoc form, which needs no import.
    const arg = shared ? `shared(${ref})` : ref;
    const holder = jsDocHolder(node);
    const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === "requires");
    if (tag) {
      const text = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "";
      const firstLine = text.split(/\r?\n/)[0].trimEnd();
      const start = sf.text.indexOf(firstLine, tag.tagName.end);
      if (start < 0) return undefined;
      const at = start + firstLine.length;
      return [{ range: this.loc({ sf, start: at, end: at }), newText: `, ${arg}` }];
    }
    const start = holder.getStart(sf);
    const { lineStart, indent } = lineIndent(sf.text, start);
    if (lineStart + indent.length !== start) return undefined; // not at the start of its line
    return [{ range: this.loc({ sf, start, end: start }), newText: `/** @requires ${arg} */\n${indent}` }];
  }

  importEdit(sf: ts.SourceFile, names: string[]): TextEdit {
    for (const stmt of lockorderImports(sf)) {
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        const at = bindings.elements.length > 0 ? bindings.elements.end : bindings.getStart(sf) + 1;
        return { range: this.loc({ sf, start: at, end: at }), newText: (bindings.elements.length > 0 ? ", " : " ") + names.join(", ") };
      }
    }
    const firstImport = sf.statements.find((s) => ts.isImportDeclaration(s));
    const at = firstImport ? firstImport.getStart(sf) : 0;
    return { range: this.loc({ sf, start: at, end: at }), newText: `import { ${names.join(", ")} } from "${LOCKORDER_MODULE}";\n` };
  }

  // ---- did you mean ----

  /**
   * One fix per misspelt name in a file, changing every use of it there: fixing `lock(kvmLokc)`
   * alone would leave its `unlock(kvmLokc)` unknown and the lock held.
   */
  private didYouMean(sf: ts.SourceFile): Fix[] {
    const file = this.state.locator.file(sf);
    const byName = new Map<string, Fix>();
    for (const d of this.state.result.diagnostics) {
      if (d.args.code !== "unknown-lock" || d.args.suggestion === undefined || d.file !== file) continue;
      const start = lineMapOf(sf).offset(d.line - 1, d.column - 1);
      const end = lineMapOf(sf).offset(d.endLine - 1, d.endColumn - 1);
      const old = sf.text.slice(start, end);
      const suggestion = d.args.suggestion;
      const quote = old[0];
      const newText = quote === '"' || quote === "'" || quote === "`" ? `${quote}${suggestion}${quote}` : old.includes(".") ? `${old.slice(0, old.lastIndexOf(".") + 1)}${suggestion}` : suggestion;
      const key = `${old}\0${newText}`;
      let fix = byName.get(key);
      if (!fix) byName.set(key, (fix = { kind: "did-you-mean", title: `Change to '${suggestion}'`, targets: [], edits: [], unattended: true }));
      fix.targets.push(targetOf(d));
      fix.edits.push({ range: pickRange(d), newText });
    }
    return [...byName.values()];
  }

}

/**
 * Whether a fix may be offered, judged on the model analysed with the fix applied (`after`): the
 * diagnostics it targets are gone and it brings no diagnostic, of any code, that the model without
 * it lacks (a file that no longer parses brings its analysis-incomplete). Diagnostics are
 * compared by file, code and what they say rather than by position, since an edit moves the lines
 * below it; an inversion by its edge (its arguments' held and acquired locks), since the cycle it
 * names may change to another one that was already there.
 */
export function fixIsSafe(before: AnalysisResult, after: AnalysisResult, fix: Fix): boolean {
  const count = (result: AnalysisResult) => {
    const counts = new Map<string, number>();
    // A silenced diagnostic is not the user's to see, before or after.
    for (const d of result.diagnostics) if (!d.suppressed) counts.set(diagnosticKey(d), (counts.get(diagnosticKey(d)) ?? 0) + 1);
    return counts;
  };
  const was = count(before);
  const now = count(after);
  for (const [key, n] of now) if (n > (was.get(key) ?? 0)) return false;
  const targeted = new Map<string, number>();
  for (const t of fix.targets) {
    const d = before.diagnostics.find((x) => !x.suppressed && x.code === t.code && x.message === t.message && sameStart(x, t.range));
    if (!d) return false;
    targeted.set(diagnosticKey(d), (targeted.get(diagnosticKey(d)) ?? 0) + 1);
  }
  for (const [key, n] of targeted) if ((now.get(key) ?? 0) > was.get(key)! - n) return false;
  return targeted.size > 0;
}

function diagnosticKey(d: ResultDiagnostic): string {
  const what = d.args.code === "lock-order-inversion" ? JSON.stringify([d.args.held, d.args.acquired]) : d.message;
  return `${d.file}\0${d.code}\0${what}`;
}

function targetOf(d: ResultDiagnostic): Fix["targets"][number] {
  return { code: d.code, range: pickRange(d), message: d.message };
}

function pickRange(d: Location): Location {
  return { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

function sameStart(a: Location, b: Location): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** -1 when `a` is declared before `b`, 1 when after, 0 when the declared order says nothing. */
function declaredCompare(declaredAfter: readonly Set<number>[], a: number, b: number): number {
  if (declaredAfter[a]?.has(b)) return -1;
  if (declaredAfter[b]?.has(a)) return 1;
  return 0;
}

/** The start of the line holding `offset`, and that line's indentation. */
export function lineIndent(text: string, offset: number): { lineStart: number; indent: string } {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const blanks = /[ \t]*/y;
  blanks.lastIndex = lineStart;
  return { lineStart, indent: blanks.exec(text)![0] };
}

/** The node a new JSDoc comment goes before: the statement holding a `const f = () => …`. */
function jsDocHolder(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isVariableDeclaration(n.parent) || ts.isVariableDeclarationList(n.parent) || ts.isVariableStatement(n.parent) || ts.isPropertyAssignment(n.parent))) {
    n = n.parent;
    if (ts.isVariableStatement(n) || ts.isPropertyAssignment(n)) break;
  }
  return n;
}
