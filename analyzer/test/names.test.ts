/**
 * The syntactic answer to "what does this name refer to" (names.ts) is the checker's wherever it
 * gives one: on every identifier of every fixture model, the scopes' symbol, when there is one,
 * is the very symbol `getSymbolAtLocation` returns. And it answers for most of the names the
 * analysis asks about (what makes it worth having).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ts } from "@ts-morph/common";
import { loadModel, resolveInputs } from "../src/program";
import { constructorRun, namedType, propertyDeclarations, scopedSymbol } from "../src/names";
import { findModels, modelConfig, modelFiles } from "../src/testing";
import { forEachDescendant } from "../src/tree";
import { FIXTURES } from "./paths";

test("the scopes' answer equals the checker's on every identifier, the constructor run on every `new` and `super(…)`, and a named type's properties on every heritage clause and annotated object literal, of every fixture", () => {
  let identifiers = 0;
  let answered = 0;
  let calls = 0;
  let runs = 0;
  let bases = 0;
  let tables = 0;
  const disagreements: string[] = [];
  for (const dir of findModels(FIXTURES)) {
    const inputs = resolveInputs([...modelFiles(dir), ...modelConfig(dir)]);
    const { program, files } = loadModel(inputs.files, inputs.options);
    const checker = program.getTypeChecker();
    for (const sf of files) {
      forEachDescendant(sf, (node) => {
        if (ts.isNewExpression(node) || (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword)) {
          calls++;
          const run = constructorRun(node, checker);
          if (run) {
            runs++;
            const expected = checker.getResolvedSignature(node)?.declaration;
            if (run.declaration !== expected) disagreements.push(`${path.relative(FIXTURES, sf.fileName)}: ${node.getText(sf).slice(0, 40)}: syntax ${run.declaration?.kind}, checker ${expected?.kind}`);
          }
        }
        if (ts.isExpressionWithTypeArguments(node) && ts.isIdentifier(node.expression) && !node.typeArguments) {
          // A base's properties, as indexClass reads them: from the declaration when namedType names one.
          const declared = namedType(node.expression, checker);
          const cls = node.parent.parent;
          if (declared && ts.isClassLike(cls)) {
            bases++;
            const type = checker.getTypeAtLocation(node);
            for (const member of cls.members) {
              const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
              const syntactic = name === undefined ? undefined : propertyDeclarations(declared, name);
              if (syntactic && !sameList(syntactic, type.getProperty(name!)?.declarations ?? [])) disagreements.push(`${path.relative(FIXTURES, sf.fileName)}: ${node.getText(sf)}.${name}: declarations differ from the checker's`);
            }
          }
        }
        const holder = node.parent;
        if (ts.isObjectLiteralExpression(node) && holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.type && ts.isTypeReferenceNode(holder.type) && ts.isIdentifier(holder.type.typeName)) {
          // An ops table's properties, as indexObjectLiteral reads them: from its annotation's declaration.
          const declared = !holder.type.typeArguments ? namedType(holder.type.typeName, checker) : undefined;
          const contextual = checker.getContextualType(node);
          for (const prop of declared && contextual ? node.properties : []) {
            const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
            const syntactic = name === undefined ? undefined : propertyDeclarations(declared!, name);
            if (syntactic) tables++;
            if (syntactic && !sameList(syntactic, contextual!.getProperty(name!)?.declarations ?? [])) disagreements.push(`${path.relative(FIXTURES, sf.fileName)}: ${name}: declarations differ from the contextual type's`);
          }
        }
        if (!ts.isIdentifier(node)) return;
        identifiers++;
        const scoped = scopedSymbol(node, checker);
        if (!scoped) return;
        answered++;
        const expected = checker.getSymbolAtLocation(node);
        if (scoped !== expected) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          disagreements.push(`${path.relative(FIXTURES, sf.fileName)}:${line + 1} ${node.text}: scopes ${describe(scoped)}, checker ${describe(expected)}`);
        }
      });
    }
  }
  assert.deepEqual(disagreements, []);
  // Most identifiers are declarations, property names and types, which the scopes leave to the
  // checker; of the rest, the references, a large part is answered.
  assert.ok(answered > identifiers / 10, `answered ${answered} of ${identifiers} identifiers`);
  // Most constructor calls in the fixtures make standard containers (`new Map()`), which the checker answers.
  assert.ok(runs > calls / 10, `answered ${runs} of ${calls} constructor calls`);
  // Most classes that implement an interface or extend a class name it plainly.
  assert.ok(bases > 10, `${bases} bases named by their declaration`);
  assert.ok(tables > 10, `${tables} ops-table properties typed by their annotation's declaration`);
});

// Narrowing anywhere in a file leaves every reference of that name to the checker, so the narrowed
// references have names of their own. Each line's last comment says what the scopes must do with the member the line calls last:
// `declared`: answer it (it is the declared member, the checker's answer); `narrowed`: leave it to
// the checker, whose answer is another declaration than the declared type's (so answering from
// the annotation would be wrong); `nothing`: leave it, the checker answering nothing (a value
// known falsy is `never`); `checker`: leave it (instantiated, inherited or not certain).
const MEMBERS_MODEL = `
export interface Ops { probe(): void; isSpecial(): this is Special; untyped(); }
export interface Special extends Ops { extra: number; probe(): void }
export class Base { run(): void {} inferred() { return 1; } overloaded(x: number): void; overloaded(x: string): void; overloaded(x: unknown): void {} }
export class Sub extends Base { override run(): void {} own = 1; }
export class Gen<T> { run(x?: T): void {} }
export function isSub(b: Base): b is Sub { return b instanceof Sub; }
export function assertSub(b: Base): asserts b is Sub { if (!(b instanceof Sub)) throw new Error("no"); }
export function inferredIsSub(b: Base) { return b instanceof Sub; }

export class Holder {
  field: Base = new Base();
  optional?: Base;
  constructor(private readonly ops: Ops, private readonly other: Ops, readonly gen: Gen<number>) {}
  plain(v: Base): void {
    this.ops.probe(); // declared
    this.field.run(); // declared
    v.run(); // declared
    new Base().run(); // declared
    const local: Base = v;
    local.run(); // declared
    v.inferred(); // checker
    v.overloaded(1); // checker
    this.ops.untyped(); // checker
    this.gen.run(); // checker
    new Sub().own; // checker
    this.optional?.run(); // checker
  }
  byInstanceof(x: Base): void {
    if (x instanceof Sub) x.run(); // narrowed
  }
  byPredicate(y: Base): void {
    if (isSub(y)) y.run(); // narrowed
  }
  byAssertion(z: Base): void {
    assertSub(z);
    z.run(); // narrowed
  }
  byInferredPredicate(w: Base): void {
    if (inferredIsSub(w)) w.run(); // narrowed
  }
  byFalsiness(u: Base, t: Base): void {
    if (!u) u.run(); // nothing
    while (t) t.run(); // checker
  }
  byMethodPredicate(): void {
    if (this.other.isSpecial()) this.other.probe(); // narrowed
  }
}
`;

test("a member read on an object of a declared class or interface type is answered from the annotation unless something can narrow the object", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-names-"));
  try {
    fs.writeFileSync(path.join(dir, "members.ts"), MEMBERS_MODEL);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "es2022" } }));
    const inputs = resolveInputs([dir]);
    const { program, files } = loadModel(inputs.files, inputs.options);
    const checker = program.getTypeChecker();
    const sf = files[0];
    const lines = sf.text.split("\n");
    // Per marked line, the member it reads last (`probe` of `this.ops.probe()`, not `ops`).
    const last = new Map<number, ts.PropertyAccessExpression>();
    forEachDescendant(sf, (node) => {
      if (!ts.isPropertyAccessExpression(node) || node.expression.kind === ts.SyntaxKind.ThisKeyword) return;
      const line = sf.getLineAndCharacterOfPosition(node.name.getStart(sf)).line;
      if (/\/\/ (declared|narrowed|nothing|checker)$/.test(lines[line]) && (last.get(line)?.name.end ?? -1) < node.name.end) last.set(line, node);
    });
    const seen = { declared: 0, narrowed: 0, nothing: 0, checker: 0 };
    for (const [line, access] of last) {
      const expected = /\/\/ (declared|narrowed|nothing|checker)$/.exec(lines[line])![1] as keyof typeof seen;
      const label = `line ${line + 1}: ${access.getText(sf)}`;
      const scoped = scopedSymbol(access.name as ts.Identifier, checker);
      const checked = checker.getSymbolAtLocation(access.name);
      if (expected === "declared") assert.ok(scoped && scoped === checked, `${label}: the declared member, as the checker answers`);
      else assert.equal(scoped, undefined, `${label}: left to the checker`);
      if (expected === "nothing") assert.equal(checked, undefined, `${label}: the checker answers nothing`);
      if (expected === "narrowed") {
        const owner = checked?.declarations?.[0]?.parent;
        assert.ok(owner && (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) && (owner.name?.text === "Sub" || owner.name?.text === "Special"), `${label}: the checker answers the narrowed type's member`);
      }
      seen[expected]++;
    }
    assert.deepEqual(seen, { declared: 5, narrowed: 5, nothing: 1, checker: 7 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function sameList(a: readonly ts.Declaration[], b: readonly ts.Declaration[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function describe(symbol: ts.Symbol | undefined): string {
  if (!symbol) return "nothing";
  const decl = symbol.declarations?.[0];
  return decl ? `${symbol.name} (${ts.SyntaxKind[decl.kind]} in ${path.basename(decl.getSourceFile().fileName)})` : symbol.name;
}

test("a file's narrowing is its current program's: a callee another file turns into a predicate narrows in the unchanged file", () => {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, noLib: true };
  const a = (returns: string) => `export class Base { run(): void {} }\nexport class Sub extends Base { override run(): void {} own = 1; }\nexport function isSub(b: Base): ${returns} { return b instanceof Sub; }\n`;
  const b = `import { Base, isSub } from "./a";\nexport function f(x: Base): void {\n  if (isSub(x)) x.run();\n}\n`;
  const trees = new Map<string, ts.SourceFile>();
  // As an editor's next program does: the unchanged file's tree (bound by the first checker) is reused.
  const programOf = (texts: Record<string, string>, old?: ts.Program) => {
    const host = ts.createCompilerHost(options);
    host.getSourceFile = (fileName) => {
      const text = texts[path.basename(fileName)];
      if (text === undefined) return undefined;
      const kept = trees.get(fileName);
      if (kept && kept.text === text) return kept;
      const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
      trees.set(fileName, sf);
      return sf;
    };
    host.fileExists = (fileName) => texts[path.basename(fileName)] !== undefined;
    host.directoryExists = () => true;
    return ts.createProgram({ rootNames: ["/m/a.ts", "/m/b.ts"], options, host, oldProgram: old });
  };
  const runIn = (program: ts.Program) => {
    const sf = program.getSourceFile("/m/b.ts")!;
    let name: ts.Identifier | undefined;
    forEachDescendant(sf, (node) => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === "run") name = node.name as ts.Identifier;
    });
    const checker = program.getTypeChecker();
    return { sf, scoped: scopedSymbol(name!, checker), checked: checker.getSymbolAtLocation(name!) };
  };
  const before = programOf({ "a.ts": a("boolean"), "b.ts": b });
  const first = runIn(before);
  assert.ok(first.scoped && first.scoped === first.checked, "a plain boolean narrows nothing: the declared member");
  const after = programOf({ "a.ts": a("b is Sub"), "b.ts": b }, before);
  const second = runIn(after);
  assert.equal(second.sf, first.sf, "the unchanged file's tree is reused");
  assert.notEqual(second.checked, first.checked, "the predicate narrows x to Sub");
  assert.equal(second.scoped, undefined, "left to the checker");
});
