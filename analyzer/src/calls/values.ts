/**
 * The keys a function-valued expression stands for (docs/annotations.md#function-values):
 * functions, the declarations holding them, their projections (`k()`, what k's functions return;
 * `k[]`, the elements of the containers k holds); and what a callee names. The two need each
 * other: a call's value is what its callee returns, and a callee may be a computed value
 * (`make()()`, `handlers[i]()`).
 *
 * Owns: ValueKeys (valueKeys, calleeTarget, the bound on values computed from values),
 * CallResolution, projectAll, isShortCircuit. Must not: record flows (flowIndex.ts and
 * bindings.ts do), close the file's locals (fileDispatch.ts does, for the targets it hands out) or
 * look at locks.
 */
import { ts } from "@ts-morph/common";
import { functionKey, projected, type Projection } from "../keys";
import type { CallTarget } from "../model";
import { skipOuter } from "../tree";
import { directFunctions } from "./callable";
import { ELEMENT_METHODS, SAME_ELEMENTS_METHODS } from "./containers";
import type { FileSymbols } from "./symbols";

/** What a call names: model declarations, or only functions outside the model (lib), which take no lock. */
export type CallResolution = { readonly target: CallTarget; readonly direct: ts.Node[] } | "outside";

/** How deep valueKeys follows values computed from values (see valueKeys). */
const MAX_VALUE_NESTING = 32;

export class ValueKeys {
  /** valueKeys of each call or element access asked. */
  private readonly values = new Map<ts.Expression, readonly string[]>();
  /** How many valueKeys calls enclose the current one. */
  private nesting = 0;

  constructor(private readonly symbols: FileSymbols) {}

  /**
   * The keys a function-valued expression stands for: functions, declarations holding them, their
   * projections. Computed once per expression (a chain `f()()()…` asks again for each link). A
   * value computed through more than MAX_VALUE_NESTING nested calls or element accesses is not
   * followed: each level is a call of this method.
   */
  valueKeys(expr: ts.Expression): readonly string[] {
    // Only values computed from values (calls, elements) can be asked again down a chain.
    const computed = ts.isCallExpression(expr) || ts.isElementAccessExpression(expr);
    let keys = computed ? this.values.get(expr) : undefined;
    if (keys) return keys;
    if (this.nesting >= MAX_VALUE_NESTING) return [];
    this.nesting++;
    try {
      keys = this.valueKeysIn(expr);
    } finally {
      this.nesting--;
    }
    if (computed) this.values.set(expr, keys);
    return keys;
  }

  /** `o["hook"]` names a property; `a[i]` and `a[0]` an element of a. */
  elementAccessKeys(e: ts.ElementAccessExpression): readonly string[] {
    const keys = this.symbols.namesProperty(e) ? this.symbols.keysOf(e.argumentExpression) : [];
    return keys.length > 0 ? keys : projectAll(this.valueKeys(e.expression), "[]");
  }

  /**
   * What a callee names, and the declarations it resolves to directly (whose annotations change the
   * caller's held set); "outside" when it names only functions outside the model, undefined when
   * it names nothing at all (an unresolved call). The file's locals are left in the keys.
   */
  calleeTarget(expr: ts.Expression): CallResolution | undefined {
    let callee = skipOuter(expr);
    // `f.call(this, …)` and `f.apply(this, args)` call f.
    while (ts.isPropertyAccessExpression(callee) && (callee.name.text === "call" || callee.name.text === "apply") && this.symbols.isOutside(callee.name)) callee = skipOuter(callee.expression);
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return { target: { keys: [functionKey(callee)], exact: true }, direct: [callee] };
    if (ts.isCallExpression(callee) || (ts.isElementAccessExpression(callee) && !this.symbols.namesProperty(callee))) {
      // A function value computed by the callee: a call's result, a container's element.
      const keys = this.valueKeys(callee);
      return keys.length > 0 ? { target: { keys }, direct: [] } : undefined;
    }
    const named = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : callee;
    const sym = this.symbols.symbolOf(named);
    const declared = sym?.declarations ?? [];
    const all = ts.isPropertyAccessExpression(callee) && declared.length > 1 ? this.symbols.runs(callee.expression, declared) : declared;
    const decls = all.filter((d) => !d.getSourceFile().isDeclarationFile);
    if (decls.length === 0 && all.length > 0) return "outside";
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (decls.length === 0 && !name) return undefined;
    const exact = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword;
    return { target: { keys: this.symbols.keysOfDeclarations(all), ...(name ? { name } : {}), ...(exact ? { exact } : {}) }, direct: directFunctions(decls) };
  }

  private valueKeysIn(expr: ts.Expression): string[] {
    const out = new Set<string>();
    const pending = [expr];
    while (pending.length > 0) {
      const e = skipOuter(pending.pop()!);
      if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) out.add(functionKey(e));
      else if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) for (const k of this.symbols.keysOf(e)) out.add(k);
      else if (ts.isElementAccessExpression(e)) for (const k of this.elementAccessKeys(e)) out.add(k);
      else if (ts.isConditionalExpression(e)) pending.push(e.whenTrue, e.whenFalse);
      else if (ts.isBinaryExpression(e) && isShortCircuit(e.operatorToken.kind)) pending.push(e.left, e.right);
      else if (ts.isCallExpression(e)) for (const k of this.returnedKeys(e)) out.add(k);
    }
    return [...out];
  }

  /**
   * What a call returns, as keys: `f.bind(o)` is f; an element of a standard container
   * (`m.get(k)`, `a.at(i)`) is the container's elements; a container of the same elements
   * (`a.slice()`, `m.values()`) is the container; a call of the model returns its callees' `()`.
   */
  private returnedKeys(call: ts.CallExpression): readonly string[] {
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      if ((name === "bind" || ELEMENT_METHODS.has(name) || SAME_ELEMENTS_METHODS.has(name)) && this.symbols.isOutside(callee.name)) {
        const holder = this.valueKeys(callee.expression);
        return ELEMENT_METHODS.has(name) ? projectAll(holder, "[]") : holder;
      }
    }
    const resolution = this.calleeTarget(call.expression);
    return resolution === undefined || resolution === "outside" ? [] : projectAll(resolution.target.keys, "()");
  }
}

/** Each key's projection (those past the bound on projections left out). */
export function projectAll(keys: readonly string[], projection: Projection): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const p = projected(k, projection);
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** `||`, `??`, `&&`: the value is either side. */
export function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.AmpersandAmpersandToken;
}
