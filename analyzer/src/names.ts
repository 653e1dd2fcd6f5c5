/**
 * What a name in an expression refers to, answered from the binder's scopes when the answer is
 * certain, and by the type checker otherwise. Asking the checker costs tens of microseconds a
 * name (it resolves through every enclosing scope and merges symbols); most names a model calls or
 * locks by (`helper()`, `lock(L)`, an imported function, a parameter) are found in the first scope
 * that declares them, which the binder has already filled.
 *
 * Owns: symbolAt and the syntactic answer behind it (scopedSymbol), and the constructor a `new` or
 * `super(…)` runs (constructorRun), each of which must equal the checker's wherever it answers
 * (analyzer/test/names.test.ts compares them on every name and call of every fixture).
 * Must not: follow aliases beyond checking their meaning, look at types, or know about locks.
 */
import { ts } from "@ts-morph/common";

/** The binder's scope tables, internal to TypeScript but kept on every node that declares names. */
type Scoped = ts.Node & { readonly locals?: ReadonlyMap<ts.__String, ts.Symbol> };

/** The symbol a node names, as `checker.getSymbolAtLocation` gives it, from the scopes when certain. */
export function symbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  return (ts.isIdentifier(node) && scopedSymbol(node, checker)) || checker.getSymbolAtLocation(node);
}

/**
 * The symbol an identifier used as a value refers to, found in the nearest scope that declares
 * it (or, for `this.m`, the enclosing class's member; for a variable's own name, the variable);
 * undefined when the answer is not certain (then ask the checker). Not certain: names that are
 * not plain value references (other declarations, other objects' properties, types, shorthand
 * properties),
 * names in scopes that resolve by other rules (namespace and enum members, decorators, parameter
 * lists, computed names, a named function or class expression's own name, `arguments`), script
 * files (whose top level is global, merged across files), and a name no scope declares.
 */
export function scopedSymbol(id: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  const found = syntacticSymbol(id, checker);
  // A symbol merged with others (declaration merging across files, augmentations) is answered by the checker's merged one.
  return found && !(found as ts.Symbol & { readonly mergeId?: number }).mergeId ? found : undefined;
}

/** scopedSymbol's answer before the merge check: by where the identifier stands. */
function syntacticSymbol(id: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  const parent = id.parent;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.name === id) {
    const object = parent.expression;
    // A member of another object's type is left to the checker: it may answer an instantiated
    // member (a transient symbol standing for the declared one).
    return object.kind === ts.SyntaxKind.ThisKeyword ? classMember(id) : undefined;
  }
  // A variable's own name: the variable (`node.symbol`, the binder's, what the checker answers).
  if (parent && ts.isVariableDeclaration(parent) && parent.name === id) return (parent as ts.VariableDeclaration & { readonly symbol?: ts.Symbol }).symbol;
  return isValueReference(id) && id.escapedText !== "arguments" ? inScope(id, checker) : undefined;
}

/** The nearest scope's declaration of a value name, looked for from `from` outwards (see scopedSymbol). */
function inScope(id: ts.Identifier, checker: ts.TypeChecker, from: ts.Node | undefined = id.parent): ts.Symbol | undefined {
  for (let node = from; node; node = node.parent) {
    switch (node.kind) {
      case ts.SyntaxKind.Decorator: {
        // A decorator sees the scope around its class, not its method's parameters (the checker's rule).
        let target: ts.Node | undefined = node.parent;
        if (target && ts.isParameter(target)) target = target.parent;
        if (target && (ts.isClassElement(target) || ts.isClassDeclaration(target))) node = target;
        continue;
      }
      case ts.SyntaxKind.ComputedPropertyName:
      case ts.SyntaxKind.ModuleDeclaration:
      case ts.SyntaxKind.EnumDeclaration:
      case ts.SyntaxKind.HeritageClause:
      case ts.SyntaxKind.Parameter:
        return undefined;
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassExpression:
        if ((node as ts.FunctionExpression | ts.ClassExpression).name?.escapedText === id.escapedText) return undefined;
        break;
      case ts.SyntaxKind.SourceFile:
        if (!ts.isExternalModule(node as ts.SourceFile)) return undefined;
        break;
    }
    const symbol = (node as Scoped).locals?.get(id.escapedText);
    if (!symbol) continue;
    if (symbol.flags & ts.SymbolFlags.Value) return symbol;
    if (symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol).flags & ts.SymbolFlags.Value ? symbol : undefined;
    // An exported declaration's local stands for its export, which is what the checker answers.
    const exported = (symbol as ts.Symbol & { readonly exportSymbol?: ts.Symbol }).exportSymbol;
    if (symbol.flags & ts.SymbolFlags.ExportValue && exported && exported.flags & ts.SymbolFlags.Value) return exported;
    // Otherwise a type of the same name: the checker looks further out for the value, and so do we.
  }
  return undefined;
}

/** What constructorRun answers: the constructor declaration a call runs, or none (the class declares none and extends nothing). */
export type ConstructorRun = { readonly declaration: ts.ConstructorDeclaration | undefined };

/**
 * The constructor `new C(…)` or `super(…)` runs, as the declaration of the checker's resolved
 * signature, when the syntax makes it certain: C names (through the scopes) one class declaration
 * of its own, which declares one constructor with a body, or none and extends nothing. Undefined
 * otherwise (overloads, inherited constructors, merged or computed classes): ask the checker.
 */
export function constructorRun(call: ts.NewExpression | ts.CallExpression, checker: ts.TypeChecker): ConstructorRun | undefined {
  const cls = ts.isNewExpression(call) ? namedClass(call.expression, checker) : superClass(call, checker);
  if (!cls) return undefined;
  const constructors = cls.members.filter(ts.isConstructorDeclaration);
  if (constructors.length === 1 && constructors[0].body) return { declaration: constructors[0] };
  const extendsSomething = cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  return constructors.length === 0 && !extendsSomething ? { declaration: undefined } : undefined;
}

/** The class declaration an expression names, when it names exactly one; `scope`: where the name is looked up from. */
function namedClass(expr: ts.Expression, checker: ts.TypeChecker, scope?: ts.Node): ts.ClassDeclaration | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  let symbol = scope ? inScope(expr, checker, scope) : scopedSymbol(expr, checker);
  if (symbol && (symbol as ts.Symbol & { readonly mergeId?: number }).mergeId) return undefined;
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decls = symbol?.declarations ?? [];
  return symbol && symbol.flags === ts.SymbolFlags.Class && decls.length === 1 && ts.isClassDeclaration(decls[0]) ? decls[0] : undefined;
}

/** For `super(…)` in a constructor: the class the enclosing class extends. */
function superClass(call: ts.CallExpression, checker: ts.TypeChecker): ts.ClassDeclaration | undefined {
  if (call.expression.kind !== ts.SyntaxKind.SuperKeyword) return undefined;
  let node: ts.Node | undefined = call.parent;
  while (node && !ts.isClassLike(node)) node = node.parent;
  const base = node?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  // The base is named in the scope around the class.
  return base && !base.typeArguments ? namedClass(base.expression, checker, node!.parent) : undefined;
}

/**
 * The member `this.name` reads in a method, accessor, constructor or property initialiser of a
 * class declared in that class itself: the checker's answer, as `this` is the class's instance
 * (or, in a static member, the class). Undefined for an inherited member, a generic class (its
 * members are instantiated), and `this` outside a class member.
 */
function classMember(id: ts.Identifier): ts.Symbol | undefined {
  let member: ts.Node | undefined = id.parent;
  while (member && (ts.isArrowFunction(member) || !(ts.isFunctionLike(member) || ts.isClassElement(member) || ts.isClassStaticBlockDeclaration(member) || ts.isSourceFile(member)))) member = member.parent;
  const cls = member?.parent;
  if (!member || !cls || !ts.isClassLike(cls) || cls.typeParameters || !ts.isClassElement(member)) return undefined;
  // Parameters' defaults and decorators see another `this`: leave them to the checker.
  if (ts.isFunctionLike(member) && member.parameters.some((p) => p.pos <= id.pos && id.end <= p.end)) return undefined;
  const isStatic = ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static || ts.isClassStaticBlockDeclaration(member);
  const declared = (cls as ts.ClassLikeDeclaration & { readonly symbol?: ts.Symbol }).symbol;
  const table = isStatic ? declared?.exports : declared?.members;
  const symbol = table?.get(id.escapedText);
  return symbol && symbol.flags & (ts.SymbolFlags.Property | ts.SymbolFlags.Method | ts.SymbolFlags.Accessor) ? symbol : undefined;
}

/** Whether an identifier stands as a value in an expression: a callee, an argument, an operand, an object whose property is read. */
function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  switch (parent.kind) {
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.SpreadElement:
    case ts.SyntaxKind.ReturnStatement:
    case ts.SyntaxKind.ExpressionStatement:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.ConditionalExpression:
    case ts.SyntaxKind.BinaryExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.Decorator:
      // In these, an identifier child is an expression (a `new` or call's type arguments are type nodes, not identifiers).
      return true;
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
      return (parent as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression === id;
    case ts.SyntaxKind.ArrowFunction:
      return (parent as ts.ArrowFunction).body === id;
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.PropertyDeclaration:
      return (parent as ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration).initializer === id;
    default:
      return false;
  }
}
