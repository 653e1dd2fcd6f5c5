/**
 * Names as dispatch sees them, through the type checker: the symbol an expression names (through
 * import aliases), whether a name resolves only to the standard library or declaration files
 * (whose functions take no lock), the keys of the model declarations a name, a property of a type
 * or `o["k"]` resolves to.
 *
 * Owns: FileSymbols. Must not: follow values (values.ts does), record flows (it only has the
 * file's FlowTable remember which of the keys it gives are locals) or look at locks.
 */
import { ts } from "@ts-morph/common";
import { declKey } from "../keys";
import { skipOuter } from "../tree";
import { symbolAt } from "../names";
import type { FlowTable } from "./fileFlows";

export class FileSymbols {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly table: FlowTable,
  ) {}

  symbolOf(e: ts.Expression | ts.PrivateIdentifier): ts.Symbol | undefined {
    return this.aliased(symbolAt(this.checker, ts.isPropertyAccessExpression(e) ? e.name : e));
  }

  /** Whether a name resolves only to declarations outside the model (the standard library, declaration files). */
  isOutside(name: ts.Identifier | ts.PrivateIdentifier): boolean {
    const decls = this.symbolOf(name)?.declarations ?? [];
    return decls.length > 0 && decls.every((d) => d.getSourceFile().isDeclarationFile);
  }

  keysOfSymbol(sym: ts.Symbol | undefined): string[] {
    return this.keysOfDeclarations(this.aliased(sym)?.declarations ?? []);
  }

  /** The keys of those declarations that are the model's. */
  keysOfDeclarations(declarations: readonly ts.Declaration[]): string[] {
    return declarations.filter((d) => !d.getSourceFile().isDeclarationFile).map((d) => this.table.keyOf(d));
  }

  /**
   * The declarations a member of `receiver` runs: all of them, except on an object narrowed to an
   * intersection (`this` after `this instanceof Sub` is `this & Sub`), which is an instance of
   * every class in it at once, so it runs the most derived override: a declaration whose class
   * another declaring class extends is dropped. (On a union, `A | B`, each may run.)
   */
  runs(receiver: ts.Expression, declarations: readonly ts.Declaration[]): readonly ts.Declaration[] {
    const classes = new Set(declarations.map((d) => d.parent).filter(ts.isClassLike));
    if (classes.size < 2 || !this.checker.getTypeAtLocation(receiver).isIntersection()) return declarations;
    const overridden = new Set([...classes].filter((base) => [...classes].some((c) => c !== base && this.extendsClass(c, base))));
    return declarations.filter((d) => !overridden.has(d.parent as ts.ClassLikeDeclaration));
  }

  /** Whether class `derived` extends `base`, directly or through others. */
  private extendsClass(derived: ts.ClassLikeDeclaration, base: ts.ClassLikeDeclaration): boolean {
    const target = base.name && this.checker.getSymbolAtLocation(base.name);
    const start = derived.name && this.checker.getSymbolAtLocation(derived.name);
    if (!target || !start) return false;
    const seen = new Set<ts.Symbol>();
    const pending = [start];
    while (pending.length > 0) {
      const sym = pending.pop()!;
      if (seen.has(sym)) continue;
      seen.add(sym);
      const type = this.checker.getDeclaredTypeOfSymbol(sym);
      if (!(type.flags & ts.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) continue;
      for (const b of this.checker.getBaseTypes(type as ts.InterfaceType)) {
        if (b.symbol === target) return true;
        if (b.symbol) pending.push(b.symbol);
      }
    }
    return false;
  }

  /** The keys of what a name, a property access or a property's name (`o["k"]`) resolves to. */
  keysOf(e: ts.Expression): string[] {
    return this.keysOfSymbol(symbolAt(this.checker, ts.isPropertyAccessExpression(e) ? e.name : e));
  }

  /** The model declarations of a property in a type, through unions (`T | null`, `A | B`). */
  propertyKeys(type: ts.Type, name: string): string[] {
    return this.modelKeys((type.isUnion() ? type.types : [type]).flatMap((member) => member.getProperty(name)?.declarations ?? []));
  }

  /** The keys of those declarations that are the model's (not the standard library's or a declaration file's), each once. */
  modelKeys(declarations: readonly ts.Declaration[]): string[] {
    const keys = new Set<string>();
    for (const d of declarations) if (!d.getSourceFile().isDeclarationFile) keys.add(declKey(d));
    return [...keys];
  }

  /**
   * Whether `o["k"]` names a property declared in the model or the standard library. A number
   * (`a[0]`, a tuple's `t[1]`) names an element.
   */
  namesProperty(e: ts.ElementAccessExpression): boolean {
    const arg = skipOuter(e.argumentExpression);
    return ts.isStringLiteralLike(arg) && (this.checker.getSymbolAtLocation(arg)?.declarations ?? []).length > 0;
  }

  /** An import alias's target; any other symbol itself. */
  private aliased(sym: ts.Symbol | undefined): ts.Symbol | undefined {
    return sym && sym.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(sym) : sym;
  }
}
