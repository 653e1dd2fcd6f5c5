/**
 * Whether a value may be a function, by its syntax where that tells and by its type otherwise, so
 * that the index resolves a call's signature only when an argument may pass a function (locks,
 * passed everywhere, never do) and follows only the returns that may be functions; and the
 * function a declaration is (`function f`, `const f = () => …`).
 *
 * Owns: isFunctionReference, mayReturnFunction, directFunction(s), CallableNames (a name's
 * answer, asked of the checker once per symbol and file). Must not: compute keys, record flows or
 * look at locks.
 */
import { ts } from "@ts-morph/common";
import { isFunctionNode, isSynchronousCallback, type FunctionNode } from "../functions";
import { skipOuter } from "../tree";
import type { FileSymbols } from "./symbols";

/** The function a declaration is: itself, or its function-valued initialiser (`const f = () => …`). */
export function directFunction(decl: ts.Node): FunctionNode | undefined {
  if (isFunctionNode(decl)) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  }
  return undefined;
}

/** The functions among declarations (see directFunction). */
export function directFunctions(decls: readonly ts.Node[]): FunctionNode[] {
  return decls.map(directFunction).filter((d): d is FunctionNode => d !== undefined);
}

/** Whether what a function returns may be a function (a synchronous callback's result is no value anyone calls). */
export function mayReturnFunction(fn: FunctionNode): boolean {
  return !isSynchronousCallback(fn) && (!fn.type || typeNodeSaysCallable(fn.type) !== false);
}

/** An argument that passes an existing function or functions (not a function expression analysed inline). */
export function isFunctionReference(arg: ts.Expression): boolean {
  const e = skipOuter(arg);
  if (isSynchronousCallback(e)) return false;
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isArrayLiteralExpression(e) ||
    (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "bind");
}

/** Whether a name may hold a function, remembered per symbol. */
export class CallableNames {
  private readonly callableSymbols = new Map<ts.Symbol, boolean>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly symbols: FileSymbols,
  ) {}

  /**
   * Whether an argument may pass a function: a function expression or call is taken as one; a
   * name is judged from its declarations where the syntax tells (a function, a function-valued
   * initialiser, a function type, a plain value), and by its declared type otherwise (asked of the
   * checker once per name and file: locks, passed everywhere, are such names).
   */
  mayPassFunction(arg: ts.Expression): boolean {
    if (!isFunctionReference(arg)) return false;
    const e = skipOuter(arg);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isCallExpression(e)) return true;
    // The elements of an array literal, one level down (`run([a, b])`).
    if (ts.isArrayLiteralExpression(e)) return e.elements.some((el) => !ts.isArrayLiteralExpression(skipOuter(el)) && !ts.isSpreadElement(el) && this.mayPassFunction(el));
    const sym = this.symbols.symbolOf(e);
    if (!sym) return false;
    let callable = this.callableSymbols.get(sym);
    if (callable === undefined) {
      let ask = false;
      for (const d of sym.declarations ?? []) {
        const says = this.declarationSaysCallable(d);
        if (says) callable = true;
        else if (says === undefined) ask = true;
      }
      callable ??= ask && mayBeCallable(this.checker.getTypeOfSymbol(sym), this.checker);
      this.callableSymbols.set(sym, callable);
    }
    return callable;
  }

  /** Whether a declaration holds a function, by its syntax; undefined when the syntax does not tell. */
  private declarationSaysCallable(d: ts.Declaration): boolean | undefined {
    if (isFunctionNode(d) || ts.isMethodSignature(d) || ts.isFunctionDeclaration(d)) return true;
    if (ts.isClassLike(d) || ts.isEnumDeclaration(d) || ts.isModuleDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)) return false;
    const typed = d as ts.Node & { type?: ts.TypeNode; initializer?: ts.Expression };
    if (typed.type) return typeNodeSaysCallable(typed.type) ?? mayBeCallable(this.checker.getTypeFromTypeNode(typed.type), this.checker);
    if (typed.initializer) {
      const init = skipOuter(typed.initializer);
      if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return true;
      if (isPlainValue(init)) return false;
    }
    return undefined;
  }
}

/** A literal or construction that is never a function. */
function isPlainValue(e: ts.Expression): boolean {
  return ts.isLiteralExpression(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) || ts.isNewExpression(e) || ts.isTemplateExpression(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * Whether a type annotation may hold functions: a function type, or a union or container of them
 * (`(() => void) | null`, `Hook[]`, `Map<string, Hook>`); false for one that cannot (`number`,
 * `void`); undefined when a named type needs the checker.
 */
function typeNodeSaysCallable(node: ts.TypeNode): boolean | undefined {
  let ask = false;
  const pending = [node];
  while (pending.length > 0) {
    const t = pending.pop()!;
    if (ts.isFunctionTypeNode(t) || ts.isConstructorTypeNode(t)) return true;
    if (ts.isParenthesizedTypeNode(t) || ts.isTypeOperatorNode(t) || ts.isOptionalTypeNode(t) || ts.isRestTypeNode(t) || ts.isNamedTupleMember(t)) pending.push(t.type);
    else if (ts.isArrayTypeNode(t)) pending.push(t.elementType);
    else if (ts.isTupleTypeNode(t)) pending.push(...t.elements);
    else if (ts.isUnionTypeNode(t) || ts.isIntersectionTypeNode(t)) pending.push(...t.types);
    else if (ts.isTypeReferenceNode(t)) {
      ask = true;
      pending.push(...(t.typeArguments ?? []));
    } else if (ts.isTypeQueryNode(t) || ts.isIndexedAccessTypeNode(t) || ts.isConditionalTypeNode(t) || ts.isMappedTypeNode(t) || ts.isTypeLiteralNode(t)) ask = true;
  }
  return ask ? undefined : false;
}

/** Whether a value of a type may be a function or a container of functions (`any` may). */
function mayBeCallable(type: ts.Type, checker: ts.TypeChecker): boolean {
  const pending = [type];
  // Type arguments are followed a few levels down (an element type, a map's value type).
  for (let budget = 16; pending.length > 0 && budget > 0; budget--) {
    const t = pending.pop()!;
    if (t.flags & ts.TypeFlags.Any || t.getCallSignatures().length > 0) return true;
    if (t.isUnionOrIntersection()) pending.push(...t.types);
    else if (t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) pending.push(...checker.getTypeArguments(t as ts.TypeReference));
  }
  return false;
}
