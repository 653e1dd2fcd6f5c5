/**
 * The standard containers as dispatch knows them (docs/annotations.md#function-values): which
 * methods of arrays, sets and maps store their arguments as elements, return one of their
 * elements or a container of the same elements, or call a callback with each element; which
 * constructors (and `Array.from`) make a container of another's elements; which types are maps
 * (a map iterates over entries, whose elements are its values).
 *
 * Owns: that knowledge of the standard library. Must not: resolve names itself (whether a name is
 * the standard library's is the caller's FileSymbols' answer), compute keys, record flows or look
 * at locks.
 */
import { ts } from "@ts-morph/common";
import type { FileSymbols } from "./symbols";

/** Methods of the standard containers that store their arguments as elements: name → first stored argument. */
export const STORING_METHODS = new Map([["push", 0], ["unshift", 0], ["add", 0], ["set", 1], ["fill", 0], ["splice", 2]]);
/** The storing methods that return the container (`new Map().set(k, f).set(…)`). */
const RETURNS_CONTAINER = new Set(["add", "set", "fill"]);
/** Methods of the standard containers that return one of their elements. */
export const ELEMENT_METHODS = new Set(["get", "at", "find", "findLast", "pop", "shift"]);
/** Methods of the standard containers that return a container of (some of) the same elements. */
export const SAME_ELEMENTS_METHODS = new Set(["values", "slice", "filter", "concat", "reverse", "sort", "toSorted", "toReversed", "entries"]);
/** Methods of the standard containers that call a callback with each element: name → the element's parameter. */
export const ELEMENT_CALLBACKS = new Map([
  ["forEach", 0], ["map", 0], ["flatMap", 0], ["filter", 0], ["some", 0], ["every", 0],
  ["find", 0], ["findIndex", 0], ["findLast", 0], ["findLastIndex", 0], ["reduce", 1], ["reduceRight", 1],
]);
/** Standard container constructors, by how deep their argument's elements are stored: `new Set(values)`, `new Map(entries)`. */
const CONTAINER_CONSTRUCTORS = new Map([["Set", 0], ["WeakSet", 0], ["Map", 1], ["WeakMap", 1]]);

/** A standard container's storing method that returns the container itself: the container, and what it stores. */
export function chainedStore(e: ts.Expression, symbols: FileSymbols): { container: ts.Expression; stored: readonly ts.Expression[] } | undefined {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !RETURNS_CONTAINER.has(e.expression.name.text)) return undefined;
  if (!symbols.isOutside(e.expression.name)) return undefined;
  return { container: e.expression.expression, stored: e.arguments.slice(STORING_METHODS.get(e.expression.name.text)) };
}

/** `new Set(e)`, `new Map(e)`, `Array.from(e)` of the standard library: what they are made from. */
export function containerMade(e: ts.Expression, symbols: FileSymbols): { from: ts.Expression; entries: number } | undefined {
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.arguments?.length) {
    const entries = CONTAINER_CONSTRUCTORS.get(e.expression.text);
    if (entries !== undefined && symbols.isOutside(e.expression)) return { from: e.arguments[0], entries };
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "from" && e.arguments.length > 0) {
    if (ts.isIdentifier(e.expression.expression) && e.expression.expression.text === "Array" && symbols.isOutside(e.expression.name)) return { from: e.arguments[0], entries: 0 };
  }
  return undefined;
}

export function isMapType(type: ts.Type): boolean {
  const name = type.getNonNullableType().getSymbol()?.getName();
  return name === "Map" || name === "ReadonlyMap";
}
