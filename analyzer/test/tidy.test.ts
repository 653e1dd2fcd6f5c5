/**
 * The rules of the codebase that reading its source can check (docs/architecture.md, invariants 2,
 * 7 and 12): every module opens with a header saying what it owns and what it must not do; the
 * imports agree with the headers (only server/ knows LSP, only client/ knows VS Code, only the
 * analyzer imports the compiler, and the per-module rules of RULES below); diagnostic wording lives
 * in analyzer/src/diagnostics.ts only; every diagnostic code has a fixture, documentation and a
 * severity. Each failure says what to fix.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { ts } from "@ts-morph/common";
import { CODES, DESCRIPTIONS, type DiagnosticCode } from "../src/diagnostics";
import { forEachDescendant } from "../src/tree";
import { FIXTURES, REPO_ROOT } from "./paths";

interface Import {
  /** The module as written, or for a relative import the repository path it names, without extension. */
  readonly target: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

interface Module {
  /** Repository path without `.ts`, `/`-separated: `analyzer/src/locks`. */
  readonly name: string;
  readonly file: string;
  readonly sf: ts.SourceFile;
  readonly imports: readonly Import[];
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const pending = [path.join(REPO_ROOT, dir)];
  while (pending.length > 0) {
    const d = pending.pop()!;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
    }
  }
  return out.sort();
}

function readModule(file: string): Module {
  const rel = path.relative(REPO_ROOT, file).split(path.sep).join("/");
  const name = rel.replace(/\.ts$/, "");
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const imports: Import[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean, at: ts.Node) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const target = spec.text.startsWith(".") ? path.posix.join(path.posix.dirname(name), spec.text).replace(/\.(js|ts)$/, "") : spec.text;
    imports.push({ target, typeOnly, line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1 });
  };
  forEachDescendant(sf, (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allTypes = !!clause && !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!clause?.isTypeOnly || allTypes, node);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly, node);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      add(node.arguments[0], false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, node);
    }
  });
  return { name, file: rel, sf, imports };
}

const SOURCES = ["analyzer/src", "server/src", "client/src"].flatMap(tsFiles).map(readModule);
const TESTS = ["analyzer/test", "server/test"].flatMap(tsFiles).map(readModule);
const byName = new Map(SOURCES.map((m) => [m.name, m]));

const a = (m: string) => `analyzer/src/${m}`;
const s = (m: string) => `server/src/${m}`;
const c = (m: string) => `client/src/${m}`;
/** The analysis proper: what a loader, an output or the CLI must leave to the pipeline. */
const PHASES = ["locks", "annotations", "calls", "functions", "keys", "imports", "flow", "summary", "link", "lockGraph", "graph"].map(a);
const COMPILER = "@ts-morph/common";
const LSP_MODULES = ["vscode-languageserver", "vscode-languageserver-textdocument"];
/** What no part of dispatch (calls/) may import: it must not look at locks. */
const NOT_LOCKS = ["locks", "annotations", "flow", "lockGraph"].map(a);
const SERVER_FEATURES = ["server", "session", "publisher", "convert", "diagnostics", "hover", "codeLens", "codeActions", "suppressActions", "lockGraph"].map(s);

interface Rule {
  /** The header's words the rule encodes. */
  readonly header: string;
  /** Modules or packages it must not import. */
  readonly mustNot?: readonly string[];
  /** When given, the only modules or packages it may import. */
  readonly only?: readonly string[];
  /** Modules or packages it may import only with `import type`. */
  readonly typesOnly?: readonly string[];
}

/**
 * Module → the import rules its header states. A module split or renamed must have its rule
 * carried to the new modules (the test fails while the table names a module that does not exist).
 */
const RULES: Record<string, Rule> = {
  [a("model")]: { header: "must not import an analysis module, or the compiler other than its types", only: [COMPILER], typesOnly: [COMPILER] },
  [a("diagnostics")]: { header: "owns the wording; decides nothing (it knows only the model's types)", only: [a("model")], typesOnly: [a("model")] },
  [a("graph")]: { header: "free of any analysis type; must not know what a lock is", only: [] },
  [a("lockorder")]: { header: "must not do anything at run time", only: [] },
  [a("ordinal")]: { header: "must not depend on the locale", only: [] },
  [a("irqState")]: { header: "must not walk, link or report anything", only: [a("model")], typesOnly: [a("model")] },
  [a("plainCompiler")]: { header: "must not change what any member is, replace anything but the `ts` export, or fail", only: [COMPILER] },
  [a("names")]: { header: "must not follow aliases other than through the checker's getAliasedSymbol, ask the checker for types, or know about locks", only: [COMPILER, a("tree")] },
  [a("tree")]: { header: "must not know what the visitors look for, or anything about locks", only: [COMPILER, a("model")], typesOnly: [a("model")] },
  [a("lines")]: { header: "must not know about locks or files on disk", mustNot: [a("locks"), a("lockGraph"), "node:fs"] },
  [a("locations")]: { header: "must not know anything about locks", mustNot: [a("locks"), a("lockGraph"), a("flow")] },
  [a("locks")]: { header: "must not know about functions, flow or the lock graph", mustNot: [a("functions"), a("calls"), a("annotations"), a("flow"), a("summary"), a("link"), a("lockGraph"), a("analyze")] },
  // Each part of calls/ must not look at locks: NOT_LOCKS, or an `only` list without them.
  [a("calls/index")]: { header: "must not hold logic", only: [a("calls/fileDispatch"), a("calls/fileFlows"), a("calls/linker")], typesOnly: [a("calls/fileFlows")] },
  [a("calls/containers")]: { header: "must not resolve names itself, compute keys, record flows or look at locks", only: [COMPILER, a("calls/symbols")], typesOnly: [a("calls/symbols")] },
  [a("calls/callable")]: { header: "must not compute keys, record flows or look at locks", only: [COMPILER, a("functions"), a("tree"), a("calls/symbols")], typesOnly: [a("calls/symbols")] },
  [a("calls/fileFlows")]: { header: "must not use the type checker, follow expressions or look at locks", only: [COMPILER, a("functions"), a("keys"), a("calls/callable")] },
  [a("calls/symbols")]: { header: "must not follow values, record flows or look at locks", only: [COMPILER, a("keys"), a("names"), a("tree"), a("calls/fileFlows")], typesOnly: [a("calls/fileFlows")] },
  [a("calls/values")]: { header: "must not record flows, close the file's locals or look at locks", mustNot: [...NOT_LOCKS, a("calls/fileFlows"), a("calls/bindings"), a("calls/flowIndex"), a("calls/fileDispatch"), a("calls/linker")] },
  [a("calls/bindings")]: { header: "must not decide which syntax makes a flow, resolve call targets or look at locks", mustNot: [...NOT_LOCKS, a("calls/flowIndex"), a("calls/fileDispatch"), a("calls/linker")] },
  [a("calls/flowIndex")]: { header: "must not bind values itself, resolve call targets for the flow walk or look at locks", mustNot: [...NOT_LOCKS, a("calls/fileDispatch"), a("calls/linker")] },
  [a("calls/fileDispatch")]: { header: "must not look at locks", mustNot: [...NOT_LOCKS, a("calls/linker")] },
  [a("calls/linker")]: { header: "must not use the type checker or look at syntax or locks", only: [a("model"), a("calls/fileFlows")], typesOnly: [a("model")] },
  [a("link")]: { header: "must not use the type checker or look at locks", mustNot: [COMPILER, a("locks"), a("flow"), a("lockGraph")] },
  [a("functions")]: { header: "must not parse annotations or walk bodies", mustNot: [a("annotations"), a("flow")] },
  [a("imports")]: { header: "must not interpret annotations or primitives", mustNot: [a("annotations"), a("flow")] },
  [a("annotations")]: { header: "must not analyse bodies or calls", mustNot: [a("flow"), a("calls"), a("link"), a("lockGraph")] },
  [a("flow/index")]: { header: "must not hold logic", only: [a("flow/context"), a("flow/walker")], typesOnly: [a("flow/context")] },
  [a("flow/heldSet")]: { header: "must not know statements, expressions or the checker, or report anything", only: [COMPILER, a("model"), a("irqState")], typesOnly: [COMPILER, a("model")] },
  [a("flow/context")]: { header: "must not walk, decide or report anything itself", mustNot: [a("flow/walker"), a("flow/primitives"), a("flow/guardedFields"), a("flow/heldSet")] },
  [a("flow/conditions")]: { header: "must not walk, change a state or report anything", mustNot: [a("diagnostics"), a("flow/walker"), a("flow/primitives")], typesOnly: [a("flow/heldSet")] },
  [a("flow/guardedFields")]: { header: "must not walk statements or expressions, or change the held set", mustNot: [a("flow/walker"), a("flow/primitives")], typesOnly: [a("flow/heldSet")] },
  [a("flow/primitives")]: { header: "must not walk statements or expressions itself", mustNot: [a("flow/walker"), a("flow/guardedFields")] },
  [a("flow/walker")]: { header: "must not look into callees' bodies or build the lock graph", mustNot: [a("lockGraph"), a("graph"), a("link"), a("analyze")] },
  [a("lockGraph")]: { header: "must not look at syntax; it sees functions, events and locks only", mustNot: [COMPILER, a("tree"), a("functions"), a("calls"), a("keys"), a("imports"), a("annotations"), a("flow"), a("summary")] },
  [a("lockGraph/acquireKeys")]: { header: "must not know anything about functions or calls", only: [a("model")], typesOnly: [a("model")] },
  [a("lockGraph/closure")]: { header: "must not look at syntax, create edges or report diagnostics", only: [a("graph"), a("model"), a("lockGraph/acquireKeys"), a("lockGraph/releases")], typesOnly: [a("model")] },
  [a("lockGraph/releases")]: { header: "must not create edges or look at syntax", only: [a("graph"), a("model"), a("lockGraph/acquireKeys")], typesOnly: [a("model")] },
  [a("lockGraph/contributions")]: { header: "must not look at syntax, or compute what a callee may acquire or anything about cycles and orders", only: [a("diagnostics"), a("graph"), a("irqState"), a("locks"), a("model"), a("lockGraph/closure")], typesOnly: [a("graph"), a("locks")] },
  [a("lockGraph/interrupts")]: { header: "must not look at syntax or create edges", only: [a("diagnostics"), a("irqState"), a("locks"), a("model"), a("lockGraph/contributions")], typesOnly: [a("locks"), a("model"), a("lockGraph/contributions")] },
  [a("lockGraph/cycles")]: { header: "must not create edges, compute what a function may acquire, or word anything itself", only: [a("diagnostics"), a("graph"), a("locks"), a("model"), a("ordinal"), a("lockGraph/closure"), a("lockGraph/contributions")], typesOnly: [a("locks"), a("lockGraph/contributions")] },
  [a("lockGraph/sequences")]: { header: "must not look at syntax, create edges or report anything", only: [a("graph"), a("model")], typesOnly: [a("model")] },
  [a("lockGraph/orders")]: { header: "must not create edges or find the possible deadlocks", only: [a("diagnostics"), a("graph"), a("locks"), a("lockGraph/contributions")], typesOnly: [a("locks"), a("lockGraph/contributions")] },
  [a("summary")]: { header: "must not refer to another file's function ids, or build anything global", mustNot: [a("link"), a("lockGraph"), a("analyze")] },
  [a("analyze")]: { header: "must not print anything or exit", mustNot: [a("cli"), a("output/text"), a("output/json"), a("output/sarif"), a("output/doc"), a("output/stream")] },
  [a("program")]: { header: "must not analyse anything", mustNot: [...PHASES.filter((m) => m !== a("imports")), a("analyze")] },
  [a("files")]: { header: "must not parse what it reads", mustNot: [...PHASES, a("program")], typesOnly: [COMPILER] },
  [a("codeCache")]: { header: "must not import the compiler (it is loaded before it), or anything of the analysis", only: [] },
  [a("limits")]: { header: "must not decide what is skipped past a bound; the walks do that", mustNot: PHASES },
  [a("queries")]: { header: "must not know LSP, Markdown or any editor", mustNot: [a("output/escape"), a("output/doc")] },
  [a("fixes/runs")]: { header: "must not decide an order or analyse anything", mustNot: [...PHASES.filter((m) => m !== a("imports")), a("analyze")] },
  [a("fixes/morph")]: { header: "must not decide what to change or analyse anything", mustNot: [...PHASES, a("analyze")] },
  [a("fixes/cycleFixes")]: { header: "must not analyse, or know LSP", mustNot: [a("flow"), a("summary"), a("link"), a("fixes/engine")], typesOnly: [a("analyze"), a("lockGraph")] },
  [a("fixes/outerFirst")]: { header: "must not analyse or verify, or know LSP", mustNot: [a("flow"), a("summary"), a("link"), a("fixes/engine"), a("fixes/morph")], typesOnly: [a("analyze")] },
  [a("fixes/engine")]: { header: "must not know LSP (server/ turns fixes into code actions) or build edits itself", mustNot: [a("fixes/morph"), a("fixes/runs"), ...PHASES] },
  [a("suppressions")]: { header: "must not decide any other diagnostic, word anything, or know LSP", mustNot: PHASES, typesOnly: [a("analyze"), a("fixes")] },
  [a("testing")]: { header: "must not analyse", mustNot: [...PHASES, a("analyze"), a("program")] },
  [a("cli")]: { header: "must not analyse or fix anything itself, or load the compiler before it is needed", mustNot: [...PHASES, COMPILER, a("analyze"), a("program")], typesOnly: [a("output/stream")] },
  [a("cliArgs")]: { header: "must not import the compiler or the analysis", mustNot: [...PHASES, COMPILER, a("analyze"), a("program")] },
  [a("cliRun")]: { header: "must not analyse or fix anything itself; it is a thin layer over analyzePaths and fixPaths", mustNot: PHASES },
  [a("cache/resultCache")]: { header: "must not import the compiler or the analysis, or fail a run", only: ["node:crypto", "node:fs", "node:path", "node:v8"] },
  [a("cache/summaryCodec")]: { header: "must not keep anything between calls", only: [COMPILER, a("model")], typesOnly: [a("model")] },
  [a("cache/earlyCutoff")]: { header: "must not answer when unsure", only: ["node:v8", a("lines"), a("locks"), a("model"), a("cache/summaryStore")], typesOnly: [a("model"), a("cache/summaryStore")] },
  [a("cache/summaryStore")]: { header: "must not decide whether a cached answer is still valid, print anything", mustNot: [a("cache/resultCache"), a("cli"), a("cliRun"), a("output/text"), a("output/json")] },
  [a("cache/runInputs")]: { header: "must not import the compiler at run time, or read any file", mustNot: [...PHASES, COMPILER, a("program"), "node:fs"], typesOnly: [a("analyze")] },
  [a("output/doc")]: { header: "must not compute analysis facts (queries and the result do)", mustNot: PHASES, typesOnly: [a("analyze")] },
  [a("output/graph")]: { header: "must not compute the graph", mustNot: PHASES },
  [a("output/json")]: { header: "must not compute anything the result does not already hold", mustNot: PHASES },
  [a("output/order")]: { header: "must not compute the order (lockGraph.ts does)", mustNot: PHASES },
  [a("output/sarif")]: { header: "must not compute anything", mustNot: PHASES },
  [a("output/text")]: { header: "must not compute anything the result does not already hold", mustNot: PHASES },
  [a("output/irqReport")]: { header: "must not compute anything the diagnostics do not already hold", mustNot: PHASES, typesOnly: [a("model")] },
  [a("output/escape")]: { header: "must not decide what is shown", only: [] },
  [a("output/stream")]: { header: "must not decide what an output contains", only: [] },
  [a("records")]: { header: "must not know what a record holds or how it is built (analyze.ts does), or import anything", only: [] },
  [s("scheduler")]: { header: "must not know what an analysis is", only: [] },
  [s("workspace")]: { header: "must not talk LSP (server.ts does)", mustNot: [...LSP_MODULES, ...SERVER_FEATURES] },
  [s("server")]: { header: "must not keep the workspaces' state or analyse (session.ts), decide which diagnostics are sent (publisher.ts)", mustNot: [s("diagnostics")], typesOnly: [s("workspace"), s("scheduler")] },
  [s("session")]: { header: "must not talk to the client (server.ts does), decide how diagnostics are sent (publisher.ts) or answer a feature request", mustNot: ["vscode-languageserver", s("server"), s("hover"), s("codeLens"), s("codeActions"), s("lockGraph")], typesOnly: [s("publisher")] },
  [s("publisher")]: { header: "must not analyse or decide when to (session.ts does); know which workspace a file belongs to", mustNot: [s("session"), s("server"), s("workspace"), s("scheduler")] },
  [s("suppressActions")]: { header: "must not compute the edit (the analyzer does), or offer the other fixes (codeActions.ts)", mustNot: [s("codeActions"), s("session"), s("publisher"), s("server")], typesOnly: [s("workspace"), s("settings")] },
  [s("bundleStart")]: { header: "owns loading the bundle through the code cache; must not do anything else", only: ["lockorder/codeCache"] },
  [s("main")]: { header: "owns the process and the connection; must not do anything else", only: ["vscode-languageserver/node", s("server")] },
  [c("status")]: { header: "must not talk to the server", mustNot: [c("client"), "vscode-languageclient", "vscode-languageclient/node"] },
  [c("client")]: { header: "must not know about webviews or commands", mustNot: [c("graphView"), c("commands")] },
  [c("graphPage")]: { header: "must not import anything at run time", only: [c("client"), c("graphView")], typesOnly: [c("client"), c("graphView")] },
  [s("firstRun")]: { header: "must not analyse, talk to the client itself, or write to the workspace", mustNot: ["vscode-languageserver", "node:fs", s("server"), s("session"), s("publisher")], typesOnly: [s("workspace")] },
  [c("docs")]: { header: "must not talk to the server", mustNot: [c("client"), "vscode-languageclient", "vscode-languageclient/node"] },
  [c("firstRun")]: { header: "must not analyse, or decide whether a folder resolves the module (the server does)", mustNot: ["vscode-languageclient", "vscode-languageclient/node"], typesOnly: [c("client")] },
};

const lsp = (t: string) => t.startsWith("vscode-languageserver");
const vscode = (t: string) => t === "vscode" || t.startsWith("vscode-languageclient");
const compiler = (t: string) => t === COMPILER || t.startsWith(`${COMPILER}/`) || t === "typescript" || t.startsWith("typescript/");
const analyzerPackage = (t: string) => t === "lockorder" || t.startsWith("lockorder/");

/** Which packages each part of the repository may not import (invariant 2), and why. */
const AREA_RULES: { area: string; forbidden: (target: string) => boolean; fix: string }[] = [
  { area: "analyzer/", forbidden: lsp, fix: "only server/ knows LSP: move the LSP part to server/src and give it plain data from the analyzer" },
  { area: "analyzer/", forbidden: vscode, fix: "only client/ knows VS Code: move that part to client/src" },
  { area: "server/", forbidden: vscode, fix: "only client/ knows VS Code: the server speaks LSP to any editor" },
  { area: "server/src/", forbidden: compiler, fix: "only the analyzer imports the compiler: add what the server needs to the analyzer (analyzer/src, exported from index.ts) and import it from lockorder/analyzer" },
  { area: "client/", forbidden: lsp, fix: "only server/ knows the LSP server library: the client talks to it through vscode-languageclient" },
  { area: "client/src/", forbidden: compiler, fix: "only the analyzer imports the compiler: ask the server for what the client needs" },
  { area: "client/src/", forbidden: analyzerPackage, fix: "the client must not analyse: ask the server (a custom request) instead of importing the analyzer" },
];

function where(m: Module, i: Import): string {
  return `${m.file}:${i.line} imports '${i.target}'`;
}

describe("tidy: headers", () => {
  test("every module opens with a header comment that has an Owns: and a Must not: part", () => {
    const problems: string[] = [];
    for (const m of SOURCES) {
      const text = m.sf.text.replace(/^#!.*\n/, "");
      const header = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0];
      if (!header) problems.push(`${m.file}: opens without a header comment; start it with /** … */ saying what the module owns and must not do`);
      else if (!/\bOwns:/.test(header) || !/\bMust not:/.test(header)) {
        problems.push(`${m.file}: its header comment lacks ${/\bOwns:/.test(header) ? "" : "an 'Owns:' part "}${/\bMust not:/.test(header) ? "" : "a 'Must not:' part"}; say what the module owns and what it must not do`);
      }
    }
    assert.deepEqual(problems, [], `Headers to fix:\n${problems.join("\n")}`);
  });
});

describe("tidy: imports", () => {
  test("only server/ imports LSP, only client/ imports VS Code, only the analyzer imports the compiler", () => {
    const problems: string[] = [];
    for (const m of [...SOURCES, ...TESTS]) {
      for (const rule of AREA_RULES) {
        if (!m.file.startsWith(rule.area)) continue;
        for (const i of m.imports) if (rule.forbidden(i.target)) problems.push(`${where(m, i)}: ${rule.fix}`);
      }
    }
    assert.deepEqual(problems, [], `Imports that break the layering:\n${problems.join("\n")}`);
  });

  test("every module named in the rule table exists", () => {
    const missing = Object.keys(RULES).filter((name) => !byName.has(name));
    assert.deepEqual(missing, [], `RULES in analyzer/test/tidy.test.ts names modules that do not exist (renamed or split?): ${missing.join(", ")}; carry each rule to the modules that now hold that code`);
  });

  test("each module imports nothing its header forbids", () => {
    const problems: string[] = [];
    for (const [name, rule] of Object.entries(RULES)) {
      const m = byName.get(name);
      if (!m) continue;
      for (const i of m.imports) {
        // A module forbidden is forbidden with the folder of its parts (lockGraph and lockGraph/*).
        if (rule.mustNot?.some((t) => i.target === t || i.target.startsWith(`${t}/`))) problems.push(`${where(m, i)}, but its header says it ${rule.header}: move what it needs into a module it may import, or change the design and the header together`);
        else if (rule.only && !rule.only.includes(i.target) && !i.target.startsWith("node:")) {
          problems.push(`${where(m, i)}, but its header says it ${rule.header}, so it may import only ${rule.only.length > 0 ? rule.only.join(", ") : "nothing"}: move that dependency out`);
        }
        if (rule.typesOnly?.includes(i.target) && !i.typeOnly) problems.push(`${where(m, i)} for more than types, but its header says it ${rule.header}: use \`import type\` and move the logic that needs it elsewhere`);
      }
    }
    assert.deepEqual(problems, [], `Imports that contradict the module headers:\n${problems.join("\n")}`);
  });
});

/**
 * Calls that word part of a diagnostic, by callee name: which arguments are wording.
 * DiagnosticSink.add takes arguments, not text (diagnostics.ts words them); the codes that carry
 * a worded `message` are checked by that property's name below.
 */
const WORDING_ARGUMENTS = new Map<string, readonly number[]>([
  ["invalid", [1]],
  ["invalidAt", [1]],
  ["containedToFile", [1]],
  ["fileLevel", [0]],
  ["unanalysedFile", [2]],
  ["problemOf", [1]],
]);
/** Properties and parameters that carry wording (related information, problems, reasons). */
const WORDING_NAMES = new Set(["message", "note", "reason", "during", "doing"]);

/** Whether an expression writes text of its own (a literal, a template, a concatenation with one). */
function writesText(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return writesText(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text.length > 0;
  if (ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return writesText(e.left) || writesText(e.right);
  if (ts.isConditionalExpression(e)) return writesText(e.whenTrue) || writesText(e.whenFalse);
  return false;
}

describe("tidy: diagnostic wording", () => {
  test("no diagnostic message text outside analyzer/src/diagnostics.ts", () => {
    const problems: string[] = [];
    for (const m of SOURCES) {
      if (!m.file.startsWith("analyzer/src/") || m.name === a("diagnostics")) continue;
      const report = (node: ts.Node, what: string) => {
        const line = m.sf.getLineAndCharacterOfPosition(node.getStart(m.sf)).line + 1;
        problems.push(`${m.file}:${line}: ${what} ${node.getText(m.sf).slice(0, 80)}: add the wording to \`messages\` (or \`during\`) in analyzer/src/diagnostics.ts and use it here`);
      };
      forEachDescendant(m.sf, (node) => {
        if (ts.isCallExpression(node)) {
          const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : undefined;
          const indices = callee !== undefined ? WORDING_ARGUMENTS.get(callee) : undefined;
          if (!indices) return;
          for (const i of indices) if (node.arguments[i] && writesText(node.arguments[i])) report(node.arguments[i], `${callee}() is given the text`);
        } else if ((ts.isPropertyAssignment(node) || ts.isParameter(node) || ts.isVariableDeclaration(node)) && node.initializer && ts.isIdentifier(node.name) && WORDING_NAMES.has(node.name.text)) {
          if (writesText(node.initializer)) report(node.initializer, `'${node.name.text}' is given the text`);
        }
      });
    }
    assert.deepEqual(problems, [], `Diagnostic wording outside diagnostics.ts:\n${problems.join("\n")}`);
  });
});

/** The codes that some fixture's `// expect:` comment lists (in models, tsconfigs and patches). */
function expectedCodes(): Set<string> {
  const codes = new Set<string>();
  const pending = [FIXTURES];
  while (pending.length > 0) {
    const d = pending.pop()!;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") pending.push(full);
        continue;
      }
      // Regular text files only: a FIFO or device among the fixtures would block or never end.
      if (!entry.isFile() || !/\.(ts|tsx|json|patch)$/.test(entry.name)) continue;
      for (const m of fs.readFileSync(full, "utf8").matchAll(/\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/g)) {
        for (const code of m[1].split(",")) codes.add(code.trim());
      }
    }
  }
  return codes;
}

/** The VS Code extension's schema of `lockorder.severity` (client/package.json). */
interface SeveritySchema {
  properties?: Record<string, { type?: string; enum?: string[]; markdownDescription?: string }>;
  additionalProperties?: unknown;
}
const LEVELS = ["error", "warning", "information", "hint", "off"];

describe("tidy: diagnostic codes", () => {
  const docs = fs.readFileSync(path.join(REPO_ROOT, "docs/diagnostics.md"), "utf8");
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const fixtures = expectedCodes();
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "client/package.json"), "utf8"));
  const severitySchema: SeveritySchema = manifest.contributes.configuration.properties["lockorder.severity"];
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  for (const code of Object.keys(CODES) as DiagnosticCode[]) {
    test(code, () => {
      const severity = CODES[code];
      const problems: string[] = [];
      if (!fixtures.has(code)) problems.push(`no fixture expects it: add a model under test-fixtures/ with a \`// expect: ${code}\` comment on the line where it is reported`);
      if (!new RegExp(`^## ${escape(code)}$`, "m").test(docs)) problems.push(`docs/diagnostics.md has no \`## ${code}\` section: document what it means, its message and an example`);
      if (!new RegExp(`^\\| \\[\`${escape(code)}\`\\]\\(#${escape(code)}\\) \\| ${severity} \\|`, "m").test(docs)) {
        problems.push(`docs/diagnostics.md's table has no row  | [\`${code}\`](#${code}) | ${severity} | …  (the severity as in CODES in diagnostics.ts)`);
      }
      if (!new RegExp(`^\\| \\[\`${escape(code)}\`\\]\\(docs/diagnostics\\.md#${escape(code)}\\) \\| ${severity} \\|`, "m").test(readme)) {
        problems.push(`README.md's table of diagnostics has no row  | [\`${code}\`](docs/diagnostics.md#${code}) | ${severity} | …`);
      }
      if (!DESCRIPTIONS[code]) problems.push("DESCRIPTIONS in analyzer/src/diagnostics.ts has no entry for it: add its one-line description");
      const setting = severitySchema.properties?.[code];
      if (!setting || setting.type !== "string" || JSON.stringify(setting.enum) !== JSON.stringify(LEVELS) || !setting.markdownDescription?.includes(`Default: \`${severity}\`.`)) {
        problems.push(
          `client/package.json's lockorder.severity schema has no property for it as the others are: add  "${code}": { "type": "string", "enum": ${JSON.stringify(LEVELS)}, "markdownDescription": "<its DESCRIPTIONS entry> Default: \`${severity}\`." }`,
        );
      }
      assert.deepEqual(problems, [], `Diagnostic code '${code}':\n${problems.join("\n")}`);
    });
  }

  test("client/package.json's lockorder.severity lists the codes and nothing else, and flags any other", () => {
    const extra = Object.keys(severitySchema.properties ?? {}).filter((code) => !(code in CODES));
    assert.deepEqual(extra, [], `client/package.json's lockorder.severity lists codes that CODES in analyzer/src/diagnostics.ts does not have (renamed or removed?): ${extra.join(", ")}`);
    assert.equal(severitySchema.additionalProperties, false, "lockorder.severity must have \"additionalProperties\": false, so that VS Code flags a misspelt code");
  });
});
