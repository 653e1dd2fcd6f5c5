/**
 * Function discovery: which nodes of the model are functions of their own, and their names.
 *
 * Owns: the rule (docs/annotations.md#callbacks) that a function or arrow expression passed directly as an argument
 * to a call (other than a deferring API) is a synchronous callback, analysed inside its caller,
 * while every other function is analysed on its own.
 * Must not: parse annotations or walk bodies.
 */
import { ts } from "@ts-morph/common";
import type { Site } from "./model";
import { siteOf } from "./tree";

const DEFERRING_FUNCTIONS = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask"]);
const DEFERRING_METHODS = new Set(["then", "catch", "finally", "nextTick"]);

/** Whether a call runs its function arguments later, with nothing held (docs/annotations.md#callbacks). */
function isDeferringCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return DEFERRING_FUNCTIONS.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) {
    const name = callee.name.text;
    if (name === "nextTick") return ts.isIdentifier(callee.expression) && callee.expression.text === "process";
    return DEFERRING_METHODS.has(name) || DEFERRING_FUNCTIONS.has(name);
  }
  return false;
}

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node)
  );
}

/** A function expression passed straight to a call that runs it synchronously. */
export function isSynchronousCallback(node: ts.Node): boolean {
  if (!ts.isFunctionExpression(node) && !ts.isArrowFunction(node)) return false;
  let arg: ts.Node = node;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call))) return false;
  if (!call.arguments?.includes(arg as ts.Expression)) return false;
  return !isDeferringCall(call);
}

/** The display name of a function: `Class.method`, `name`, `ops.openDevice`, `<anonymous>`. */
export function functionName(node: FunctionNode): string {
  const owner = (cls: ts.ClassLikeDeclaration | undefined) => cls?.name?.text ?? "<anonymous class>";
  if (ts.isConstructorDeclaration(node)) return `${owner(node.parent)}.constructor`;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    const member = propertyNameText(node.name);
    if (ts.isClassLike(node.parent)) return `${owner(node.parent)}.${member}`;
    if (ts.isObjectLiteralExpression(node.parent)) return `${objectLiteralName(node.parent)}.${member}`;
    return member;
  }
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? "default";
  if (node.name) return node.name.text;
  // A function or arrow expression: named by what it is stored in.
  let holder: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  if (ts.isPropertyDeclaration(holder) && ts.isClassLike(holder.parent)) return `${owner(holder.parent)}.${propertyNameText(holder.name)}`;
  if (ts.isPropertyAssignment(holder) && ts.isObjectLiteralExpression(holder.parent)) {
    return `${objectLiteralName(holder.parent)}.${propertyNameText(holder.name)}`;
  }
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return holder.left.getText().replace(/\s+/g, "");
  }
  return `<anonymous>`;
}

function objectLiteralName(obj: ts.ObjectLiteralExpression): string {
  let holder: ts.Node = obj.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
  if ((ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.name) return propertyNameText(holder.name);
  if (ts.isBinaryExpression(holder)) return holder.left.getText().replace(/\s+/g, "");
  return "<object>";
}

export function propertyNameText(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return name.getText();
}

/** Where a diagnostic about the function goes (docs/diagnostics.md: "the function's name"). */
export function functionNameSite(node: FunctionNode, sf: ts.SourceFile): Site {
  if (ts.isConstructorDeclaration(node)) {
    // The `constructor` keyword, the first token after the modifiers and decorators; scanned, as
    // the token itself is a node only once `getChildren` has made nodes of every token.
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, sf.text, undefined, node.modifiers?.end ?? node.pos);
    const isKeyword = scanner.scan() === ts.SyntaxKind.ConstructorKeyword;
    return isKeyword ? { sf, start: scanner.getTokenStart(), end: scanner.getTokenEnd() } : siteOf(node, sf);
  }
  return siteOf(functionNameNode(node), sf);
}

function functionNameNode(node: Exclude<FunctionNode, ts.ConstructorDeclaration>): ts.Node {
  if (node.name) return node.name;
  let holder: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) && holder.name) return holder.name;
  if (ts.isBinaryExpression(holder)) return holder.left;
  return node;
}
