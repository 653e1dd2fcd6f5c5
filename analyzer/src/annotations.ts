/**
 * Annotations: the decorators and JSDoc tags of docs/annotations.md#function-annotations, parsed into `Annotations`.
 *
 * Owns: which annotation names exist, where each may stand, and the invalid-annotation
 * diagnostics about them. JSDoc arguments are parsed as expressions and resolved in the scope of
 * the annotated function, so they mean exactly what the decorator form means.
 * Must not: analyse bodies or calls.
 */
import { ts } from "@ts-morph/common";
import { closest, DiagnosticSink, messages } from "./diagnostics";
import { isFunctionNode } from "./functions";
import { fromLockorder, lockorderExport } from "./imports";
import { forEachDescendant, siteOf } from "./tree";
import { LockTable, type NameResolver } from "./locks";
import { emptyAnnotations, type Annotations, type IrqKind, type LockUse, type Site } from "./model";

const LIST_ANNOTATIONS = ["acquires", "tryAcquires", "requires", "excludes", "returnsHolding", "releases"] as const;
type ListAnnotation = (typeof LIST_ANNOTATIONS)[number];
/** Interrupt entries (docs/annotations.md#interrupt-contexts): bare decorators or JSDoc tags. */
const CONTEXT_ANNOTATIONS = ["hardirq", "softirq"] as const;
const ALL_ANNOTATIONS = [...LIST_ANNOTATIONS, "noLockAnalysis", ...CONTEXT_ANNOTATIONS, "guardedBy"];

function isContextAnnotation(name: string): name is IrqKind {
  return (CONTEXT_ANNOTATIONS as readonly string[]).includes(name);
}

function isListAnnotation(name: string): name is ListAnnotation {
  return (LIST_ANNOTATIONS as readonly string[]).includes(name);
}

export class AnnotationReader {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly locks: LockTable,
    /** Where diagnostics go; the analyzer points it at the file being summarised. */
    public sink: DiagnosticSink,
  ) {}

  /** The annotations of a function-like node, from its decorators and its JSDoc tags. */
  read(fn: ts.Node): Annotations {
    const result = emptyAnnotations();
    if (ts.canHaveDecorators(fn)) {
      for (const d of ts.getDecorators(fn) ?? []) this.readDecorator(d, result);
    }
    this.readJsDoc(fn, result);
    return result;
  }

  /** The locks guarding a field: its `@guardedBy(L)` decorators. */
  readGuards(field: ts.PropertyDeclaration): LockUse[] {
    const guards: LockUse[] = [];
    for (const d of ts.getDecorators(field) ?? []) {
      if (this.decoratorName(d) !== "guardedBy") continue;
      const e = d.expression;
      if (!ts.isCallExpression(e) || e.arguments.length !== 1) {
        this.invalid(d, messages.guardedByOneLock());
        continue;
      }
      const use = this.locks.resolve(e.arguments[0]);
      if (use && (use.mode === "S" || use.irq)) this.invalid(e.arguments[0], messages.guardedByPlainLock());
      else if (use) guards.push(use);
    }
    return guards;
  }

  /** Reports lockorder decorators where no function annotation may stand (classes, parameters). */
  checkMisplaced(node: ts.Node): void {
    if (!ts.canHaveDecorators(node)) return;
    const isMember = ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
    const isField = ts.isPropertyDeclaration(node);
    if (isMember) return;
    for (const d of ts.getDecorators(node) ?? []) {
      const name = this.decoratorName(d);
      if (!name) continue;
      if (isField && name === "guardedBy") continue;
      this.invalid(d, messages.annotationPlacement(name, isField));
    }
  }

  private decoratorName(d: ts.Decorator): string | undefined {
    const e = d.expression;
    return lockorderExport(ts.isCallExpression(e) ? e.expression : e, this.checker);
  }

  private readDecorator(d: ts.Decorator, into: Annotations): void {
    const name = this.decoratorName(d);
    if (!name) return;
    const e = d.expression;
    if (name === "noLockAnalysis") {
      if (ts.isCallExpression(e)) this.invalid(d, messages.noLockAnalysisArguments());
      else into.noLockAnalysis = true;
      return;
    }
    if (isContextAnnotation(name)) {
      if (ts.isCallExpression(e)) this.invalid(d, messages.contextTakesNothing(name));
      else this.setContext(into, name, d);
      return;
    }
    if (name === "guardedBy") {
      this.invalid(d, messages.guardedByOnMethod());
      return;
    }
    if (!isListAnnotation(name)) {
      this.invalid(d, messages.notAnAnnotation(name, ALL_ANNOTATIONS));
      return;
    }
    if (!ts.isCallExpression(e)) {
      this.invalid(d, messages.annotationNeedsLocks(name));
      return;
    }
    if (e.arguments.length === 0) {
      this.invalid(d, messages.annotationNeedsALock(name));
      return;
    }
    for (const arg of e.arguments) this.addUse(name, this.resolveNoting(into, () => this.locks.resolve(arg)), into, arg);
  }

  /** Resolves a reference, noting in `into` when it is an unknown lock (what follows from it is not reported). */
  private resolveNoting(into: Annotations, resolve: () => LockUse | undefined): LockUse | undefined {
    const before = this.locks.unknownReported;
    const use = resolve();
    if (this.locks.unknownReported > before) into.unknownLock = true;
    return use;
  }

  private addUse(name: ListAnnotation, use: LockUse | undefined, into: Annotations, node: ts.Node): void {
    if (!use) return;
    if ((use.mode === "S" || use.irq) && name === "excludes") {
      this.invalid(node, messages.excludesPlainLocks());
      return;
    }
    // Nothing holds an srcu domain exclusively (docs/annotations.md#waits); `@excludes(S)` says
    // that no caller is inside a read section.
    if (name !== "excludes" && this.locks.exclusiveSrcu(use)) {
      this.invalid(node, messages.srcuExclusive(`@${name}`, this.locks.byId(use.lock)), use.site);
      return;
    }
    into[name].push(use);
  }

  private setContext(into: Annotations, kind: IrqKind, node: ts.Node): void {
    if (into.context && into.context !== kind) this.invalid(node, messages.oneContext());
    else into.context = kind;
  }

  private invalid(node: ts.Node, message: string, site: Site = siteOf(node)): void {
    this.sink.add(site, { code: "invalid-annotation", message });
  }

  /**
   * Resolves the `nested(L, n)` that JSDoc tags name, before any file is summarised, so that their
   * subclasses get their ids from the declarations alone, like those named in code
   * (LockTable.collect): a file's summary cached across analyses must find the same ids in the
   * next lock table. What this reports is dropped: it is reported again when the file is summarised.
   */
  declareJsDocSubclasses(files: readonly ts.SourceFile[]): void {
    const saved = { sink: this.sink, locksSink: this.locks.sink, references: this.locks.references };
    this.sink = this.locks.sink = new DiagnosticSink();
    this.locks.references = new Map();
    try {
      for (const sf of files) {
        try {
          for (const fn of annotatedByJsDoc(sf)) this.readJsDoc(fn, emptyAnnotations());
        } catch {
          // What stops this file here stops its summary too, which reports it (summary.ts).
        }
      }
    } finally {
      this.sink = saved.sink;
      this.locks.sink = saved.locksSink;
      this.locks.references = saved.references;
    }
  }

  // ---- JSDoc (`/** @acquires kvmLock, shared(cfgSem) */`) ----

  private readJsDoc(fn: ts.Node, into: Annotations): void {
    for (const tag of jsDocTagsOf(fn)) {
      const name = tag.tagName.text;
      if (name === "noLockAnalysis") {
        into.noLockAnalysis = true;
        continue;
      }
      if (isContextAnnotation(name)) {
        this.setContext(into, name, tag.tagName);
        continue;
      }
      if (name === "guardedBy") {
        // A field's guard is its decorator; a function has no guard (never "did you mean @guardedBy?").
        this.invalid(tag.tagName, messages.guardedByOnMethod());
        continue;
      }
      if (!isListAnnotation(name)) {
        const suggestion = KNOWN_JSDOC_TAGS.has(name) ? undefined : closest(name, ALL_ANNOTATIONS);
        if (suggestion) this.invalid(tag.tagName, messages.unknownTag(name, suggestion));
        continue;
      }
      const text = typeof tag.comment === "string" ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? "";
      const sf = fn.getSourceFile();
      const commentStart = tagCommentStart(tag, sf);
      if (!text.trim()) {
        this.invalid(tag, messages.tagNeedsALock(name));
        continue;
      }
      for (const arg of parseArgumentList(text)) {
        const site: Site = { sf, start: commentStart + arg.start, end: commentStart + arg.end };
        if (!arg.expression) {
          this.invalid(tag, messages.unreadableLockReference(arg.text), site);
          continue;
        }
        const expression = arg.expression;
        this.addUse(name, this.resolveNoting(into, () => this.resolveJsDocReference(expression, fn, site)), into, tag);
      }
    }
  }

  /**
   * Resolves an expression parsed from a JSDoc tag: names are looked up in the function's scope,
   * then the reference is resolved as the decorator form would be.
   */
  private resolveJsDocReference(expr: ts.Expression, scope: ts.Node, site: Site): LockUse | undefined {
    return this.locks.resolve(expr, site, new DetachedResolver(this.checker, scope));
  }
}

const jsDocAnnotated = new WeakMap<ts.SourceFile, readonly ts.Node[]>();

/**
 * The functions and method signatures of a file with lockorder JSDoc tags, when the file names
 * `nested` at all: found once per parsed file (the analysis runs after every edit, and an
 * unchanged file keeps its tree), resolved again in each analysis's lock table.
 */
function annotatedByJsDoc(sf: ts.SourceFile): readonly ts.Node[] {
  let found = jsDocAnnotated.get(sf);
  if (found) return found;
  const nodes: ts.Node[] = [];
  if (sf.text.includes("nested")) {
    forEachDescendant(sf, (node) => {
      if ((isFunctionNode(node) || ts.isMethodSignature(node)) && jsDocTagsOf(node).some((t) => isListAnnotation(t.tagName.text))) nodes.push(node);
    });
  }
  jsDocAnnotated.set(sf, (found = nodes));
  return found;
}

/** Standard JSDoc/TSDoc tags, never reported as misspelt annotations. */
const KNOWN_JSDOC_TAGS = new Set([
  "param", "returns", "return", "throws", "example", "deprecated", "see", "since", "remarks", "internal",
  "public", "private", "protected", "readonly", "override", "async", "type", "typedef", "template",
  "author", "todo", "link", "inheritDoc", "default", "defaultValue", "experimental", "beta", "alpha",
]);

function jsDocTagsOf(fn: ts.Node): readonly ts.JSDocTag[] {
  // For `const f = () => …` TypeScript attaches the comment to the variable statement; getJSDocTags
  // already looks there.
  return ts.getJSDocTags(fn);
}

function tagCommentStart(tag: ts.JSDocTag, sf: ts.SourceFile): number {
  // The comment text starts after the tag name and the blanks that follow it.
  const text = sf.text;
  let p = tag.tagName.end;
  while (p < tag.end && (text[p] === " " || text[p] === "\t")) p++;
  return p;
}

interface ParsedArgument {
  text: string;
  start: number;
  end: number;
  expression?: ts.Expression;
}

/** Splits `a, shared(b), nested(c, 1)` at top-level commas and parses each part. */
function parseArgumentList(text: string): ParsedArgument[] {
  const line = text.split(/\r\n|\r|\n/)[0];
  const out: ParsedArgument[] = [];
  let depth = 0;
  let partStart = 0;
  const flush = (end: number) => {
    const raw = line.slice(partStart, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) {
      const start = partStart + lead;
      out.push({ text: trimmed, start, end: start + trimmed.length, expression: parseExpression(trimmed) });
    }
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      flush(i);
      partStart = i + 1;
    }
  }
  flush(line.length);
  return out;
}

function parseExpression(text: string): ts.Expression | undefined {
  const sf = ts.createSourceFile("jsdoc-arg.ts", `(${text});`, ts.ScriptTarget.Latest, true);
  const stmt = sf.statements[0];
  if (sf.statements.length !== 1 || !stmt || !ts.isExpressionStatement(stmt)) return undefined;
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length > 0) return undefined;
  const e = stmt.expression;
  return ts.isParenthesizedExpression(e) ? e.expression : e;
}

/**
 * Resolves the names of an expression that is not part of the program (parsed from a JSDoc tag)
 * in the scope of a node that is.
 */
class DetachedResolver implements NameResolver {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly scope: ts.Node,
  ) {}

  /** Every part of a JSDoc reference is reported at the reference itself. */
  siteOf(_node: ts.Node, whole: Site): Site {
    return whole;
  }

  symbolOfName(name: string): ts.Symbol | undefined {
    return this.checker.getSymbolsInScope(this.scope, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === name);
  }

  /** The symbol of `a.b.c`, following each step through the checker's types. */
  symbolOf(e: ts.Expression): ts.Symbol | undefined {
    if (ts.isIdentifier(e)) return this.symbolOfName(e.text);
    if (ts.isPropertyAccessExpression(e)) {
      let head = this.symbolOf(e.expression);
      if (!head) return undefined;
      if (head.flags & ts.SymbolFlags.Alias) head = this.checker.getAliasedSymbol(head);
      if (head.exports?.has(e.name.escapedText)) return head.exports.get(e.name.escapedText);
      const decl = head.valueDeclaration ?? head.declarations?.[0];
      if (!decl) return undefined;
      return this.checker.getTypeOfSymbolAtLocation(head, decl).getProperty(e.name.text);
    }
    return undefined;
  }

  /** The lockorder export a detached callee names (`shared`, `nested`), if any. */
  lockorderExportOf(e: ts.Expression): string | undefined {
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
    const sym = this.symbolOf(e);
    const decl = sym?.declarations?.[0];
    if (decl && (ts.isImportSpecifier(decl) || ts.isExportSpecifier(decl)) && fromLockorder(decl)) return (decl.propertyName ?? decl.name).text;
    if (ts.isPropertyAccessExpression(e)) {
      const ns = this.symbolOf(e.expression)?.declarations?.[0];
      if (ns && ts.isNamespaceImport(ns) && fromLockorder(ns)) return e.name.text;
    }
    return undefined;
  }
}
