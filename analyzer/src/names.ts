/**
 * What a name in an expression refers to, answered from the binder's scopes when the answer is
 * certain, and by the type checker otherwise. Asking the checker costs tens of microseconds a
 * name (it resolves through every enclosing scope and merges symbols); most names a model calls or
 * locks by (`helper()`, `lock(L)`, an imported function, a parameter) are found in the first scope
 * that declares them, which the binder has already filled.
 *
 * Owns: symbolAt and the syntactic answer behind it (scopedSymbol), which must equal the checker's
 * wherever it answers (analyzer/test/names.test.ts compares them on every name of every fixture).
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
 * it; undefined when the answer is not certain (then ask the checker). Not certain: names that
 * are not plain value references (declarations, property names, types, shorthand properties),
 * names in scopes that resolve by other rules (namespace and enum members, decorators, parameter
 * lists, computed names, a named function or class expression's own name, `arguments`), script
 * files (whose top level is global, merged across files), and a name no scope declares.
 */
export function scopedSymbol(id: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  const found = isThisMember(id) ? classMember(id) : isValueReference(id) && id.escapedText !== "arguments" ? inScope(id, checker) : undefined;
  // A symbol merged with others (declaration merging across files, augmentations) is answered by the checker's merged one.
  return found && !(found as ts.Symbol & { readonly mergeId?: number }).mergeId ? found : undefined;
}

/** The nearest scope's declaration of a value name (see scopedSymbol). */
function inScope(id: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
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

/** `this.name` */
function isThisMember(id: ts.Identifier): boolean {
  const parent = id.parent;
  return parent !== undefined && ts.isPropertyAccessExpression(parent) && parent.name === id && parent.expression.kind === ts.SyntaxKind.ThisKeyword;
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
