/**
 * "Take the outer lock first" (SPEC 9): an edge X → Y that no local reorder can turn round, because
 * X is held by a caller (or by the contract `@requires(X)`) when a function takes Y, is broken by
 * moving Y's acquisition out of that function into its callers, before their X: the function then
 * `@requires(Y)`; a caller that holds X by its own `@requires(X)` requires Y too, and the move goes
 * on up to its callers. Seed 000's fix took the hook rwsem before matrix_dev->lock in
 * vfio_ap_mdev_set_kvm's caller; seed 004's took kvm->lock before the kvm_busy region, out of
 * kvm_arch_crypto_set_masks.
 *
 * Owns: which functions give up Y, where each caller takes it, and the edits (plain text: whole
 * statements removed and inserted with the file's indentation, a `@requires` added through the
 * FixFinder). Must not: analyse or verify (the engine does), or know LSP.
 */
import { ts } from "@ts-morph/common";
import type { AnalysisState } from "../analyze";
import { FixFinder, lineIndent } from "../fixes";
import { lockorderExport, lockorderNames } from "../imports";
import type { TextEdit } from "../lines";
import type { HeldEntry, Site } from "../model";
import { nodeAtSite, skipOuter } from "../tree";

/** One function that gives up Y: its `lock(Y);` and `unlock(Y);` statements, and whether it takes Y shared. */
interface Giver {
  readonly fn: number;
  readonly statements: ts.ExpressionStatement[];
  readonly shared: boolean;
}

/** Where a caller takes Y: before a statement, and, when it is X's acquisition, after X's release. */
interface Taking {
  readonly sf: ts.SourceFile;
  readonly before: ts.Statement;
  readonly after: ts.Statement;
}

export class OuterFirst {
  private readonly finder: FixFinder;
  private callers: Map<number, { fn: number; site: Site; held: readonly HeldEntry[] }[]> | undefined;

  constructor(private readonly state: AnalysisState) {
    this.finder = new FixFinder(state);
  }

  /**
   * The edits that move the acquisition of `to` out of every function that takes it for the edge
   * `from → to` (`takers`: the functions whose acquisitions make the edge) into their callers, or
   * undefined when some caller cannot take it there (it releases `from` elsewhere, or calls through
   * a function pointer), or a taker takes `to` otherwise than by `lock()` statements.
   */
  edits(from: number, to: number, takers: readonly number[]): TextEdit[] | undefined {
    const givers: Giver[] = [];
    for (const fn of new Set(takers)) {
      const giver = this.giver(fn, to);
      if (!giver) return undefined;
      givers.push(giver);
    }
    const takings = new Map<ts.Statement, Taking>();
    // The functions whose callers must take Y: the givers, and, going up, every caller that holds
    // X by its own `@requires(X)` (it then requires Y too: vfio_ap_mdev_set_kvm called by the
    // group notifier holding matrix_dev->lock).
    const passing = new Set<number>();
    const pending = givers.map((g) => g.fn);
    for (let head = 0; head < pending.length; head++) {
      const fn = pending[head];
      const calls = this.callersOf().get(fn) ?? [];
      if (calls.length === 0) return undefined;
      for (const call of calls) {
        // A lock is not moved across a function pointer or an interface: the caller (the AP bus
        // calling a driver's in_use, say) cannot take the callee's lock.
        if (givers.some((g) => g.fn === call.fn) || !this.callsDirectly(call.site, fn)) return undefined;
        if (this.requiresAt(call, from)) {
          if (!passing.has(call.fn)) pending.push(call.fn);
          passing.add(call.fn);
          continue;
        }
        const taking = this.takingAt(call, from);
        if (!taking) return undefined;
        takings.set(taking.before, taking);
      }
    }
    const edits: TextEdit[] = [];
    for (const giver of givers) {
      const { sf } = this.state.functions[giver.fn].nameSite;
      const requires = this.finder.requiresEdits(sf, this.state.functions[giver.fn], to, giver.shared);
      if (!requires) return undefined;
      edits.push(...requires, ...giver.statements.map((s) => this.removal(sf, s)));
    }
    const shared = givers.some((g) => g.shared);
    for (const fn of passing) {
      const requires = this.finder.requiresEdits(this.state.functions[fn].nameSite.sf, this.state.functions[fn], to, shared);
      if (!requires) return undefined;
      edits.push(...requires);
    }
    for (const { sf, before, after } of takings.values()) edits.push(...this.insertion(sf, before, after, to, shared));
    return edits;
  }

  /** Whether a caller holds X at a call by its own `@requires(X)`. */
  private requiresAt(call: { fn: number; held: readonly HeldEntry[] }, from: number): boolean {
    const held = call.held.find((h) => h.lock === from);
    const contract = this.state.functions[call.fn].annotations.requires.find((u) => u.lock === from);
    return held !== undefined && contract !== undefined && held.site.sf === contract.site.sf && held.site.start === contract.site.start;
  }

  /** Whether the call at `site` names the function itself (not a property, parameter or interface member it was stored in). */
  private callsDirectly(site: Site, fn: number): boolean {
    // A call's site runs from its start to the end of its callee expression (flow/context.ts).
    const call = nodeAtSite(site)?.parent;
    if (!call || !(ts.isCallExpression(call) || ts.isNewExpression(call))) return false;
    const callee = skipOuter(call.expression);
    const named = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const checker = this.state.program.getTypeChecker();
    let symbol = checker.getSymbolAtLocation(named);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const node = this.state.functions[fn].node;
    return (symbol?.declarations ?? []).some((d) => d === node || (ts.isVariableDeclaration(d) && d.initializer !== undefined && skipOuter(d.initializer) === node));
  }

  /** The function's `lock(Y);` / `unlock(Y);` statements, when every acquisition of Y in it is one. */
  private giver(fn: number, lock: number): Giver | undefined {
    const info = this.state.functions[fn];
    const acquisitions = this.state.bodies[fn].acquisitions.filter((a) => a.use.lock === lock);
    if (!info.callable || acquisitions.length === 0) return undefined;
    const statements: ts.ExpressionStatement[] = [];
    for (const a of acquisitions) {
      const stmt = this.primitiveStatement(a.use.site, "lock");
      if (!stmt) return undefined;
      statements.push(stmt);
    }
    const body = (info.node as ts.Node & { body?: ts.Node }).body;
    if (!body) return undefined;
    for (const ref of this.state.references.in(info.nameSite.sf.fileName)) {
      if (ref.lock !== lock || ref.site.start < body.pos || ref.site.end > body.end) continue;
      const stmt = this.primitiveStatement(ref.site, "unlock");
      if (stmt) statements.push(stmt);
      else if (!statements.some((s) => s.getStart() <= ref.site.start && ref.site.end <= s.end)) return undefined;
    }
    return { fn, statements, shared: acquisitions.every((a) => a.use.mode === "S") };
  }

  /** The `name(L);` statement a lock reference is the argument of, if it is one, directly in a block. */
  private primitiveStatement(site: Site, name: "lock" | "unlock"): ts.ExpressionStatement | undefined {
    const arg = nodeAtSite(site);
    const call = arg?.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments.length !== 1 || call.arguments[0] !== arg) return undefined;
    if (lockorderExport(call.expression, this.state.program.getTypeChecker()) !== name) return undefined;
    const stmt = call.parent;
    return ts.isExpressionStatement(stmt) && skipOuter(stmt.expression) === call && ts.isBlock(stmt.parent) ? stmt : undefined;
  }

  /** Every call of each function: the caller, the call's site and the caller's held set there. */
  private callersOf(): Map<number, { fn: number; site: Site; held: readonly HeldEntry[] }[]> {
    if (this.callers) return this.callers;
    const callers = new Map<number, { fn: number; site: Site; held: readonly HeldEntry[] }[]>();
    this.state.bodies.forEach((body, fn) => {
      for (const c of body.calls) {
        for (const callee of c.callees) {
          const list = callers.get(callee) ?? [];
          list.push({ fn, site: c.site, held: c.held });
          callers.set(callee, list);
        }
      }
    });
    return (this.callers = callers);
  }

  /**
   * Where a caller takes Y: before its `lock(X);` and after the `unlock(X);` that follows in the
   * same block, when it holds X by that statement; around the call's statement when it does not
   * hold X. Undefined when X is released elsewhere (a caller holding X by contract is requiresAt's).
   */
  private takingAt(call: { fn: number; site: Site; held: readonly HeldEntry[] }, from: number): Taking | undefined {
    const sf = call.site.sf;
    const held = call.held.find((h) => h.lock === from);
    if (!held) {
      const stmt = enclosingStatement(nodeAtSite(call.site));
      return stmt ? { sf, before: stmt, after: stmt } : undefined;
    }
    const locking = held.site.sf === sf ? this.primitiveStatement(held.site, "lock") : undefined;
    if (!locking) return undefined;
    const block = locking.parent as ts.Block;
    const at = block.statements.indexOf(locking);
    const release = block.statements.slice(at + 1).find((s) => {
      const e = ts.isExpressionStatement(s) ? skipOuter(s.expression) : undefined;
      return e !== undefined && ts.isCallExpression(e) && e.arguments.length === 1 && this.primitiveStatement({ sf, start: e.arguments[0].getStart(sf), end: e.arguments[0].end }, "unlock") === s && this.state.references.at(sf.fileName, e.arguments[0].getStart(sf))?.lock === from;
    });
    return release && release.pos >= call.site.end ? { sf, before: locking, after: release } : undefined;
  }

  /** Removes a statement with its line when it stands alone on it. */
  private removal(sf: ts.SourceFile, stmt: ts.Statement): TextEdit {
    const start = stmt.getStart(sf);
    const { lineStart } = lineIndent(sf.text, start);
    const lineEnd = sf.text.indexOf("\n", stmt.end);
    const rest = sf.text.slice(stmt.end, lineEnd < 0 ? sf.text.length : lineEnd);
    const alone = sf.text.slice(lineStart, start).trim() === "" && (rest.trim() === "" || rest.trim().startsWith("//"));
    const range = alone ? { sf, start: lineStart, end: lineEnd < 0 ? sf.text.length : lineEnd + 1 } : { sf, start, end: stmt.end };
    return { range: this.state.locator.loc(range), newText: "" };
  }

  /** `lock(Y);` before a statement and `unlock(Y);` after another, each on its own line. */
  private insertion(sf: ts.SourceFile, before: ts.Statement, after: ts.Statement, lock: number, shared: boolean): TextEdit[] {
    const names = lockorderNames(sf);
    const ref = (name: string) => names.get(name) ?? (names.namespace ? `${names.namespace}.${name}` : name);
    const target = this.finder.referenceText(sf, lock);
    const arg = shared ? `${ref("shared")}(${target})` : target;
    const start = before.getStart(sf);
    const { indent } = lineIndent(sf.text, start);
    const afterLineEnd = sf.text.indexOf("\n", after.end);
    const end = afterLineEnd < 0 ? sf.text.length : afterLineEnd;
    const { indent: afterIndent } = lineIndent(sf.text, after.getStart(sf));
    const edits: TextEdit[] = [
      { range: this.state.locator.loc({ sf, start, end: start }), newText: `${ref("lock")}(${arg});\n${indent}` },
      { range: this.state.locator.loc({ sf, start: end, end }), newText: `\n${afterIndent}${ref("unlock")}(${arg});` },
    ];
    const missing = names.namespace ? [] : ["lock", "unlock", ...(shared ? ["shared"] : [])].filter((n) => !names.has(n));
    if (missing.length > 0) edits.push(this.finder.importEdit(sf, missing));
    return edits;
  }
}

/** The statement directly in a block that holds a node. */
function enclosingStatement(node: ts.Node | undefined): ts.Statement | undefined {
  for (let n = node; n; n = n.parent) if (ts.isBlock(n.parent) && ts.isStatement(n)) return n;
  return undefined;
}
