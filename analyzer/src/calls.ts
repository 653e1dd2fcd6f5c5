/**
 * Call resolution (docs/annotations.md#dispatch) in two halves. Per file, with the type checker: what each call names
 * (the keys of the declarations its callee resolves to, a CallTarget) and which function values
 * flow into which declarations (object-literal ops tables, assignments, initialisers, class members
 * implementing or overriding base members, arguments into parameters). At link time, without the
 * checker: the closure of those flows from a call's keys to every function it may reach.
 *
 * Owns: dispatch. Must not: look at locks. Keys (keys.ts) instead of nodes let one file's summary
 * survive another file's re-parse. The closure is iterative, never recursive.
 */
import { ts } from "@ts-morph/common";
import { declKey, functionKey } from "./keys";
import { isFunctionNode, isSynchronousCallback } from "./functions";
import type { CallTarget } from "./model";
import { forEachDescendant, skipOuter } from "./tree";


/** One file's contribution to the dispatch index. */
export interface FileFlows {
  /** Target declaration key ← source keys. */
  readonly flows: [string, string[]][];
  /** Object-literal members with no declared property to flow into: name ← source keys. */
  readonly untyped: [string, string[]][];
}

export class FileDispatch {
  private readonly flows = new Map<string, Set<string>>();
  private readonly untyped = new Map<string, Set<string>>();

  constructor(private readonly checker: ts.TypeChecker) {}

  private add(map: Map<string, Set<string>>, target: string, sources: readonly string[]): void {
    if (sources.length === 0) return;
    let set = map.get(target);
    if (!set) map.set(target, (set = new Set()));
    for (const s of sources) set.add(s);
  }

  /** Records every flow of a function value in the file. */
  index(sf: ts.SourceFile): FileFlows {
    forEachDescendant(sf, (node) => {
      if (ts.isObjectLiteralExpression(node)) this.indexObjectLiteral(node);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.indexAssignment(node);
      else if (ts.isClassLike(node)) this.indexClass(node);
      else if (ts.isCallExpression(node) || ts.isNewExpression(node)) this.indexArguments(node);
      else if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) && node.initializer) {
        this.add(this.flows, declKey(node), this.valueKeys(node.initializer));
      }
    });
    return { flows: [...this.flows].map(([k, v]) => [k, [...v]]), untyped: [...this.untyped].map(([k, v]) => [k, [...v]]) };
  }

  private indexObjectLiteral(obj: ts.ObjectLiteralExpression): void {
    const contextual = this.checker.getContextualType(obj);
    for (const prop of obj.properties) {
      if (!prop.name || ts.isSpreadAssignment(prop)) continue;
      const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (!name) continue;
      const sources = ts.isPropertyAssignment(prop)
        ? this.valueKeys(prop.initializer)
        : ts.isShorthandPropertyAssignment(prop)
          ? this.keysOfSymbol(this.checker.getShorthandAssignmentValueSymbol(prop))
          : [declKey(prop)];
      // The member's own key (for calls through the literal itself) and every declared property
      // it is typed by.
      this.add(this.flows, declKey(prop), ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop) ? sources : []);
      const targets = (contextual?.getProperty(name)?.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile);
      for (const t of targets) this.add(this.flows, declKey(t), sources);
      if (targets.length === 0) this.add(this.untyped, name, sources);
    }
  }

  private indexAssignment(assign: ts.BinaryExpression): void {
    const left = skipOuter(assign.left);
    const named = ts.isPropertyAccessExpression(left) ? left.name : ts.isIdentifier(left) ? left : undefined;
    if (!named) return;
    const sources = this.valueKeys(assign.right);
    if (sources.length === 0) return;
    for (const d of this.checker.getSymbolAtLocation(named)?.declarations ?? []) if (!d.getSourceFile().isDeclarationFile) this.add(this.flows, declKey(d), sources);
  }

  /** Members implement or override the same-named members of every base class and interface. */
  private indexClass(cls: ts.ClassLikeDeclaration): void {
    const bases: ts.Type[] = [];
    for (const clause of cls.heritageClauses ?? []) for (const t of clause.types) bases.push(this.checker.getTypeAtLocation(t));
    if (bases.length === 0) return;
    for (const member of cls.members) {
      if (!member.name || ts.isConstructorDeclaration(member)) continue;
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (!name) continue;
      const own = declKey(member);
      for (const base of bases) {
        for (const d of base.getProperty(name)?.declarations ?? []) {
          if (d !== member && !d.getSourceFile().isDeclarationFile) this.add(this.flows, declKey(d), [own]);
        }
      }
    }
  }

  /** A function value passed as an argument flows into the callee's parameter. */
  private indexArguments(call: ts.CallExpression | ts.NewExpression): void {
    const args = call.arguments ?? [];
    // Resolving a call's signature is costly; most arguments are not functions at all.
    if (!args.some((a) => isFunctionReference(a) && this.isCallable(a))) return;
    const decl = this.checker.getResolvedSignature(call)?.declaration;
    if (!decl || ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return;
    args.forEach((arg, i) => {
      const param = decl.parameters[Math.min(i, decl.parameters.length - 1)];
      if (param && isFunctionReference(arg)) this.add(this.flows, declKey(param), this.valueKeys(arg));
    });
  }

  /**
   * Whether an argument may be a function, judged from its declaration: a function, a
   * function-valued initialiser, or a function type (a named type is asked of the checker).
   */
  private isCallable(arg: ts.Expression): boolean {
    const e = skipOuter(arg);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isCallExpression(e)) return true;
    let sym = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return (sym?.declarations ?? []).some((d) => {
      if (isFunctionNode(d) || ts.isMethodSignature(d) || ts.isFunctionDeclaration(d)) return true;
      const typed = d as ts.Node & { type?: ts.TypeNode; initializer?: ts.Expression };
      if (typed.initializer && (ts.isFunctionExpression(skipOuter(typed.initializer)) || ts.isArrowFunction(skipOuter(typed.initializer)))) return true;
      if (!typed.type) return false;
      if (ts.isFunctionTypeNode(typed.type)) return true;
      return ts.isTypeReferenceNode(typed.type) && this.checker.getTypeFromTypeNode(typed.type).getCallSignatures().length > 0;
    });
  }

  private keysOfSymbol(sym: ts.Symbol | undefined): string[] {
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return (sym?.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile).map(declKey);
  }

  private keysOf(e: ts.Expression): string[] {
    const named = ts.isPropertyAccessExpression(e) ? e.name : ts.isElementAccessExpression(e) ? e.argumentExpression : e;
    return this.keysOfSymbol(this.checker.getSymbolAtLocation(named));
  }

  /** The keys a function-valued expression stands for: functions and declarations holding them. */
  valueKeys(expr: ts.Expression): string[] {
    const out = new Set<string>();
    const pending = [expr];
    while (pending.length > 0) {
      const e = skipOuter(pending.pop()!);
      if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) out.add(functionKey(e));
      else if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) for (const k of this.keysOf(e)) out.add(k);
      else if (ts.isConditionalExpression(e)) pending.push(e.whenTrue, e.whenFalse);
      else if (ts.isBinaryExpression(e) && isShortCircuit(e.operatorToken.kind)) pending.push(e.left, e.right);
      else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "bind") pending.push(e.expression.expression);
    }
    return [...out];
  }

  /**
   * What a call names, and the declarations it resolves to directly (whose annotations change the
   * caller's held set). Undefined when it names nothing in the model.
   */
  target(call: ts.CallExpression | ts.NewExpression): { target: CallTarget; direct: ts.Node[] } | undefined {
    const callee = skipOuter(call.expression);
    if (ts.isNewExpression(call)) {
      const decl = this.checker.getResolvedSignature(call)?.declaration;
      if (!decl || ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return undefined;
      return { target: { keys: [declKey(decl)], exact: true }, direct: [decl] };
    }
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return { target: { keys: [functionKey(callee)], exact: true }, direct: [callee] };
    const named = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : callee;
    let sym = this.checker.getSymbolAtLocation(named);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    const decls = (sym?.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (decls.length === 0 && !name) return undefined;
    const exact = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword;
    return { target: { keys: decls.map(declKey), ...(name ? { name } : {}), ...(exact ? { exact } : {}) }, direct: decls.map(directFunction).filter((d): d is ts.Node => d !== undefined) };
  }

  /** The target of calling a function-valued expression (a callback passed by reference). */
  valueTarget(expr: ts.Expression): CallTarget {
    return { keys: this.valueKeys(expr) };
  }

  /** The target of a property read or write that runs accessors. */
  accessorTarget(accessors: readonly ts.Node[]): CallTarget {
    return { keys: accessors.map(declKey) };
  }
}

/**
 * Link-time resolution: from a call's target to every function it may reach, through the union
 * of all files' flows. Memoised per target.
 */
export class DispatchLinker {
  private readonly flows = new Map<string, string[]>();
  private readonly untyped = new Map<string, string[]>();
  private readonly memo = new Map<string, number[]>();

  constructor(
    private readonly functionsByKey: ReadonlyMap<string, readonly number[]>,
    contributions: Iterable<FileFlows>,
  ) {
    const merge = (map: Map<string, string[]>, entries: readonly [string, string[]][]) => {
      for (const [k, v] of entries) {
        const list = map.get(k);
        if (list) list.push(...v);
        else map.set(k, [...v]);
      }
    };
    for (const c of contributions) {
      merge(this.flows, c.flows);
      merge(this.untyped, c.untyped);
    }
  }

  resolve(target: CallTarget): number[] {
    const memoKey = `${target.exact ? "=" : ""}${target.name ?? ""}|${target.keys.join("|")}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    const out = new Set<number>();
    const seen = new Set<string>();
    const starts = [...target.keys];
    if (!target.exact && target.name !== undefined && !target.keys.some((k) => this.functionsByKey.has(k))) {
      starts.push(...(this.untyped.get(target.name) ?? []));
    }
    const pending = starts;
    while (pending.length > 0) {
      const k = pending.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const id of this.functionsByKey.get(k) ?? []) out.add(id);
      if (!target.exact) pending.push(...(this.flows.get(k) ?? []));
    }
    const ids = [...out].sort((a, b) => a - b);
    this.memo.set(memoKey, ids);
    return ids;
  }
}

/** The function a declaration is: itself, or its function-valued initialiser (`const f = () => …`). */
function directFunction(decl: ts.Node): ts.Node | undefined {
  if (isFunctionNode(decl)) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  }
  return undefined;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.AmpersandAmpersandToken;
}

/** An argument that passes an existing function (not a function expression analysed inline). */
function isFunctionReference(arg: ts.Expression): boolean {
  const e = skipOuter(arg);
  if (isSynchronousCallback(e)) return false;
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isFunctionExpression(e) || ts.isArrowFunction(e) ||
    (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "bind");
}
