/**
 * What a name in an expression refers to, answered from the binder's scopes when the answer is
 * certain, and by the type checker otherwise. Asking the checker costs tens of microseconds a
 * name (it resolves through every enclosing scope and merges symbols); most names a model calls or
 * locks by (`helper()`, `lock(L)`, an imported function, a parameter) are found in the first scope
 * that declares them, which the binder has already filled.
 *
 * A member read on another object (`this.dev.m`, `dev.m`, `new Dev().m`) is answered when the
 * object's type is certain from the syntax: a declared class or interface named in its own
 * annotation, which nothing in the file can narrow (declaredMember).
 *
 * Owns: symbolAt and the syntactic answer behind it (scopedSymbol), and the constructor a `new` or
 * `super(…)` runs (constructorRun), each of which must equal the checker's wherever it answers
 * (analyzer/test/names.test.ts compares them on every name and call of every fixture).
 * Must not: follow aliases other than through the checker's getAliasedSymbol, ask the checker for types, or know about locks.
 */
import { ts } from "@ts-morph/common";
import { forEachDescendant } from "./tree";

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
    if (object.kind !== ts.SyntaxKind.ThisKeyword) return declaredMember(object, id, checker);
    // `this` narrowed (`this instanceof Sub`, a `this is Sub` method) is another type than the class's.
    return narrowable(id.getSourceFile(), checker).has("this") ? undefined : classMember(id);
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
 * class declared in that class itself: the checker's answer where `this` is not narrowed, as
 * `this` is the class's instance (or, in a static member, the class). Undefined for an inherited
 * member, a generic class (its members are instantiated), and `this` outside a class member.
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
  return symbol && isMember(symbol) ? symbol : undefined;
}

/** Whether a symbol of a class's or interface's table is a property, method or accessor (not a type parameter, signature…). */
function isMember(symbol: ts.Symbol): boolean {
  return (symbol.flags & (ts.SymbolFlags.Property | ts.SymbolFlags.Method | ts.SymbolFlags.Accessor)) !== 0;
}

type WithSymbol = ts.Node & { readonly symbol?: ts.Symbol };
type Merged = ts.Symbol & { readonly mergeId?: number };

/**
 * The member `object.name` reads when the object's type is certain from the syntax: `object` is
 * `this.f` (a field of the enclosing class), a parameter or variable, each declared with an
 * annotation naming a class or interface, or `new C(…)`; that class or interface is declared once,
 * at the top level of a module, without type parameters or computed member names, and declares
 * the member itself. The checker's answer is then the declared member when TypeScript keeps it
 * uninstantiated (isThisless), provided nothing in the file can narrow the object (narrowable).
 * Undefined otherwise: ask the checker.
 */
function declaredMember(object: ts.Expression, name: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  if ((name.parent as ts.PropertyAccessExpression).questionDotToken || isJavaScript(name)) return undefined;
  const type = declaredTypeOf(object, checker);
  if (!type) return undefined;
  if (!ts.isNewExpression(object)) {
    const names = narrowable(object.getSourceFile(), checker);
    if (names.has(lastName(object)!) || (ts.isPropertyAccessExpression(object) && names.has("this"))) return undefined;
  }
  return memberOf(type, name.escapedText);
}

/** The class or interface an object expression is declared to be (see declaredMember), without regard to narrowing. */
function declaredTypeOf(object: ts.Expression, checker: ts.TypeChecker): ts.ClassDeclaration | ts.InterfaceDeclaration | undefined {
  if (ts.isNewExpression(object)) return namedClass(object.expression, checker);
  let declaration: ts.Node | undefined;
  if (ts.isPropertyAccessExpression(object) && object.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(object.name)) {
    declaration = soleDeclaration(classMember(object.name));
  } else if (ts.isIdentifier(object)) {
    declaration = soleDeclaration(scopedSymbol(object, checker));
  }
  if (!declaration) return undefined;
  // A declared, non-optional type: `f: T`, `constructor(private f: T)`, `(x: T)`, `let x: T`.
  const annotated = ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration) || (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name));
  if (!annotated) return undefined;
  const d = declaration as ts.PropertyDeclaration | ts.ParameterDeclaration | ts.VariableDeclaration;
  return (ts.isParameter(d) && d.dotDotDotToken) || (!ts.isVariableDeclaration(d) && d.questionToken) ? undefined : annotatedType(d.type, checker);
}

/** The class or interface a type annotation names when it is a plain reference `T` to one (namedType). */
export function annotatedType(type: ts.TypeNode | undefined, checker: ts.TypeChecker): ts.ClassDeclaration | ts.InterfaceDeclaration | undefined {
  return type && ts.isTypeReferenceNode(type) && !type.typeArguments && ts.isIdentifier(type.typeName) ? namedType(type.typeName, checker) : undefined;
}

function soleDeclaration(symbol: ts.Symbol | undefined): ts.Declaration | undefined {
  return symbol?.declarations?.length === 1 ? symbol.declarations[0] : undefined;
}

/**
 * The class or interface a type name in an annotation or a heritage clause names, when certain
 * (moduleType); what `getTypeAtLocation` would give, as a declaration.
 */
export function namedType(typeName: ts.Identifier, checker: ts.TypeChecker): ts.ClassDeclaration | ts.InterfaceDeclaration | undefined {
  return isJavaScript(typeName) ? undefined : moduleType(typeName, checker);
}

/**
 * The declarations of the property `name` of a namedType's instances, as `type.getProperty(name)`
 * has them: the member it declares itself, or none when it declares none and extends nothing.
 * Undefined when only the checker can say (an inherited member, a merged one).
 */
export function propertyDeclarations(type: ts.ClassDeclaration | ts.InterfaceDeclaration, name: string): readonly ts.Declaration[] | undefined {
  const member = (type as WithSymbol).symbol?.members?.get(ts.escapeLeadingUnderscores(name));
  if (!member) return type.heritageClauses?.length ? undefined : [];
  return isPlainMember(member) ? (member.declarations ?? []) : undefined;
}

/**
 * The class or interface a type name in an annotation names, when it is declared (or imported)
 * at the top level of the module and nothing nearer declares a type: no enclosing declaration
 * has type parameters or local declarations of the name.
 */
function moduleType(typeName: ts.Identifier, checker: ts.TypeChecker): ts.ClassDeclaration | ts.InterfaceDeclaration | undefined {
  let node: ts.Node = typeName.parent;
  for (; node.parent; node = node.parent) {
    const scope = node as Scoped & { readonly typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> };
    if (scope.typeParameters || ts.isModuleDeclaration(scope) || scope.locals?.has(typeName.escapedText)) return undefined;
  }
  const sf = node as ts.SourceFile & Scoped;
  if (!ts.isSourceFile(sf) || !ts.isExternalModule(sf)) return undefined;
  // Imported: an alias among the locals; declared here and exported: the local stands for its export.
  let symbol = sf.locals?.get(typeName.escapedText);
  symbol = (symbol as (ts.Symbol & { readonly exportSymbol?: ts.Symbol }) | undefined)?.exportSymbol ?? symbol;
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = soleDeclaration(symbol);
  if (!symbol || (symbol as Merged).mergeId || !declaration || !ts.isSourceFile(declaration.parent)) return undefined;
  const isType = (symbol.flags === ts.SymbolFlags.Class && ts.isClassDeclaration(declaration)) || (symbol.flags === ts.SymbolFlags.Interface && ts.isInterfaceDeclaration(declaration));
  const plain = isType && !(declaration as ts.ClassDeclaration | ts.InterfaceDeclaration).typeParameters && !(declaration as ts.ClassLikeDeclaration | ts.InterfaceDeclaration).members.some((m) => m.name && ts.isComputedPropertyName(m.name));
  return plain && !declaration.getSourceFile().isDeclarationFile ? (declaration as ts.ClassDeclaration | ts.InterfaceDeclaration) : undefined;
}

/** The member a class or interface declares itself under a name, if TypeScript reads it uninstantiated. */
function memberOf(type: ts.ClassDeclaration | ts.InterfaceDeclaration, name: ts.__String): ts.Symbol | undefined {
  const member = declaredMemberOf(type, name);
  return member && isThisless(member) ? member : undefined;
}

/** The member a class or interface declares itself under a name, as declared (its instantiations have its declarations). */
function declaredMemberOf(type: ts.ClassDeclaration | ts.InterfaceDeclaration, name: ts.__String): ts.Symbol | undefined {
  const member = (type as WithSymbol).symbol?.members?.get(name);
  return member && isPlainMember(member) ? member : undefined;
}

/** A member as declared in its own class or interface, not merged with others. */
function isPlainMember(member: ts.Symbol): boolean {
  return isMember(member) && !(member as Merged).mergeId;
}

/**
 * TypeScript's rule (checker.ts isThisless) for a member of a class or interface that its
 * instance type keeps as declared rather than instantiating for `this`: one declaration whose
 * types are all written out, without `this` types.
 */
function isThisless(member: ts.Symbol): boolean {
  const d = soleDeclaration(member);
  if (!d) return false;
  if (ts.isPropertyDeclaration(d) || ts.isPropertySignature(d)) return isThislessVariable(d);
  if (ts.isMethodDeclaration(d) || ts.isMethodSignature(d) || ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d)) {
    return !!d.type && isThislessType(d.type) && d.parameters.every(isThislessVariable) && (d.typeParameters ?? []).every((p) => !p.constraint || isThislessType(p.constraint));
  }
  return false;
}

function isThislessVariable(d: ts.PropertyDeclaration | ts.PropertySignature | ts.ParameterDeclaration): boolean {
  return d.type ? isThislessType(d.type) : !(d as ts.PropertyDeclaration | ts.ParameterDeclaration).initializer;
}

function isThislessType(node: ts.TypeNode): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.SymbolKeyword:
    case ts.SyntaxKind.ObjectKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.LiteralType:
      return true;
    case ts.SyntaxKind.ArrayType:
      return isThislessType((node as ts.ArrayTypeNode).elementType);
    case ts.SyntaxKind.TypeReference:
      return (node as ts.TypeReferenceNode).typeArguments?.every(isThislessType) ?? true;
    default:
      return false;
  }
}

function isJavaScript(node: ts.Node): boolean {
  return (node.flags & ts.NodeFlags.JavaScriptFile) !== 0;
}

/** The name a narrowable reference ends in: `x`, `a.b.x`, `this`; undefined for other expressions. */
function lastName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return e.kind === ts.SyntaxKind.ThisKeyword ? "this" : undefined;
}

/** The reference a narrowing applies to, as TypeScript finds it (getReferenceCandidate): through parentheses, `!`, casts, `x = …` and `…, x`. */
function referenceIn(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) e = e.left;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
    else return e;
  }
}

/**
 * Each file's Narrowing, per checker: its answers depend on what other files declare (a callee
 * may become a predicate), and an editor's next program reuses the unchanged files' trees with a
 * new checker.
 */
const narrowingIn = new WeakMap<ts.TypeChecker, WeakMap<ts.SourceFile, Narrowing>>();

/** A file's Narrowing under a checker, made on first use. */
function narrowable(sf: ts.SourceFile, checker: ts.TypeChecker): Narrowing {
  let files = narrowingIn.get(checker);
  if (!files) narrowingIn.set(checker, (files = new WeakMap()));
  let narrowing = files.get(sf);
  if (!narrowing) files.set(sf, (narrowing = new Narrowing(sf, checker)));
  return narrowing;
}

/**
 * The names of the references something in a file may narrow to another type than declared (by
 * their last name: `x`, the `f` of `this.f`, `this`): the operands of `instanceof`, `in`,
 * `typeof`, equality, `switch`, `!`, `&&`, `||` and `??`, the conditions of `if`, loops and
 * `?:`, and the arguments and receiver of every call that may be a type predicate or assertion
 * (mayNarrow). A reference whose name is not among them has its
 * declared type everywhere in the file: narrowing starts from a declared type, and these are the
 * only ways it can leave one. One walk of the file finds the operands and, by name, the calls a
 * name is passed to or called on; a call's callee is resolved only when that name is asked about.
 */
class Narrowing {
  private readonly operands = new Set<string>();
  private readonly passedTo = new Map<string, ts.CallExpression[]>();
  private readonly calledOn = new Map<string, ts.CallExpression[]>();
  private readonly answers = new Map<string, boolean>();

  constructor(
    sf: ts.SourceFile,
    private readonly checker: ts.TypeChecker,
  ) {
    forEachDescendant(sf, this.visit);
  }

  /** Notes what a node may narrow; false for a node whose descendants run nothing (types, interfaces, imports). */
  private readonly visit = (node: ts.Node): boolean => {
    const kind = node.kind;
    if (kind >= ts.SyntaxKind.FirstTypeNode && kind <= ts.SyntaxKind.LastTypeNode) return false;
    switch (kind) {
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
        return false;
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        switch (binary.operatorToken.kind) {
          case ts.SyntaxKind.InstanceOfKeyword:
          case ts.SyntaxKind.InKeyword:
          case ts.SyntaxKind.EqualsEqualsEqualsToken:
          case ts.SyntaxKind.ExclamationEqualsEqualsToken:
          case ts.SyntaxKind.EqualsEqualsToken:
          case ts.SyntaxKind.ExclamationEqualsToken:
          // Truthiness: a value known falsy is `never` to TypeScript, which has no members at all.
          case ts.SyntaxKind.AmpersandAmpersandToken:
          case ts.SyntaxKind.BarBarToken:
          case ts.SyntaxKind.QuestionQuestionToken:
            this.operand(binary.left);
            this.operand(binary.right);
        }
        return true;
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
        if ((node as ts.PrefixUnaryExpression).operator === ts.SyntaxKind.ExclamationToken) this.operand((node as ts.PrefixUnaryExpression).operand);
        return true;
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.SwitchStatement:
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
        this.operand((node as ts.TypeOfExpression | ts.SwitchStatement | ts.IfStatement | ts.WhileStatement | ts.DoStatement).expression);
        return true;
      case ts.SyntaxKind.ConditionalExpression:
        this.operand((node as ts.ConditionalExpression).condition);
        return true;
      case ts.SyntaxKind.ForStatement:
        if ((node as ts.ForStatement).condition) this.operand((node as ts.ForStatement).condition!);
        return true;
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        for (const arg of call.arguments) this.callWith(this.passedTo, arg, call);
        if (ts.isPropertyAccessExpression(call.expression) || ts.isElementAccessExpression(call.expression)) this.callWith(this.calledOn, call.expression.expression, call);
        return true;
      }
      default:
        return true;
    }
  };

  /** Whether something in the file may narrow a reference ending in `name`. */
  has(name: string): boolean {
    let answer = this.answers.get(name);
    if (answer === undefined) {
      answer =
        this.operands.has(name) ||
        (this.passedTo.get(name) ?? []).some((call) => mayNarrow(call.expression, this.checker) !== "nothing") ||
        (this.calledOn.get(name) ?? []).some((call) => mayNarrow(call.expression, this.checker) === "all");
      this.answers.set(name, answer);
    }
    return answer;
  }

  private operand(e: ts.Expression): void {
    const name = lastName(referenceIn(e));
    if (name !== undefined) this.operands.add(name);
  }

  private callWith(calls: Map<string, ts.CallExpression[]>, e: ts.Expression, call: ts.CallExpression): void {
    const name = lastName(referenceIn(e));
    if (name === undefined) return;
    const list = calls.get(name);
    if (list) list.push(call);
    else calls.set(name, [call]);
  }
}

/**
 * What a call may narrow, by its callee: nothing when the callee resolves (by the scopes, or as
 * a declared member of a declared type) to functions that each write out a return type other
 * than a type predicate (`x is T`, `asserts x`); its arguments only when some return type is
 * unwritten (TypeScript infers predicates on parameters, never on `this`); else its arguments and
 * receiver.
 */
function mayNarrow(callee: ts.Expression, checker: ts.TypeChecker): "nothing" | "arguments" | "all" {
  let symbol: ts.Symbol | undefined;
  if (ts.isIdentifier(callee)) symbol = scopedSymbol(callee, checker);
  else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) symbol = classMember(callee.name);
    else {
      const type = declaredTypeOf(callee.expression, checker);
      symbol = type && declaredMemberOf(type, callee.name.escapedText);
    }
  }
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length === 0 || !declarations.every(ts.isFunctionLike) || declarations.some((d) => d.type?.kind === ts.SyntaxKind.TypePredicate)) return "all";
  return declarations.every((d) => d.type) ? "nothing" : "arguments";
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
