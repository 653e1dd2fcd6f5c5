/**
 * The boolean forms the flow walk sees through, and which trylock result a value carries
 * (docs/annotations.md#trylock-results): literal truth (`0`, `true`, `null`…), negation,
 * comparison with `true`/`false`, and `c ? true : false`. A trylock result here is the result of
 * any primitive that may fail to take its lock: `tryLock` and `lockInterruptible`.
 *
 * Owns: which primitives those are; reading those forms: a literal condition's truth, the operand
 * of a comparison with a boolean, the trylock call a stored value is the result of, the fact a
 * value carries.
 * Must not: walk, change a state or report anything (the walker and the primitives do).
 */
import { ts } from "@ts-morph/common";
import { lockorderExport } from "../imports";
import type { LockUse } from "../model";
import { skipOuter } from "../tree";
import { symbolAt } from "../names";
import type { Fact, State } from "./heldSet";

/** The truth of a literal condition (`0`, `1`, `true`, `null`, `""`…), if it is one. */
export function constantTruth(n: ts.Expression): boolean | undefined {
  switch (n.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return false;
    case ts.SyntaxKind.NumericLiteral:
      return Number((n as ts.NumericLiteral).text) !== 0;
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return (n as ts.StringLiteral).text !== "";
    default:
      return ts.isIdentifier(n) && n.text === "undefined" ? false : undefined;
  }
}

/** `x === true`, `false != x` …: the operand and whether the comparison keeps its truth. */
export function comparisonWithBoolean(n: ts.BinaryExpression): { operand: ts.Expression; sameAsOperand: boolean } | undefined {
  const op = n.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const literal = (x: ts.Expression) => (x.kind === ts.SyntaxKind.TrueKeyword ? true : x.kind === ts.SyntaxKind.FalseKeyword ? false : undefined);
  const r = literal(n.right);
  const l = literal(n.left);
  const value = r ?? l;
  if (value === undefined) return undefined;
  return { operand: r !== undefined ? n.left : n.right, sameAsOperand: equal === value };
}

/**
 * The primitives whose boolean result says whether they took their lock, which is held only where
 * that result is known true: `tryLock`, and `lockInterruptible`, which waits like `lock` but may
 * be interrupted (docs/annotations.md#primitives).
 */
export const CONDITIONAL_PRIMITIVES: readonly string[] = ["tryLock", "lockInterruptible"];

/** Whether a call is one of the CONDITIONAL_PRIMITIVES. */
export function isConditionalAcquire(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const name = lockorderExport(call.expression, checker);
  return name !== undefined && CONDITIONAL_PRIMITIVES.includes(name);
}

/** The trylock call whose result a boolean expression is, if it is one. */
export function trylockInside(value: ts.Expression, checker: ts.TypeChecker): ts.CallExpression | undefined {
  const v = skipOuter(value);
  if (ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.ExclamationToken) return trylockInside(v.operand, checker);
  if (ts.isConditionalExpression(v)) {
    const arms = [constantTruth(v.whenTrue), constantTruth(v.whenFalse)];
    return arms[0] !== undefined && arms[1] === !arms[0] ? trylockInside(v.condition, checker) : undefined;
  }
  if (ts.isBinaryExpression(v)) {
    const compared = comparisonWithBoolean(v);
    return compared && trylockInside(compared.operand, checker);
  }
  return ts.isCallExpression(v) && isConditionalAcquire(v, checker) ? v : undefined;
}

/**
 * The fact a value carries: a trylock call's result (`tryUseOf` knows the lock each walked trylock
 * call tried), a local holding one, or either through the boolean forms above.
 */
export function factOf(value: ts.Expression, st: State, checker: ts.TypeChecker, tryUseOf: (call: ts.CallExpression) => LockUse | undefined): Fact | undefined {
  const v = skipOuter(value);
  if (ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = factOf(v.operand, st, checker, tryUseOf);
    return inner && { use: inner.use, when: !inner.when };
  }
  if (ts.isCallExpression(v)) {
    const use = tryUseOf(v);
    return use && { use, when: true };
  }
  if (ts.isConditionalExpression(v)) {
    // `tryLock(L) ? true : false` and its negation.
    const arms = [constantTruth(v.whenTrue), constantTruth(v.whenFalse)];
    const inner = arms[0] !== undefined && arms[1] === !arms[0] ? factOf(v.condition, st, checker, tryUseOf) : undefined;
    return inner && { use: inner.use, when: arms[0] ? inner.when : !inner.when };
  }
  if (ts.isBinaryExpression(v)) {
    const compared = comparisonWithBoolean(v);
    const inner = compared && factOf(compared.operand, st, checker, tryUseOf);
    return inner && { use: inner.use, when: compared.sameAsOperand ? inner.when : !inner.when };
  }
  if (ts.isIdentifier(v) && st.facts.size > 0) {
    const sym = symbolAt(checker, v);
    const fact = sym && st.facts.get(sym);
    return fact && { use: fact.use, when: fact.when };
  }
  return undefined;
}
