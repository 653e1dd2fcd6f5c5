/**
 * The lock table: every `defineLock(...)` of the model, subclasses made by `nested(L, n)`, the
 * declared order, and the resolution of lock references (docs/annotations.md#locks).
 *
 * Owns: lock identity (a class per `defineLock` call) and the diagnostics about declarations and
 * references: duplicate-lock, unknown-lock, invalid-annotation.
 * Must not: know about functions, flow or the lock graph.
 */
import { ts } from "@ts-morph/common";
import { DiagnosticSink, during, messages, Suggester } from "./diagnostics";
import { DECLARING_EXPORTS, lockorderExport, mayBeLockorderExport } from "./imports";
import { containedToFile } from "./limits";
import { forEachDescendant, siteOf, skipOuter } from "./tree";
import { symbolAt } from "./names";
import { isSpinning, LOCK_KINDS, type IrqModifier, type LockClass, type LockKind, type LockUse, type Site } from "./model";

interface PendingOrder {
  lock: LockClass;
  after: ts.Expression[];
  before: ts.Expression[];
}

/** How names in a lock reference are looked up (see LockTable.resolve). */
export interface NameResolver {
  symbolOf(e: ts.Expression): ts.Symbol | undefined;
  lockorderExportOf(callee: ts.Expression): string | undefined;
  /** Where a diagnostic about part of the reference goes. */
  siteOf(node: ts.Node, whole: Site): Site;
}

export interface LockReference {
  readonly site: Site;
  readonly lock: number;
}

/** How a map of lock references (FileSummary.references) keys each: by where it starts. */
export const referenceKey = (fileName: string, start: number) => `${fileName}:${start}`;

const singleFile = new WeakMap<ReadonlyMap<string, LockReference>, string | null>();

/** Whether every reference of a map lies in a file (remembered: most maps outlive an edit). */
function allIn(refs: ReadonlyMap<string, LockReference>, fileName: string): boolean {
  let file = singleFile.get(refs);
  if (file === undefined) {
    const files = new Set([...refs.values()].map((r) => r.site.sf.fileName));
    singleFile.set(refs, (file = files.size === 1 ? [...files][0] : files.size === 0 ? fileName : null));
  }
  return file === fileName;
}

/**
 * Every resolved lock reference of a model, by file. Built after each analysis from maps that
 * mostly hold one file's references each (a summary's, kept as they are: an edit replaces one).
 * A summary also holds the references it resolved in other files (a callee's annotations); those
 * that lie in an older parse of their file (an edit of it since the summary was made moved them)
 * are left out, or a hover or fix would find a lock where there is now other text.
 */
export class ReferenceIndex {
  private readonly byFile = new Map<string, ReadonlyMap<string, LockReference>[]>();

  /**
   * `parts`: maps of references, each with the file most of its references lie in; `current`: the
   * model's source files as this analysis read them.
   */
  constructor(parts: Iterable<[string, ReadonlyMap<string, LockReference>]>, current: readonly ts.SourceFile[]) {
    const read = new Map(current.map((sf) => [sf.fileName, sf]));
    // An older parse whose text is the current one (an edit undone) still places its references right.
    const placed = new Map<ts.SourceFile, boolean>();
    const rightlyPlaced = (sf: ts.SourceFile) => {
      const now = read.get(sf.fileName);
      if (now === undefined || now === sf) return true;
      if (!placed.has(sf)) placed.set(sf, now.text === sf.text);
      return placed.get(sf)!;
    };
    const strays = new Map<string, Map<string, LockReference>>();
    for (const [fileName, refs] of parts) {
      if (allIn(refs, fileName)) {
        this.part(fileName).push(refs);
        continue;
      }
      for (const [key, ref] of refs) {
        if (!rightlyPlaced(ref.site.sf)) continue;
        let own = strays.get(ref.site.sf.fileName);
        if (!own) strays.set(ref.site.sf.fileName, (own = new Map()));
        own.set(key, ref);
      }
    }
    for (const [fileName, refs] of strays) this.part(fileName).push(refs);
  }

  private part(fileName: string): ReadonlyMap<string, LockReference>[] {
    let parts = this.byFile.get(fileName);
    if (!parts) this.byFile.set(fileName, (parts = []));
    return parts;
  }

  /** The reference that starts at an offset of a file. */
  at(fileName: string, start: number): LockReference | undefined {
    const key = referenceKey(fileName, start);
    for (const refs of this.byFile.get(fileName) ?? []) {
      const ref = refs.get(key);
      if (ref) return ref;
    }
    return undefined;
  }

  /** The references in a file. */
  *in(fileName: string): Iterable<LockReference> {
    for (const refs of this.byFile.get(fileName) ?? []) yield* refs.values();
  }
}

/**
 * What a cached analysis keeps of a sealed table (cache/summaryStore.ts): every class, the
 * `defineLock` call (file, offset) each declaration resolves to, the names, and the references and
 * diagnostics the declarations made.
 */
export interface LockTableSnapshot {
  readonly locks: readonly LockClass[];
  readonly decls: readonly (readonly [string, number, number])[];
  readonly names: readonly (readonly [string, number])[];
  readonly variableNames: readonly string[];
  readonly subclasses: readonly (readonly [string, number])[];
  readonly internalErrors: readonly string[];
}

export class LockTable {
  readonly locks: LockClass[] = [];
  private readonly byDecl = new Map<ts.Node, LockClass>();
  private readonly byName = new Map<string, LockClass>();
  /** Variable names that hold locks, for did-you-mean on identifiers. */
  private readonly variableNames = new Set<string>();
  private readonly subclasses = new Map<string, LockClass>();
  /**
   * Where resolved references are recorded, by `file:start`, for editors (hover, quick fixes):
   * the declarations' here; the analyzer points it at the summary of the file being walked, and
   * indexes them all by file (ReferenceIndex).
   */
  references = new Map<string, LockReference>();
  /** Failures of ours while collecting the declarations (each contained to its file). */
  readonly internalErrors: string[] = [];
  /** How many unknown-lock references were reported: a walk compares it around a resolve to tell a typo from a reference that is no lock. */
  unknownReported = 0;

  constructor(
    private readonly checker: ts.TypeChecker,
    /** Where diagnostics go; the analyzer points it at the file being summarised. */
    public sink: DiagnosticSink,
  ) {}

  /**
   * Collects the declarations of all files, then resolves their declared orders. A failure (the
   * checker out of stack on deep input, or a bug of ours) is contained to the file it happens in.
   */
  collect(files: readonly ts.SourceFile[]): void {
    const pending: PendingOrder[] = [];
    for (const sf of files) {
      containedToFile(sf, during.lockDeclarations, this, () => {
        for (const call of lockCalls(sf, this.checker).defineLock) {
          const p = this.declare(call, sf);
          if (p) pending.push(p);
        }
      }, undefined);
    }
    for (const p of pending) {
      containedToFile(p.lock.decl.sf, during.declaredOrder, this, () => {
        for (const e of p.after) this.addOrder(e, (other) => p.lock.declaredAfter.push(other.id));
        for (const e of p.before) this.addOrder(e, (other) => other.declaredAfter.push(p.lock.id));
      }, undefined);
    }
    // Subclasses get their ids here, in a fixed order, rather than when a walk first meets them:
    // a file's cached summary must find the same ids in the next analysis.
    for (const sf of files) {
      containedToFile(sf, during.lockSubclasses, this, () => {
        for (const call of lockCalls(sf, this.checker).nested) this.resolve(call);
      }, undefined);
    }
  }

  private addOrder(expr: ts.Expression, add: (other: LockClass) => void): void {
    const use = this.resolve(expr);
    if (!use) return;
    if (use.mode === "S" || use.irq || this.locks[use.lock].subclass !== 0) {
      this.invalid(expr, messages.orderNamesPlainLocks());
      return;
    }
    add(this.locks[use.lock]);
  }

  private declare(call: ts.CallExpression, sf: ts.SourceFile): PendingOrder | undefined {
    const [nameArg, optionsArg] = call.arguments;
    if (!nameArg || !(ts.isStringLiteral(nameArg) || ts.isNoSubstitutionTemplateLiteral(nameArg))) {
      this.invalid(nameArg ?? call, messages.defineLockNeedsName());
      return undefined;
    }
    const name = nameArg.text;
    let kind: LockKind = "mutex";
    const after: ts.Expression[] = [];
    const before: ts.Expression[] = [];
    if (optionsArg) {
      if (!ts.isObjectLiteralExpression(optionsArg)) {
        this.invalid(optionsArg, messages.defineLockOptions());
      } else {
        for (const prop of optionsArg.properties) {
          const key = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
          const value = ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
          if (key === "kind" && value && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) {
            if ((LOCK_KINDS as readonly string[]).includes(value.text)) kind = value.text as LockKind;
            else this.invalid(value, messages.unknownLockKind(value.text, LOCK_KINDS));
          } else if ((key === "after" || key === "before") && value && ts.isArrayLiteralExpression(value)) {
            (key === "after" ? after : before).push(...value.elements);
          } else {
            this.invalid(prop, messages.defineLockOption());
          }
        }
      }
    }
    const existing = this.byName.get(name);
    if (existing) {
      this.sink.add(siteOf(call, sf), { code: "duplicate-lock", name }, [
        { site: existing.decl, message: messages.firstDeclaredHere(name) },
      ]);
      // References to the duplicate still resolve, to the first declaration's class.
      this.byDecl.set(call, existing);
      return undefined;
    }
    const lock: LockClass = { id: this.locks.length, name, kind, decl: siteOf(call, sf), position: this.locks.length, subclass: 0, base: this.locks.length, declaredAfter: [] };
    this.locks.push(lock);
    this.byDecl.set(call, lock);
    this.byName.set(name, lock);
    this.addReference(lock.decl, lock.id);
    const holder = call.parent;
    if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) {
      this.variableNames.add(holder.name.text);
      this.addReference(siteOf(holder.name, sf), lock.id);
    }
    return { lock, after, before };
  }

  private addReference(site: Site, lock: number): void {
    this.references.set(referenceKey(site.sf.fileName, site.start), { site, lock });
  }

  private invalid(node: ts.Node, message: string): void {
    this.sink.add(siteOf(node), { code: "invalid-annotation", message });
  }

  /**
   * Ends the declarations: every subclass the model names has its id (collect, and the JSDoc tags
   * through AnnotationReader.declareJsDocSubclasses). One created after this has an id that
   * depends on which files were summarised: `grewAfterSeal` tells the analyzer not to reuse them.
   */
  seal(): void {
    this.sealed = true;
  }

  private sealed = false;
  grewAfterSeal = false;

  /** The sealed table as a cached analysis keeps it (see LockTableSnapshot); its classes are shared, not copied. */
  snapshot(): LockTableSnapshot {
    return {
      locks: this.locks,
      decls: [...this.byDecl].map(([call, lock]) => [call.getSourceFile().fileName, call.pos, lock.id] as const),
      names: [...this.byName].map(([name, lock]) => [name, lock.id] as const),
      variableNames: [...this.variableNames],
      subclasses: [...this.subclasses].map(([name, lock]) => [name, lock.id] as const),
      internalErrors: this.internalErrors,
    };
  }

  /**
   * A sealed table as a snapshot left it, for a program that holds only some of the model's files
   * (cache/summaryStore.ts): the `defineLock` calls of `files` map to their classes by file and
   * offset. Undefined when they are not exactly the snapshot's (one moved, added or removed, or one
   * that declared nothing): the snapshot no longer describes those files.
   */
  static restore(snapshot: LockTableSnapshot, checker: ts.TypeChecker, sink: DiagnosticSink, files: readonly ts.SourceFile[]): LockTable | undefined {
    const table = new LockTable(checker, sink);
    table.locks.push(...snapshot.locks);
    for (const [name, id] of snapshot.names) table.byName.set(name, table.locks[id]);
    for (const name of snapshot.variableNames) table.variableNames.add(name);
    for (const [name, id] of snapshot.subclasses) table.subclasses.set(name, table.locks[id]);
    table.internalErrors.push(...snapshot.internalErrors);
    const declared = new Map(snapshot.decls.map(([file, pos, id]) => [`${file}:${pos}`, id]));
    const names = new Set(files.map((sf) => sf.fileName));
    let expected = snapshot.decls.filter(([file]) => names.has(file)).length;
    for (const sf of files) {
      for (const call of lockCalls(sf, checker).defineLock) {
        const id = declared.get(`${sf.fileName}:${call.pos}`);
        if (id === undefined) return undefined;
        table.byDecl.set(call, table.locks[id]);
        expected--;
      }
    }
    if (expected !== 0) return undefined;
    table.seal();
    return table;
  }

  /** The class `L/n` of subclass n of L, created on first use. */
  subclass(base: LockClass, n: number): LockClass {
    const name = `${base.name}/${n}`;
    let sub = this.subclasses.get(name);
    if (!sub) {
      if (this.sealed) this.grewAfterSeal = true;
      sub = { id: this.locks.length, name, kind: base.kind, decl: base.decl, position: base.position + n / 10, subclass: n, base: base.id, declaredAfter: [] };
      this.locks.push(sub);
      this.subclasses.set(name, sub);
    }
    return sub;
  }

  /**
   * Resolves a lock reference (docs/annotations.md#lock-references): a `defineLock` result through imports and
   * aliases, a declared display name, `shared(L)` or `nested(L, n)`. Reports and returns
   * undefined when it is not one. `names` looks names up: in the program by default, or in a
   * function's scope for an expression parsed from a JSDoc tag.
   */
  resolve(expr: ts.Expression, site: Site = siteOf(expr), names: NameResolver = this.attached): LockUse | undefined {
    const e = skipOuter(expr);
    if (ts.isCallExpression(e)) {
      const which = names.lockorderExportOf(e.expression);
      if (which === "shared") return this.resolveShared(e, site, names);
      if (which === "nested") return this.resolveNested(e, site, names);
      if (which === "irq" || which === "irqsave" || which === "bh") return this.resolveIrq(e, which, site, names);
    }
    const lock = this.resolveBase(e, names, site);
    if (lock) this.addReference(site, lock.id);
    return lock ? { lock: lock.id, mode: "E", acquire: "N", site } : undefined;
  }

  private readonly attached: NameResolver = {
    symbolOf: (e) => symbolAt(this.checker, ts.isPropertyAccessExpression(e) ? e.name : ts.isElementAccessExpression(e) ? e.argumentExpression : e),
    lockorderExportOf: (e) => lockorderExport(e, this.checker),
    siteOf: (node) => siteOf(node),
  };

  private resolveShared(call: ts.CallExpression, site: Site, names: NameResolver): LockUse | undefined {
    if (call.arguments.length !== 1) {
      this.invalidAt(names.siteOf(call, site), messages.sharedTakesOneLock());
      return undefined;
    }
    const inner = this.resolve(call.arguments[0], site, names);
    if (!inner) return undefined;
    const lock = this.locks[inner.lock];
    if (lock.kind !== "rwlock" && lock.kind !== "rwsem" && lock.kind !== "srcu") {
      this.invalidAt(names.siteOf(call, site), messages.sharedNotReadWrite(lock));
      return undefined;
    }
    this.addReference(site, inner.lock);
    // rwlock_t readers and SRCU readers nest; rw_semaphore readers do not (a waiting writer blocks them).
    return { ...inner, mode: "S", acquire: lock.kind === "rwsem" ? "N" : "R", site };
  }

  /**
   * `irq(L)`, `irqsave(L)`, `bh(L)` (docs/annotations.md#interrupt-contexts): the kernel has them for
   * spinning locks only, and one at a time.
   */
  private resolveIrq(call: ts.CallExpression, which: IrqModifier, site: Site, names: NameResolver): LockUse | undefined {
    if (call.arguments.length !== 1) {
      this.invalidAt(names.siteOf(call, site), messages.irqModifierTakesOneLock(which));
      return undefined;
    }
    const inner = this.resolve(call.arguments[0], site, names);
    if (!inner) return undefined;
    const lock = this.locks[inner.lock];
    if (!isSpinning(lock.kind)) {
      this.invalidAt(names.siteOf(call, site), messages.irqModifierNotSpinning(which, lock));
      return undefined;
    }
    if (inner.irq) {
      this.invalidAt(names.siteOf(call, site), messages.irqModifierTwice(which, inner.irq));
      return undefined;
    }
    return { ...inner, irq: which, site };
  }

  /**
   * Whether a use names an srcu domain exclusively, which nothing can hold: it is read with
   * `shared(S)` and waited for with `waitFor(S)` (docs/annotations.md#waits).
   */
  exclusiveSrcu(use: LockUse): boolean {
    return use.mode === "E" && this.locks[use.lock].kind === "srcu";
  }

  private resolveNested(call: ts.CallExpression, site: Site, names: NameResolver): LockUse | undefined {
    const [target, levelArg] = call.arguments;
    if (!target || !levelArg || call.arguments.length !== 2) {
      this.invalidAt(names.siteOf(call, site), messages.nestedArguments());
      return undefined;
    }
    const level = ts.isNumericLiteral(levelArg) ? Number(levelArg.text) : NaN;
    if (!Number.isInteger(level) || level < 1 || level > 7) {
      this.invalidAt(names.siteOf(levelArg, site), messages.subclassNumber());
      return undefined;
    }
    const inner = this.resolve(target, site, names);
    if (!inner) return undefined;
    const base = this.locks[inner.lock];
    if (base.subclass !== 0) {
      this.invalidAt(names.siteOf(call, site), messages.alreadySubclass(base.name));
      return undefined;
    }
    const sub = this.subclass(base, level);
    this.addReference(site, sub.id);
    return { ...inner, lock: sub.id };
  }

  private invalidAt(site: Site, message: string): void {
    this.sink.add(site, { code: "invalid-annotation", message });
  }

  private resolveBase(e: ts.Expression, names: NameResolver, site: Site): LockClass | undefined {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      const lock = this.byName.get(e.text);
      if (!lock) this.unknown(names.siteOf(e, site), e.text, this.byName.keys());
      return lock;
    }
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) {
      this.invalidAt(names.siteOf(e, site), messages.notALock());
      return undefined;
    }
    const symbol = names.symbolOf(e);
    const lock = this.followToDeclaration(symbol);
    if (!lock) {
      const text = e.getText();
      const last = ts.isPropertyAccessExpression(e) ? e.name.text : text;
      // A name in code that resolves to nothing is TypeScript's error as well; one in a JSDoc tag is only ours.
      this.unknown(names.siteOf(e, site), text, this.variableNames, last, !symbol && names === this.attached);
    }
    return lock;
  }

  /** Did-you-mean over declared names and over lock variables, each built once per count of candidates. */
  private readonly suggesters = new Map<"names" | "variables", { size: number; suggester: Suggester }>();

  private unknown(site: Site, text: string, candidates: Iterable<string>, word = text, unresolved = false): void {
    this.unknownReported++;
    // Both lists only grow, so their size tells whether a suggester (and its memo) is current.
    const list = candidates === this.variableNames ? "variables" : "names";
    const size = list === "variables" ? this.variableNames.size : this.byName.size;
    let entry = this.suggesters.get(list);
    if (entry?.size !== size) this.suggesters.set(list, (entry = { size, suggester: new Suggester([...candidates]) }));
    const suggestion = entry.suggester.suggest(word);
    this.sink.add(site, { code: "unknown-lock", text, ...(suggestion !== undefined ? { suggestion } : {}), ...(unresolved ? { unresolved: true } : {}) });
  }

  /** Follows a symbol through aliases, imports and initialisers to a `defineLock` call. */
  private followToDeclaration(first: ts.Symbol | undefined): LockClass | undefined {
    let sym = first;
    for (let hops = 0; sym && hops < 64; hops++) {
      if (sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
      const decl = sym.valueDeclaration ?? sym.declarations?.[0];
      if (!decl) return undefined;
      let next: ts.Expression | undefined;
      if (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) {
        next = decl.initializer;
      } else if (ts.isShorthandPropertyAssignment(decl)) {
        const vd = this.checker.getShorthandAssignmentValueSymbol(decl)?.valueDeclaration;
        next = vd && ts.isVariableDeclaration(vd) ? vd.initializer : undefined;
      }
      if (!next) return undefined;
      next = skipOuter(next);
      if (ts.isCallExpression(next)) return this.byDecl.get(next);
      sym = this.attached.symbolOf(next);
    }
    return undefined;
  }

  byId(id: number): LockClass {
    return this.locks[id];
  }
}

const lockCallsCache = new WeakMap<ts.SourceFile, { defineLock: ts.CallExpression[]; nested: ts.CallExpression[] }>();

/** A file's `defineLock(...)` and `nested(...)` calls, found once per parsed file. */
function lockCalls(sf: ts.SourceFile, checker: ts.TypeChecker): { defineLock: ts.CallExpression[]; nested: ts.CallExpression[] } {
  let found = lockCallsCache.get(sf);
  if (found) return found;
  found = { defineLock: [], nested: [] };
  // Most files declare no lock; a name has to appear in the text for a call to be one (an alias
  // too is introduced by an import naming it).
  if (!sf.text.includes("defineLock") && !sf.text.includes("nested")) {
    lockCallsCache.set(sf, found);
    return found;
  }
  forEachDescendant(sf, (node) => {
    if (ts.isCallExpression(node) && !(ts.isIdentifier(node.expression) && !mayBeLockorderExport(sf, node.expression.text, DECLARING_EXPORTS))) {
      const which = lockorderExport(node.expression, checker);
      if (which === "defineLock") found!.defineLock.push(node);
      else if (which === "nested") found!.nested.push(node);
    }
  });
  lockCallsCache.set(sf, found);
  return found;
}
