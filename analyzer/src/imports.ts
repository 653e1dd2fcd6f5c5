/**
 * Recognising the `lockorder` module's exports in a model: `import { acquires as acq }`,
 * `import * as lo`, re-exports through the model's own modules.
 *
 * Owns: the answer to "which lockorder export does this expression name?".
 * Must not: interpret annotations or primitives (annotations.ts and flow/ do).
 */
import { ts } from "@ts-morph/common";
import { symbolAt } from "./names";

export const LOCKORDER_MODULE = "lockorder";

function moduleOf(decl: ts.Node): string | undefined {
  let n: ts.Node | undefined = decl;
  while (n && !ts.isImportDeclaration(n) && !ts.isExportDeclaration(n)) n = n.parent;
  const spec = n && (n as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
  return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
}

/** Whether a declaration (an import or export specifier, a namespace import) binds from `lockorder`. */
export function fromLockorder(decl: ts.Node): boolean {
  return moduleOf(decl) === LOCKORDER_MODULE;
}

/** A file's `import … from "lockorder"` declarations, in source order. */
export function lockorderImports(sf: ts.SourceFile): ts.ImportDeclaration[] {
  return sf.statements.filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && fromLockorder(s));
}

/** How a file imports lockorder's exports: local name by export, or a namespace. */
export function lockorderNames(sf: ts.SourceFile): Map<string, string> & { namespace?: string } {
  const names = new Map<string, string>() as Map<string, string> & { namespace?: string };
  for (const stmt of lockorderImports(sf)) {
    const bindings = stmt.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.namespace = bindings.name.text;
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.set((e.propertyName ?? e.name).text, e.name.text);
  }
  return names;
}

/**
 * The lockorder export an identifier or `ns.name` expression refers to, or undefined. Follows
 * import/export aliases through the model's modules; works whether or not "lockorder" resolves.
 */
export function lockorderExport(expr: ts.Expression, checker: ts.TypeChecker): string | undefined {
  if (ts.isParenthesizedExpression(expr)) return lockorderExport(expr.expression, checker);
  if (ts.isPropertyAccessExpression(expr)) {
    // `lo.acquires` with `import * as lo from "lockorder"` (or through a namespace re-export).
    if (!ts.isIdentifier(expr.expression) || !importedNames(expr.getSourceFile()).has(expr.expression.text)) return undefined;
    const ns = symbolAt(checker, expr.expression);
    if (ns && isLockorderNamespace(ns, checker)) return expr.name.text;
    return fromSymbol(checker.getSymbolAtLocation(expr.name), checker);
  }
  if (ts.isIdentifier(expr)) {
    // Only an imported name can be lockorder's; asking the checker about every call is the
    // expensive part of finding them.
    if (!importedNames(expr.getSourceFile()).has(expr.text)) return undefined;
    return fromSymbol(symbolAt(checker, expr), checker);
  }
  return undefined;
}

/** The lockorder exports that declare lock classes. */
export const DECLARING_EXPORTS: ReadonlySet<string> = new Set(["defineLock", "nested"]);

const directImportsCache = new WeakMap<ts.SourceFile, ReadonlyMap<string, string>>();

/** The names a file imports directly from "lockorder": the export each local name stands for (remembered per parsed file). */
export function directImports(sf: ts.SourceFile): ReadonlyMap<string, string> {
  let direct = directImportsCache.get(sf);
  if (!direct) {
    const byLocal = new Map<string, string>();
    for (const [exported, local] of lockorderNames(sf)) byLocal.set(local, exported);
    directImportsCache.set(sf, (direct = byLocal));
  }
  return direct;
}

/**
 * Whether a name a file calls may be one of `exports` of lockorder: false only when the file
 * imports that name directly from "lockorder" as another export (`lock`, `unlock`…), which
 * nothing in the file can make one of them (a declaration shadowing it is no import). Lets a
 * search for a few exports (`defineLock`, `nested`) skip resolving every primitive call.
 */
export function mayBeLockorderExport(sf: ts.SourceFile, name: string, exports: ReadonlySet<string>): boolean {
  const exported = directImports(sf).get(name);
  return exported === undefined || exports.has(exported);
}

const importedNamesCache = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** The local names a file binds by import declarations (any module: barrels re-export lockorder). */
function importedNames(sf: ts.SourceFile): ReadonlySet<string> {
  let names = importedNamesCache.get(sf);
  if (names) return names;
  const set = new Set<string>();
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause;
      if (clause?.name) set.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) set.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) set.add(e.name.text);
    } else if (ts.isImportEqualsDeclaration(stmt)) {
      set.add(stmt.name.text);
    }
  }
  importedNamesCache.set(sf, (names = set));
  return names;
}

function isLockorderNamespace(sym: ts.Symbol, checker: ts.TypeChecker): boolean {
  for (let s: ts.Symbol | undefined = sym, i = 0; s && i < 16; i++) {
    const decl = s.declarations?.[0];
    if (!decl) return false;
    if (ts.isNamespaceImport(decl) || ts.isNamespaceExport(decl)) return fromLockorder(decl);
    if (!(s.flags & ts.SymbolFlags.Alias)) return false;
    s = checker.getImmediateAliasedSymbol(s);
  }
  return false;
}

function fromSymbol(sym: ts.Symbol | undefined, checker: ts.TypeChecker): string | undefined {
  for (let s = sym, i = 0; s && i < 16; i++) {
    const decl = s.declarations?.[0];
    if (!decl) return undefined;
    if (ts.isImportSpecifier(decl) || ts.isExportSpecifier(decl)) {
      if (fromLockorder(decl)) return (decl.propertyName ?? decl.name).text;
    } else if (decl.getSourceFile().fileName.includes("/lockorder/") && isLockorderSource(decl)) {
      // Resolved into the lockorder package itself (its .d.ts or source).
      return s.name;
    } else if (!(s.flags & ts.SymbolFlags.Alias)) {
      return undefined;
    }
    if (!(s.flags & ts.SymbolFlags.Alias)) return undefined;
    s = checker.getImmediateAliasedSymbol(s);
  }
  return undefined;
}

function isLockorderSource(decl: ts.Node): boolean {
  return /[/\\](lockorder|analyzer)[/\\](dist[/\\])?src[/\\]lockorder\.(d\.ts|ts)$/.test(decl.getSourceFile().fileName);
}
