/**
 * Call resolution (docs/annotations.md#dispatch) in two halves. Per file, with the type checker:
 * what each call names (the keys of the declarations its callee resolves to, a CallTarget, or
 * "outside" when only the standard library or declaration files) and which function values flow
 * into which declarations (object-literal ops tables, assignments, initialisers, class members
 * implementing or overriding base members, arguments into parameters, destructuring, return
 * values `k()`, the elements `k[]` of arrays, sets and maps; docs/annotations.md#function-values).
 * Flows between a body's own locals are closed within the file and never leave it. At link time,
 * without the checker: the closure of the files' flows from a call's keys to every function it
 * may reach.
 *
 * Owns: dispatch. Must not: look at locks. Keys (keys.ts) instead of nodes let one file's summary
 * survive another file's re-parse. Every walk (values, flows, closures) is iterative or bounded.
 */
import { ts } from "@ts-morph/common";
import { declKey, functionKey, projected, projectionSplits, unprojected, withProjections, type Projection } from "./keys";
import { isFunctionNode, isSynchronousCallback, type FunctionNode } from "./functions";
import type { CallTarget } from "./model";
import { forEachDescendant, skipOuter } from "./tree";

/** One file's contribution to the dispatch index. */
export interface FileFlows {
  /** Target declaration key ← source keys. */
  readonly flows: [string, string[]][];
  /** Object-literal members with no declared property to flow into: name ← source keys. */
  readonly untyped: [string, string[]][];
}

/** What a call names: model declarations, or only functions outside the model (lib), which take no lock. */
export type CallResolution = { readonly target: CallTarget; readonly direct: ts.Node[] } | "outside";

/** Methods of the standard containers that store their arguments as elements: name → first stored argument. */
const STORING_METHODS = new Map([["push", 0], ["unshift", 0], ["add", 0], ["set", 1], ["fill", 0], ["splice", 2]]);
/** The storing methods that return the container (`new Map().set(k, f).set(…)`). */
const RETURNS_CONTAINER = new Set(["add", "set", "fill"]);
/** Methods of the standard containers that return one of their elements. */
const ELEMENT_METHODS = new Set(["get", "at", "find", "findLast", "pop", "shift"]);
/** Methods of the standard containers that return a container of (some of) the same elements. */
const SAME_ELEMENTS_METHODS = new Set(["values", "slice", "filter", "concat", "reverse", "sort", "toSorted", "toReversed", "entries"]);
/** Methods of the standard containers that call a callback with each element: name → the element's parameter. */
const ELEMENT_CALLBACKS = new Map([
  ["forEach", 0], ["map", 0], ["flatMap", 0], ["filter", 0], ["some", 0], ["every", 0],
  ["find", 0], ["findIndex", 0], ["findLast", 0], ["findLastIndex", 0], ["reduce", 1], ["reduceRight", 1],
]);
/** Standard container constructors, by how deep their argument's elements are stored: `new Set(values)`, `new Map(entries)`. */
const CONTAINER_CONSTRUCTORS = new Map([["Set", 0], ["WeakSet", 0], ["Map", 1], ["WeakMap", 1]]);
/** How deep valueKeys follows values computed from values (see valueKeys). */
const MAX_VALUE_NESTING = 32;

export class FileDispatch {
  private readonly flows = new Map<string, Set<string>>();
  private readonly untyped = new Map<string, Set<string>>();
  /** Whether a name may hold a function (see mayPassFunction). */
  private readonly callableSymbols = new Map<ts.Symbol, boolean>();
  /** The keys of the locals of function bodies met, and of those holding a function of their own. */
  private readonly locals = new Set<string>();
  private readonly localFunctions = new Set<string>();
  /** closeLocals of each key asked. */
  private readonly closed = new Map<string, string[]>();
  /** valueKeys of each call or element access asked. */
  private readonly values = new Map<ts.Expression, readonly string[]>();
  /** How many valueKeys calls enclose the current one. */
  private nesting = 0;

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
            if (d.initializer && ts.isIdentifier(d.name)) this.pour([this.keyOf(d)], d.initializer);
          } else if (d.initializer || !ts.isIdentifier(d.name)) {
            this.bindName(d.name, d.initializer && { value: d.initializer, depth: 0 });
          }
          break;
        }
        case ts.SyntaxKind.PropertyDeclaration: {
          const d = node as ts.PropertyDeclaration;
          if (d.initializer) this.pour([declKey(d)], d.initializer);
          break;
        }
        // What a function returns, unless its return type holds no function (a synchronous
        // callback's result is no value anyone calls).
        case ts.SyntaxKind.ReturnStatement: {
          const r = node as ts.ReturnStatement;
          const fn = r.expression && enclosingFunction(r);
          if (fn && mayReturnFunction(fn)) this.pour(projectAll([functionKey(fn)], "()"), r.expression!);
          break;
        }
        case ts.SyntaxKind.ArrowFunction: {
          const fn = node as ts.ArrowFunction;
          if (!ts.isBlock(fn.body) && mayReturnFunction(fn)) this.pour(projectAll([functionKey(fn)], "()"), fn.body);
          break;
        }
        case ts.SyntaxKind.ForOfStatement: {
          const loop = node as ts.ForOfStatement;
          const each = this.iterated(loop.expression, 0);
          if (ts.isVariableDeclarationList(loop.initializer)) for (const d of loop.initializer.declarations) this.bindName(d.name, each);
          else this.pourSource(this.assignedKeys(loop.initializer), each);
          break;
        }
        default:
          if (ts.isClassLike(node)) this.indexClass(node);
      }
    });
    // Only flows into what other files can reach leave the file, closed over the file's locals.
    const flows: [string, string[]][] = [];
    for (const [target, sources] of this.flows) {
      if (this.isLocal(target)) continue;
      const closed = this.closeLocals([...sources]);
      if (closed.length > 0) flows.push([target, closed]);
    }
    return { flows, untyped: [...this.untyped].map(([k, v]) => [k, this.closeLocals([...v])]) };
  }

  /** A declaration's key; a local's is remembered (see isLocal). */
  private keyOf(decl: ts.Node): string {
    const key = declKey(decl);
    if (isLocalDeclaration(decl)) {
      this.locals.add(key);
      const init = ts.isVariableDeclaration(decl) && decl.initializer && skipOuter(decl.initializer);
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) this.localFunctions.add(key);
    }
    return key;
  }

  /** Whether a key (or the key it projects) is a local of a function body of this file. */
  private isLocal(key: string): boolean {
    return this.locals.size > 0 && this.locals.has(unprojected(key));
  }

  /**
   * Keys with the file's locals replaced by what flows into them, in this file (no other file can
   * name a local): so flows between a body's locals stay out of the file's summary, and an edit of
   * them does not change what the file says to others. A local holding a function of its own
   * (`const f = () => …`) stays, as the function's key.
   */
  private closeLocals(keys: readonly string[]): string[] {
    if (!keys.some((k) => this.isLocal(k))) return [...keys];
    const out = new Set<string>();
    for (const key of keys) {
      let closed = this.closed.get(key);
      if (!closed) this.closed.set(key, (closed = this.closeLocal(key)));
      for (const k of closed) out.add(k);
    }
    return [...out];
  }

  private closeLocal(key: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const pending = [key];
    while (pending.length > 0) {
      const k = pending.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      if (!this.isLocal(k) || this.localFunctions.has(k)) out.push(k);
      if (!this.isLocal(k)) continue;
      for (const s of this.flows.get(k) ?? []) pending.push(s);
      for (const [base, suffix] of projectionSplits(k)) {
        for (const s of this.flows.get(base) ?? []) {
          const p = withProjections(s, suffix);
          if (p !== undefined) pending.push(p);
        }
      }
    }
    return out;
  }

  private indexObjectLiteral(obj: ts.ObjectLiteralExpression): void {
    const contextual = this.checker.getContextualType(obj);
    for (const prop of obj.properties) {
      if (!prop.name || ts.isSpreadAssignment(prop)) continue;
      const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (!name) continue;
      // The member's own key (for calls through the literal itself) and every declared property
      // it is typed by, in each member of a union (`Ops | null`, `Ops | undefined`).
      const targets = contextual ? this.propertyKeys(contextual, name) : [];
      if (ts.isPropertyAssignment(prop)) this.pour([declKey(prop), ...targets], prop.initializer);
      else if (ts.isShorthandPropertyAssignment(prop)) this.pourKeys([declKey(prop), ...targets], this.keysOfSymbol(this.checker.getShorthandAssignmentValueSymbol(prop)));
      else this.pourKeys(targets, [declKey(prop)]);
      if (targets.length === 0) {
        const sources = ts.isPropertyAssignment(prop) ? this.valueKeys(prop.initializer) : ts.isShorthandPropertyAssignment(prop) ? this.keysOfSymbol(this.checker.getShorthandAssignmentValueSymbol(prop)) : [declKey(prop)];
        this.add(this.untyped, name, sources);
      }
    }
  }

  /** The model declarations of a property in a type, through unions (`T | null`, `A | B`). */
  private propertyKeys(type: ts.Type, name: string): string[] {
    const keys = new Set<string>();
    for (const member of type.isUnion() ? type.types : [type]) {
      for (const d of member.getProperty(name)?.declarations ?? []) if (!d.getSourceFile().isDeclarationFile) keys.add(declKey(d));
    }
    return [...keys];
  }

  private indexAssignment(assign: ts.BinaryExpression): void {
    const op = assign.operatorToken.kind;
    if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.QuestionQuestionEqualsToken && op !== ts.SyntaxKind.BarBarEqualsToken && op !== ts.SyntaxKind.AmpersandAmpersandEqualsToken) return;
    const targets = this.assignedKeys(assign.left);
    if (targets.length > 0) this.pour(targets, assign.right);
  }

  /** The keys an assignment to an expression writes: a variable, a property, a container's elements (`a[i] = f`). */
  private assignedKeys(target: ts.Node): readonly string[] {
    const left = ts.isExpression(target) ? skipOuter(target) : target;
    if (ts.isPropertyAccessExpression(left) || ts.isIdentifier(left)) return this.keysOf(left);
    if (ts.isElementAccessExpression(left)) return this.elementAccessKeys(left);
    return [];
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
    if (named && this.isOutside(named)) {
      const method = ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) ? callee : undefined;
      const stored = method && STORING_METHODS.get(method.name.text);
      const callback = method && ELEMENT_CALLBACKS.get(method.name.text);
      if (!method || (stored === undefined && callback === undefined)) return;
      const elements = projectAll(this.valueKeys(method.expression), "[]");
      if (stored !== undefined) for (const arg of args.slice(stored)) this.pour(elements, arg);
      if (callback !== undefined) this.pourIntoParameter(args[0], callback, { keys: elements });
      return;
    }
    // Resolving a call's signature is costly; most arguments are not functions at all.
    if (!args.some((a) => this.mayPassFunction(a))) return;
    const decl = this.checker.getResolvedSignature(call)?.declaration;
    if (!decl || ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return;
    args.forEach((arg, i) => {
      const param = decl.parameters[Math.min(i, decl.parameters.length - 1)];
      if (!param || !isFunctionReference(arg)) return;
      // Arguments gathered by a rest parameter are its elements.
      const key = param.dotDotDotToken ? projected(declKey(param), "[]") : declKey(param);
      if (key) this.pour([key], arg);
    });
  }

  /** The parameter of a callback (a function expression, or a reference to a function) receives a value. */
  private pourIntoParameter(callback: ts.Expression | undefined, index: number, source: Source): void {
    if (!callback) return;
    const e = skipOuter(callback);
    const fns: FunctionNode[] = ts.isFunctionExpression(e) || ts.isArrowFunction(e) ? [e] : (this.symbolOf(e)?.declarations ?? []).map(directFunction).filter((d): d is FunctionNode => d !== undefined);
    for (const fn of fns) {
      const param = fn.parameters[index];
      if (param && !param.getSourceFile().isDeclarationFile) this.bindName(param.name, source);
    }
  }

  /**
   * Binds a declaration's name (an identifier, or a destructuring pattern at any depth) to a value.
   * Object patterns take each property's declarations from the pattern's type; array patterns
   * take the value's elements. A pattern without a value (a destructured parameter) still reads
   * its properties' declarations.
   */
  private bindName(root: ts.BindingName, rootSource: Source | undefined): void {
    const pending: [ts.BindingName, Source | undefined][] = [[root, rootSource]];
    while (pending.length > 0) {
      const [name, source] = pending.pop()!;
      if (ts.isIdentifier(name)) {
        if (source) this.pourSource([this.keyOf(name.parent)], source);
      } else if (ts.isObjectBindingPattern(name)) {
        const type = this.checker.getTypeAtLocation(name).getNonNullableType();
        for (const element of name.elements) {
          const property = element.propertyName ?? element.name;
          const text = ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
          if (element.dotDotDotToken || text === undefined) continue;
          pending.push([element.name, { keys: this.propertyKeys(type, text) }]);
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

  /** What `for (x of e)`, `[...e]` and `new Set(e)` take from `e`, `depth` elements further down. */
  private iterated(e: ts.Expression, depth: number): ValueSource {
    const inner = skipOuter(e);
    // A map iterates over its entries; an entry's elements are the map's values, so an entry is
    // taken as the map itself (as `entries()` of a map or an array).
    if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === "entries" && this.isOutside(inner.expression.name)) {
      return { value: inner.expression.expression, depth };
    }
    if (!ts.isArrayLiteralExpression(inner) && isMapType(this.checker.getTypeAtLocation(inner))) return { value: inner, depth };
    return { value: inner, depth: depth + 1 };
  }

  private pourSource(targets: readonly string[], source: Source): void {
    if ("keys" in source) this.pourKeys(targets, source.keys);
    else this.pour(targets, source.value, source.depth);
  }

  private pourKeys(targets: readonly string[], sources: readonly string[]): void {
    for (const t of targets) this.add(this.flows, t, sources);
  }

  /**
   * The value of an expression, `depth` elements down, flows into the targets. Array literals,
   * spreads and container constructors put their elements into the targets' elements.
   */
  private pour(targets: readonly string[], value: ts.Expression, depth = 0): void {
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
        const made = this.containerMade(e);
        if (made) {
          const s = this.iterated(made.from, below + made.entries);
          pending.push([inner, s.value, s.depth]);
          continue;
        }
        // `new Map().set(k, f)`, `new Set().add(f)`, `a.fill(f)`: the container, with f stored in it.
        const store = this.chainedStore(e);
        if (store) {
          for (const arg of store.stored) pending.push([inner, arg, below]);
          pending.push([to, store.container, d]);
          continue;
        }
        let keys = this.valueKeys(e);
        for (let i = 0; i < d; i++) keys = projectAll(keys, "[]");
        this.pourKeys(to, keys);
      }
    }
  }

  /** A standard container's storing method that returns the container itself: the container, and what it stores. */
  private chainedStore(e: ts.Expression): { container: ts.Expression; stored: readonly ts.Expression[] } | undefined {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !RETURNS_CONTAINER.has(e.expression.name.text)) return undefined;
    if (!this.isOutside(e.expression.name)) return undefined;
    return { container: e.expression.expression, stored: e.arguments.slice(STORING_METHODS.get(e.expression.name.text)) };
  }

  /** `new Set(e)`, `new Map(e)`, `Array.from(e)` of the standard library: what they are made from. */
  private containerMade(e: ts.Expression): { from: ts.Expression; entries: number } | undefined {
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.arguments?.length) {
      const entries = CONTAINER_CONSTRUCTORS.get(e.expression.text);
      if (entries !== undefined && this.isOutside(e.expression)) return { from: e.arguments[0], entries };
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "from" && e.arguments.length > 0) {
      if (ts.isIdentifier(e.expression.expression) && e.expression.expression.text === "Array" && this.isOutside(e.expression.name)) return { from: e.arguments[0], entries: 0 };
    }
    return undefined;
  }

  /**
   * Whether an argument may pass a function: a function expression or call is taken as one; a
   * name is judged from its declarations where the syntax tells (a function, a function-valued
   * initialiser, a function type, a plain value), and by its declared type otherwise (asked of the
   * checker once per name and file: locks, passed everywhere, are such names).
   */
  private mayPassFunction(arg: ts.Expression): boolean {
    if (!isFunctionReference(arg)) return false;
    const e = skipOuter(arg);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isCallExpression(e)) return true;
    // The elements of an array literal, one level down (`run([a, b])`).
    if (ts.isArrayLiteralExpression(e)) return e.elements.some((el) => !ts.isArrayLiteralExpression(skipOuter(el)) && !ts.isSpreadElement(el) && this.mayPassFunction(el));
    const sym = this.symbolOf(e);
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

  private symbolOf(e: ts.Expression | ts.PrivateIdentifier): ts.Symbol | undefined {
    let sym = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return sym;
  }

  /** Whether a name resolves only to declarations outside the model (the standard library, declaration files). */
  private isOutside(name: ts.Identifier | ts.PrivateIdentifier): boolean {
    const decls = this.symbolOf(name)?.declarations ?? [];
    return decls.length > 0 && decls.every((d) => d.getSourceFile().isDeclarationFile);
  }

  private keysOfSymbol(sym: ts.Symbol | undefined): string[] {
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return (sym?.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile).map((d) => this.keyOf(d));
  }

  private keysOf(e: ts.Identifier | ts.PropertyAccessExpression): string[] {
    return this.keysOfSymbol(this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(e) ? e.name : e));
  }

  /** `o["hook"]` names a property; `a[i]` and `a[0]` an element of a. */
  private elementAccessKeys(e: ts.ElementAccessExpression): readonly string[] {
    const keys = this.namesProperty(e) ? this.keysOfSymbol(this.checker.getSymbolAtLocation(e.argumentExpression)) : [];
    return keys.length > 0 ? keys : projectAll(this.valueKeys(e.expression), "[]");
  }

  /**
   * Whether `o["k"]` names a property declared in the model or the standard library. A number
   * (`a[0]`, a tuple's `t[1]`) names an element.
   */
  private namesProperty(e: ts.ElementAccessExpression): boolean {
    const arg = skipOuter(e.argumentExpression);
    return ts.isStringLiteralLike(arg) && (this.checker.getSymbolAtLocation(arg)?.declarations ?? []).length > 0;
  }

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

  private valueKeysIn(expr: ts.Expression): string[] {
    const out = new Set<string>();
    const pending = [expr];
    while (pending.length > 0) {
      const e = skipOuter(pending.pop()!);
      if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) out.add(functionKey(e));
      else if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) for (const k of this.keysOf(e)) out.add(k);
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
      if ((name === "bind" || ELEMENT_METHODS.has(name) || SAME_ELEMENTS_METHODS.has(name)) && this.isOutside(callee.name)) {
        const holder = this.valueKeys(callee.expression);
        return ELEMENT_METHODS.has(name) ? projectAll(holder, "[]") : holder;
      }
    }
    const resolution = this.calleeTarget(call.expression);
    return resolution === undefined || resolution === "outside" ? [] : projectAll(resolution.target.keys, "()");
  }

  /**
   * What a call names, and the declarations it resolves to directly (whose annotations change the
   * caller's held set); "outside" when it names only functions outside the model, undefined when
   * it names nothing at all (an unresolved call).
   */
  target(call: ts.CallExpression | ts.NewExpression): CallResolution | undefined {
    const isSuper = call.expression.kind === ts.SyntaxKind.SuperKeyword;
    if (ts.isNewExpression(call) || isSuper) {
      const decl = this.checker.getResolvedSignature(call)?.declaration;
      // A class without a constructor of its own runs none; a callee of no known class is unresolved.
      if (!decl) return isSuper || (this.symbolOf(call.expression)?.declarations ?? []).some(ts.isClassLike) ? "outside" : undefined;
      if (ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return "outside";
      return { target: { keys: [declKey(decl)], exact: true }, direct: [decl] };
    }
    const resolution = this.calleeTarget(call.expression);
    return resolution === undefined || resolution === "outside" ? resolution : { ...resolution, target: { ...resolution.target, keys: this.closeLocals(resolution.target.keys) } };
  }

  private calleeTarget(expr: ts.Expression): CallResolution | undefined {
    let callee = skipOuter(expr);
    // `f.call(this, …)` and `f.apply(this, args)` call f.
    while (ts.isPropertyAccessExpression(callee) && (callee.name.text === "call" || callee.name.text === "apply") && this.isOutside(callee.name)) callee = skipOuter(callee.expression);
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return { target: { keys: [functionKey(callee)], exact: true }, direct: [callee] };
    if (ts.isCallExpression(callee) || (ts.isElementAccessExpression(callee) && !this.namesProperty(callee))) {
      // A function value computed by the callee: a call's result, a container's element.
      const keys = this.valueKeys(callee);
      return keys.length > 0 ? { target: { keys }, direct: [] } : undefined;
    }
    const named = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : callee;
    let sym = this.checker.getSymbolAtLocation(named);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    const all = sym?.declarations ?? [];
    const decls = all.filter((d) => !d.getSourceFile().isDeclarationFile);
    if (decls.length === 0 && all.length > 0) return "outside";
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (decls.length === 0 && !name) return undefined;
    const exact = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword;
    return { target: { keys: decls.map((d) => this.keyOf(d)), ...(name ? { name } : {}), ...(exact ? { exact } : {}) }, direct: decls.map(directFunction).filter((d): d is FunctionNode => d !== undefined) };
  }

  /** The target of calling a function-valued expression (a callback passed by reference). */
  valueTarget(expr: ts.Expression): CallTarget {
    return { keys: this.closeLocals(this.valueKeys(expr)) };
  }

  /** The target of a property read or write that runs accessors. */
  accessorTarget(accessors: readonly ts.Node[]): CallTarget {
    return { keys: accessors.map(declKey) };
  }
}

/** A value: an expression's, `depth` elements down. */
type ValueSource = { readonly value: ts.Expression; readonly depth: number };
/** Where a bound name's value comes from: an expression, or keys. */
type Source = ValueSource | { readonly keys: readonly string[] };

function deeper(source: Source): Source {
  return "keys" in source ? { keys: projectAll(source.keys, "[]") } : { value: source.value, depth: source.depth + 1 };
}

function projectAll(keys: readonly string[], projection: Projection): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const p = projected(k, projection);
    if (p !== undefined) out.push(p);
  }
  return out;
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
      if (target.exact) continue;
      pending.push(...(this.flows.get(k) ?? []));
      // `k()` and `k[]` also hold what the values flowing into k return or contain.
      for (const [base, suffix] of projectionSplits(k)) {
        for (const s of this.flows.get(base) ?? []) {
          const p = withProjections(s, suffix);
          if (p !== undefined) pending.push(p);
        }
      }
    }
    const ids = [...out].sort((a, b) => a - b);
    this.memo.set(memoKey, ids);
    return ids;
  }
}

/** The function a declaration is: itself, or its function-valued initialiser (`const f = () => …`). */
function directFunction(decl: ts.Node): FunctionNode | undefined {
  if (isFunctionNode(decl)) return decl;
  if ((ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  }
  return undefined;
}

/**
 * Whether a declaration is a local of a function body: a variable, or a parameter of a synchronous
 * callback (no value of another file can reach either).
 */
function isLocalDeclaration(decl: ts.Node): boolean {
  if (ts.isParameter(decl)) return isSynchronousCallback(decl.parent);
  if (!ts.isVariableDeclaration(decl) && !ts.isBindingElement(decl)) return false;
  for (let p: ts.Node = decl.parent; !ts.isSourceFile(p); p = p.parent) if (isFunctionNode(p)) return true;
  return false;
}

function mayReturnFunction(fn: FunctionNode): boolean {
  return !isSynchronousCallback(fn) && (!fn.type || typeNodeSaysCallable(fn.type) !== false);
}

/** The function a return statement returns from. */
function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let p = node.parent; p && !ts.isSourceFile(p); p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.AmpersandAmpersandToken;
}

/** An argument that passes an existing function or functions (not a function expression analysed inline). */
function isFunctionReference(arg: ts.Expression): boolean {
  const e = skipOuter(arg);
  if (isSynchronousCallback(e)) return false;
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isArrayLiteralExpression(e) ||
    (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "bind");
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

function isMapType(type: ts.Type): boolean {
  const name = type.getNonNullableType().getSymbol()?.getName();
  return name === "Map" || name === "ReadonlyMap";
}
