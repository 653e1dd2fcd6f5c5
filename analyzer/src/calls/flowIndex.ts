/**
 * The walk that records every flow of a function value in one file
 * (docs/annotations.md#function-values): object-literal ops tables (into every declared property
 * they are typed by, or by member name when nothing types them), assignments, initialisers,
 * class members implementing or overriding base members, arguments into parameters, the storing
 * methods and element callbacks of the standard containers, destructuring, return values `k()`,
 * `for…of`.
 *
 * Owns: which syntax makes a flow. Must not: bind values itself (bindings.ts does), resolve call
 * targets for the flow walk, or look at locks.
 */
import { ts } from "@ts-morph/common";
import { isFunctionNode, type FunctionNode } from "../functions";
import { declKey, functionKey, projected } from "../keys";
import { annotatedType, namedType, propertyDeclarations } from "../names";
import { skipOuter } from "../tree";
import { Bindings } from "./bindings";
import { CallableNames, isFunctionReference, mayReturnFunction } from "./callable";
import { ELEMENT_CALLBACKS, STORING_METHODS } from "./containers";
import type { FlowTable } from "./fileFlows";
import type { FileSymbols } from "./symbols";
import { projectAll, type ValueKeys } from "./values";

export class FlowIndex {
  private readonly bindings: Bindings;
  private readonly callable: CallableNames;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly table: FlowTable,
    private readonly symbols: FileSymbols,
    private readonly values: ValueKeys,
  ) {
    this.bindings = new Bindings(checker, table, symbols, values);
    this.callable = new CallableNames(checker, symbols);
  }

  /** Records the flows a node of the file makes into the table (the file's walk visits every node once). */
  visit(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.ObjectLiteralExpression:
        this.indexObjectLiteral(node as ts.ObjectLiteralExpression);
        break;
      case ts.SyntaxKind.BinaryExpression:
        this.indexAssignment(node as ts.BinaryExpression);
        break;
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        this.indexCall(node as ts.CallExpression | ts.NewExpression);
        break;
      case ts.SyntaxKind.VariableDeclaration:
      case ts.SyntaxKind.Parameter:
      case ts.SyntaxKind.BindingElement: {
        const d = node as ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement;
        // A binding element is bound from its declaration (bindName); its default is a value of its own.
        if (ts.isBindingElement(d)) {
          if (d.initializer && ts.isIdentifier(d.name)) this.bindings.pour([this.table.keyOf(d)], d.initializer);
        } else if (d.initializer || !ts.isIdentifier(d.name)) {
          this.bindings.bindName(d.name, d.initializer && { value: d.initializer, depth: 0 });
        }
        break;
      }
      case ts.SyntaxKind.PropertyDeclaration: {
        const d = node as ts.PropertyDeclaration;
        if (d.initializer) this.bindings.pour([declKey(d)], d.initializer);
        break;
      }
      // What a function returns, unless its return type holds no function (a synchronous
      // callback's result is no value anyone calls).
      case ts.SyntaxKind.ReturnStatement: {
        const r = node as ts.ReturnStatement;
        const fn = r.expression && enclosingFunction(r);
        if (fn && mayReturnFunction(fn)) this.bindings.pour(projectAll([functionKey(fn)], "()"), r.expression!);
        break;
      }
      case ts.SyntaxKind.ArrowFunction: {
        const fn = node as ts.ArrowFunction;
        if (!ts.isBlock(fn.body) && mayReturnFunction(fn)) this.bindings.pour(projectAll([functionKey(fn)], "()"), fn.body);
        break;
      }
      case ts.SyntaxKind.ForOfStatement: {
        const loop = node as ts.ForOfStatement;
        const each = this.bindings.iterated(loop.expression, 0);
        if (ts.isVariableDeclarationList(loop.initializer)) for (const d of loop.initializer.declarations) this.bindings.bindName(d.name, each);
        else this.bindings.pourSource(this.assignedKeys(loop.initializer), each);
        break;
      }
      default:
        if (ts.isClassLike(node)) this.indexClass(node);
    }
  }

  private indexObjectLiteral(obj: ts.ObjectLiteralExpression): void {
    // Plain data (`defineLock("l", { kind: "spinlock" })`) carries no function: no flow, and no
    // contextual type to ask for, which costs a resolution of the call it is an argument of.
    if (obj.properties.every(isPlainDataProperty)) return;
    // `const ops: Ops = {…}`: the annotation is the contextual type, read without the checker when certain.
    const holder = obj.parent;
    const declared = (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === obj ? annotatedType(holder.type, this.checker) : undefined;
    let contextual: ts.Type | undefined | null = null;
    for (const prop of obj.properties) {
      if (!prop.name || ts.isSpreadAssignment(prop)) continue;
      const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (!name) continue;
      // The member's own key (for calls through the literal itself) and every declared property
      // it is typed by, in each member of a union (`Ops | null`, `Ops | undefined`).
      const known = declared && propertyDeclarations(declared, name);
      if (!known && contextual === null) contextual = this.checker.getContextualType(obj);
      const targets = known ? this.symbols.modelKeys(known) : contextual ? this.symbols.propertyKeys(contextual, name) : [];
      if (ts.isPropertyAssignment(prop)) this.bindings.pour([declKey(prop), ...targets], prop.initializer);
      else if (ts.isShorthandPropertyAssignment(prop)) this.bindings.pourKeys([declKey(prop), ...targets], this.symbols.keysOfSymbol(this.checker.getShorthandAssignmentValueSymbol(prop)));
      else this.bindings.pourKeys(targets, [declKey(prop)]);
      if (targets.length === 0) {
        const sources = ts.isPropertyAssignment(prop) ? this.values.valueKeys(prop.initializer) : ts.isShorthandPropertyAssignment(prop) ? this.symbols.keysOfSymbol(this.checker.getShorthandAssignmentValueSymbol(prop)) : [declKey(prop)];
        this.table.addUntyped(name, sources);
      }
    }
  }

  private indexAssignment(assign: ts.BinaryExpression): void {
    const op = assign.operatorToken.kind;
    if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.QuestionQuestionEqualsToken && op !== ts.SyntaxKind.BarBarEqualsToken && op !== ts.SyntaxKind.AmpersandAmpersandEqualsToken) return;
    const targets = this.assignedKeys(assign.left);
    if (targets.length > 0) this.bindings.pour(targets, assign.right);
  }

  /** The keys an assignment to an expression writes: a variable, a property, a container's elements (`a[i] = f`). */
  private assignedKeys(target: ts.Node): readonly string[] {
    const left = ts.isExpression(target) ? skipOuter(target) : target;
    if (ts.isPropertyAccessExpression(left) || ts.isIdentifier(left)) return this.symbols.keysOf(left);
    if (ts.isElementAccessExpression(left)) return this.values.elementAccessKeys(left);
    return [];
  }

  /** Members implement or override the same-named members of every base class and interface. */
  private indexClass(cls: ts.ClassLikeDeclaration): void {
    const bases = (cls.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => new BaseType(t, this.checker)));
    if (bases.length === 0) return;
    for (const member of cls.members) {
      if (!member.name || ts.isConstructorDeclaration(member)) continue;
      const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
      if (!name) continue;
      const own = declKey(member);
      for (const base of bases) {
        for (const d of base.propertyDeclarations(name)) {
          if (d !== member && !d.getSourceFile().isDeclarationFile) this.table.addFlow(declKey(d), [own]);
        }
      }
    }
  }

  /**
   * A call's flows: function values passed as arguments flow into the callee's parameters; a
   * standard container's storing method (`push`, `add`, `set`) stores its argument as an element;
   * the callback of `forEach`, `map`… receives the container's elements.
   */
  private indexCall(call: ts.CallExpression | ts.NewExpression): void {
    const args = call.arguments ?? [];
    if (args.length === 0) return;
    const callee = skipOuter(call.expression);
    // A callee outside the model has no parameters to flow into (the primitives, `lock(L)`, are
    // such callees), but the standard containers' methods store and pass elements.
    const named = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    if (named && this.symbols.isOutside(named)) {
      const method = ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) ? callee : undefined;
      const stored = method && STORING_METHODS.get(method.name.text);
      const callback = method && ELEMENT_CALLBACKS.get(method.name.text);
      if (!method || (stored === undefined && callback === undefined)) return;
      const elements = projectAll(this.values.valueKeys(method.expression), "[]");
      if (stored !== undefined) for (const arg of args.slice(stored)) this.bindings.pour(elements, arg);
      if (callback !== undefined) this.bindings.pourIntoParameter(args[0], callback, { keys: elements });
      return;
    }
    // Resolving a call's signature is costly; most arguments are not functions at all.
    if (!args.some((a) => this.callable.mayPassFunction(a))) return;
    const decl = this.checker.getResolvedSignature(call)?.declaration;
    if (!decl || ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return;
    args.forEach((arg, i) => {
      const param = decl.parameters[Math.min(i, decl.parameters.length - 1)];
      if (!param || !isFunctionReference(arg)) return;
      // Arguments gathered by a rest parameter are its elements.
      const key = param.dotDotDotToken ? projected(declKey(param), "[]") : declKey(param);
      if (key) this.bindings.pour([key], arg);
    });
  }
}

/** A property whose value is a literal (a string, a number, a boolean, null): it holds no function and names none. */
function isPlainDataProperty(prop: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(prop)) return false;
  switch (skipOuter(prop.initializer).kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    default:
      return false;
  }
}

/** The function a return statement returns from. */
function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/**
 * A class's base or implemented type, by the heritage clause naming it: its properties read from
 * its declaration when the syntax names it for certain (names.ts namedType), else from the
 * checker's type, asked for once.
 */
class BaseType {
  private readonly declared: ts.ClassDeclaration | ts.InterfaceDeclaration | undefined;
  private type: ts.Type | undefined;

  constructor(
    private readonly clause: ts.ExpressionWithTypeArguments,
    private readonly checker: ts.TypeChecker,
  ) {
    this.declared = !clause.typeArguments && ts.isIdentifier(clause.expression) ? namedType(clause.expression, checker) : undefined;
  }

  /** The declarations of the property `name` of the type's instances (`type.getProperty(name)`). */
  propertyDeclarations(name: string): readonly ts.Declaration[] {
    const declared = this.declared && propertyDeclarations(this.declared, name);
    if (declared) return declared;
    this.type ??= this.checker.getTypeAtLocation(this.clause);
    return this.type.getProperty(name)?.declarations ?? [];
  }
}
