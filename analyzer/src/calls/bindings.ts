/**
 * How a value reaches the declarations it flows into: an expression poured into target keys
 * (through conditionals and `||`/`??`/`&&`, array literals and spreads, container constructors and
 * chained stores, `depth` elements down), a name or destructuring pattern bound to a value, a
 * callback's parameter bound to what it is called with, and what `for…of`, a spread and a
 * container constructor take from a container.
 *
 * Owns: Bindings. Must not: decide which syntax makes a flow (flowIndex.ts does),
 * resolve call targets or look at locks.
 */
import { ts } from "@ts-morph/common";
import type { FunctionNode } from "../functions";
import { skipOuter } from "../tree";
import { directFunctions } from "./callable";
import { chainedStore, containerMade, isMapType } from "./containers";
import type { FlowTable } from "./fileFlows";
import type { FileSymbols } from "./symbols";
import { isShortCircuit, projectAll, type ValueKeys } from "./values";

/** A value: an expression's, `depth` elements down. */
type ValueSource = { readonly value: ts.Expression; readonly depth: number };
/** Where a bound name's value comes from: an expression, or keys. */
type Source = ValueSource | { readonly keys: readonly string[] };

export class Bindings {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly table: FlowTable,
    private readonly symbols: FileSymbols,
    private readonly values: ValueKeys,
  ) {}

  /**
   * The value of an expression, `depth` elements down, flows into the targets. Array literals,
   * spreads and container constructors put their elements into the targets' elements.
   */
  pour(targets: readonly string[], value: ts.Expression, depth = 0): void {
    const pending: [readonly string[], ts.Expression, number][] = [[targets, value, depth]];
    while (pending.length > 0) {
      const [to, expr, d] = pending.pop()!;
      if (to.length === 0) continue;
      const e = skipOuter(expr);
      // A container made here: its elements go into the targets' elements (at depth 0), or are
      // the values wanted (deeper).
      const inner = d === 0 ? projectAll(to, "[]") : to;
      const below = Math.max(d - 1, 0);
      if (ts.isArrayLiteralExpression(e)) {
        for (const el of e.elements) {
          if (ts.isSpreadElement(el)) {
            const s = this.iterated(el.expression, below);
            pending.push([inner, s.value, s.depth]);
          } else pending.push([inner, el, below]);
        }
      } else if (ts.isConditionalExpression(e)) {
        pending.push([to, e.whenTrue, d], [to, e.whenFalse, d]);
      } else if (ts.isBinaryExpression(e) && isShortCircuit(e.operatorToken.kind)) {
        pending.push([to, e.left, d], [to, e.right, d]);
      } else {
        const made = containerMade(e, this.symbols);
        if (made) {
          const s = this.iterated(made.from, below + made.entries);
          pending.push([inner, s.value, s.depth]);
          continue;
        }
        // `new Map().set(k, f)`, `new Set().add(f)`, `a.fill(f)`: the container, with f stored in it.
        const store = chainedStore(e, this.symbols);
        if (store) {
          for (const arg of store.stored) pending.push([inner, arg, below]);
          pending.push([to, store.container, d]);
          continue;
        }
        let keys = this.values.valueKeys(e);
        for (let i = 0; i < d; i++) keys = projectAll(keys, "[]");
        this.pourKeys(to, keys);
      }
    }
  }

  pourKeys(targets: readonly string[], sources: readonly string[]): void {
    for (const t of targets) this.table.addFlow(t, sources);
  }

  pourSource(targets: readonly string[], source: Source): void {
    if ("keys" in source) this.pourKeys(targets, source.keys);
    else this.pour(targets, source.value, source.depth);
  }

  /**
   * Binds a declaration's name (an identifier, or a destructuring pattern at any depth) to a value.
   * Object patterns take each property's declarations from the pattern's type; array patterns
   * take the value's elements. A pattern without a value (a destructured parameter) still reads
   * its properties' declarations.
   */
  bindName(root: ts.BindingName, rootSource: Source | undefined): void {
    const pending: [ts.BindingName, Source | undefined][] = [[root, rootSource]];
    while (pending.length > 0) {
      const [name, source] = pending.pop()!;
      if (ts.isIdentifier(name)) {
        if (source) this.pourSource([this.table.keyOf(name.parent)], source);
      } else if (ts.isObjectBindingPattern(name)) {
        const type = this.checker.getTypeAtLocation(name).getNonNullableType();
        for (const element of name.elements) {
          const property = element.propertyName ?? element.name;
          const text = ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
          if (element.dotDotDotToken || text === undefined) continue;
          pending.push([element.name, { keys: this.symbols.propertyKeys(type, text) }]);
        }
      } else if (source) {
        for (const element of name.elements) {
          if (ts.isOmittedExpression(element)) continue;
          // `[first, ...rest]`: first is an element; rest holds the same elements.
          pending.push([element.name, element.dotDotDotToken ? source : deeper(source)]);
        }
      }
    }
  }

  /** The parameter of a callback (a function expression, or a reference to a function) receives a value. */
  pourIntoParameter(callback: ts.Expression | undefined, index: number, source: Source): void {
    if (!callback) return;
    const e = skipOuter(callback);
    const fns: FunctionNode[] = ts.isFunctionExpression(e) || ts.isArrowFunction(e) ? [e] : directFunctions(this.symbols.symbolOf(e)?.declarations ?? []);
    for (const fn of fns) {
      const param = fn.parameters[index];
      if (param && !param.getSourceFile().isDeclarationFile) this.bindName(param.name, source);
    }
  }

  /** What `for (x of e)`, `[...e]` and `new Set(e)` take from `e`, `depth` elements further down. */
  iterated(e: ts.Expression, depth: number): ValueSource {
    const inner = skipOuter(e);
    // A map iterates over its entries; an entry's elements are the map's values, so an entry is
    // taken as the map itself (as `entries()` of a map or an array).
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === "entries" && this.symbols.isOutside(inner.expression.name)) {
      return { value: inner.expression.expression, depth };
    }
    if (!ts.isArrayLiteralExpression(inner) && isMapType(this.checker.getTypeAtLocation(inner))) return { value: inner, depth };
    return { value: inner, depth: depth + 1 };
  }
}

function deeper(source: Source): Source {
  return "keys" in source ? { keys: projectAll(source.keys, "[]") } : { value: source.value, depth: source.depth + 1 };
}
