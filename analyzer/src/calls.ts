/**
 * Call resolution (SPEC 4.3): from a call expression to every function it may reach.
 *
 * Owns: the dispatch index: which function values flow into which declarations (interface,
 * abstract and overridden methods, function-typed properties and variables, object-literal ops
 * tables, parameters), built once per program, and the resolution of a call through it.
 * Must not: look at locks or bodies' lock effects. Resolution is iterative (a worklist), never
 * recursive, so long alias chains cannot overflow the stack.
 */
import { ts } from "ts-morph";
import { isFunctionNode, isSynchronousCallback } from "./functions";
import { skipOuter } from "./locks";

export class CallResolver {
  /** Declaration → the value expressions and declarations that flow into it. */
  private readonly flows = new Map<ts.Node, ts.Node[]>();
  /** Object-literal members with no declared property to flow into, by member name. */
  private readonly untypedByName = new Map<string, ts.Node[]>();
  private readonly memo = new Map<ts.Node, number[]>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly functionIds: ReadonlyMap<ts.Node, number>,
  ) {}

  private addFlow(target: ts.Node, source: ts.Node): void {
    let list = this.flows.get(target);
    if (!list) this.flows.set(target, (list = []));
    list.push(source);
  }

  /** Records every flow of a function value in one file. Call for all files before resolving. */
  indexFile(sf: ts.SourceFile): void {
    const pending: ts.Node[] = [sf];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (ts.isObjectLiteralExpression(node)) this.indexObjectLiteral(node);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.indexAssignment(node);
      else if (ts.isClassLike(node)) this.indexClass(node);
      else if (ts.isCallExpression(node) || ts.isNewExpression(node)) this.indexArguments(node);
      ts.forEachChild(node, (c) => {
        pending.push(c);
      });
    }
  }

  private indexObjectLiteral(obj: ts.ObjectLiteralExpression): void {
    const contextual = this.checker.getContextualType(obj);
    for (const prop of obj.properties) {
      if (!prop.name || ts.isSpreadAssignment(prop)) continue;
      const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (!name) continue;
      const source: ts.Node = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : prop;
      const targets = contextual?.getProperty(name)?.declarations ?? [];
      for (const t of targets) this.addFlow(t, source);
      if (targets.length === 0) {
        let list = this.untypedByName.get(name);
        if (!list) this.untypedByName.set(name, (list = []));
        list.push(source);
      }
    }
  }

  private indexAssignment(assign: ts.BinaryExpression): void {
    const left = skipOuter(assign.left);
    const named = ts.isPropertyAccessExpression(left) ? left.name : ts.isIdentifier(left) ? left : undefined;
    if (!named) return;
    for (const d of this.checker.getSymbolAtLocation(named)?.declarations ?? []) this.addFlow(d, assign.right);
  }

  /** Members implement or override the same-named members of every base class and interface. */
  private indexClass(cls: ts.ClassLikeDeclaration): void {
    const bases: ts.Type[] = [];
    for (const clause of cls.heritageClauses ?? []) {
      for (const t of clause.types) bases.push(this.checker.getTypeAtLocation(t));
    }
    if (bases.length === 0) return;
    for (const member of cls.members) {
      if (!member.name || ts.isConstructorDeclaration(member)) continue;
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (!name) continue;
      for (const base of bases) {
        for (const d of base.getProperty(name)?.declarations ?? []) if (d !== member) this.addFlow(d, member);
      }
    }
  }

  /** A function value passed as an argument flows into the callee's parameter. */
  private indexArguments(call: ts.CallExpression | ts.NewExpression): void {
    const args = call.arguments ?? [];
    if (!args.some((a) => isFunctionReference(a))) return;
    const decl = this.checker.getResolvedSignature(call)?.declaration;
    if (!decl || ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return;
    args.forEach((arg, i) => {
      if (!isFunctionReference(arg)) return;
      const param = decl.parameters[Math.min(i, decl.parameters.length - 1)];
      if (param) this.addFlow(param, arg);
    });
  }

  /**
   * The functions a call may reach: `undefined` when nothing in the model is found (an
   * unresolved call, SPEC 4.3), else the candidates' ids.
   */
  resolve(call: ts.CallExpression | ts.NewExpression): number[] | undefined {
    const callee = skipOuter(call.expression);
    if (ts.isNewExpression(call)) {
      const decl = this.checker.getResolvedSignature(call)?.declaration;
      const id = decl && this.functionIds.get(decl);
      return id === undefined ? undefined : [id];
    }
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) {
      const id = this.functionIds.get(callee);
      return id === undefined ? undefined : [id];
    }
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
      // `super.m()` reaches exactly the base class's method.
      const ids = (this.checker.getSymbolAtLocation(callee.name)?.declarations ?? [])
        .map((d) => this.functionIds.get(d))
        .filter((id): id is number => id !== undefined);
      return ids.length > 0 ? ids : undefined;
    }
    const starts = this.declarationsOf(callee);
    if (ts.isPropertyAccessExpression(callee) && starts.every((d) => !this.functionIds.has(d))) {
      starts.push(...(this.untypedByName.get(callee.name.text) ?? []));
    }
    const ids = this.closure(starts);
    return ids.length > 0 ? ids : undefined;
  }

  /** The functions reachable from some declarations (accessors of a property, say). */
  resolveDeclarations(decls: readonly ts.Node[]): number[] {
    return this.closure(decls);
  }

  /** The candidates of a function-valued expression (a callback passed by reference). */
  resolveValue(expr: ts.Expression): number[] {
    return this.closure([expr]);
  }

  private declarationsOf(e: ts.Expression): ts.Node[] {
    const named = ts.isPropertyAccessExpression(e) ? e.name : ts.isElementAccessExpression(e) ? e.argumentExpression : e;
    let sym = this.checker.getSymbolAtLocation(named);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return [...(sym?.declarations ?? [])];
  }

  /** Every function reachable from the given declarations and value expressions. */
  private closure(starts: readonly ts.Node[]): number[] {
    if (starts.length === 1 && this.memo.has(starts[0])) return this.memo.get(starts[0])!;
    const out = new Set<number>();
    const seen = new Set<ts.Node>();
    const pending = [...starts];
    while (pending.length > 0) {
      const n = pending.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.getSourceFile().isDeclarationFile) continue;
      const id = this.functionIds.get(n);
      if (id !== undefined) out.add(id);
      for (const s of this.flows.get(n) ?? []) pending.push(s);
      if (isFunctionNode(n)) continue;
      if (ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n) || ts.isParameter(n)) {
        if (n.initializer) pending.push(n.initializer);
      } else if (ts.isShorthandPropertyAssignment(n)) {
        for (const d of this.checker.getShorthandAssignmentValueSymbol(n)?.declarations ?? []) pending.push(d);
      } else if (ts.isExpression(n)) {
        const e = skipOuter(n);
        if (e !== n) pending.push(e);
        else if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) pending.push(...this.declarationsOf(e));
        else if (ts.isConditionalExpression(e)) pending.push(e.whenTrue, e.whenFalse);
        else if (ts.isBinaryExpression(e) && isShortCircuit(e.operatorToken.kind)) pending.push(e.left, e.right);
        else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "bind") {
          pending.push(e.expression.expression);
        }
      }
    }
    const ids = [...out].sort((a, b) => a - b);
    if (starts.length === 1) this.memo.set(starts[0], ids);
    return ids;
  }
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
