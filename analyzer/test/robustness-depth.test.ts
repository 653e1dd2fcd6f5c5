/**
 * Depth and size never stop the run (issue 11, item 4; item 5's held-lock cap): each class of
 * deep or oversized input, generated in a temp folder next to a file with a real ABBA deadlock,
 * through `lockorder check --format json` as a process. The run ends within a bound, exits 1, the
 * deep function or file says it was not fully analysed (or, where TypeScript copes, is simply
 * analysed), and the deadlock in the other file is still found.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "./paths";
import { writeDeadlockModel } from "../src/testing";

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");
const HEAD = 'import { defineLock, lock, unlock } from "lockorder";\nimport { a, b } from "./locks";\n';

interface Doc {
  diagnostics: { file: string; line: number; code: string; message: string }[];
}

/** Writes the model (locks.ts, abba.ts with the deadlock, and `files`) and checks it. */
function check(files: Record<string, string>): { status: number | null; doc: Doc; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-depth-"));
  try {
    writeDeadlockModel(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = spawnSync(process.execPath, [BIN, "check", "--format", "json", "."], { cwd: dir, encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
    assert.equal(r.error, undefined, `the run did not finish: ${r.error}`);
    return { status: r.status, doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The common assertions; returns the analysis-incomplete diagnostics of `file`. */
function assertContained(r: ReturnType<typeof check>, file: string): Doc["diagnostics"] {
  assert.equal(r.status, 1, r.stderr);
  const inversions = r.doc.diagnostics.filter((d) => d.code === "lock-order-inversion").map((d) => `${d.file}:${d.line}`);
  assert.deepEqual(inversions, ["abba.ts:3", "abba.ts:4"], "the deadlock in the other file is still found");
  return r.doc.diagnostics.filter((d) => d.code === "analysis-incomplete" && d.file === file);
}

const nested = (open: string, close: string, n: number, inner = "lock(a); unlock(a);\n") => `${open.repeat(n)}${inner}${close.repeat(n)}`;

describe("deep nesting is bounded in the flow walk", () => {
  for (const [kind, body] of [
    ["if", nested("if (x) {\n", "}\n", 600)],
    ["while", nested("while (x) {\n", "}\n", 500)],
    ["blocks", nested("{\n", "}\n", 1000)],
  ] as const) {
    test(`nested ${kind}: the function is reported on its name, the rest analysed`, () => {
      const r = check({ "deep.ts": `${HEAD}export function deep(x: number): void {\n${body}}\n` });
      const incomplete = assertContained(r, "deep.ts");
      assert.deepEqual(incomplete.map((d) => `${d.line} ${d.message}`), ["3 'deep' was not fully analysed: statements and expressions nested deeper than 400 levels"]);
    });
  }

  test("nesting past TypeScript's binder is contained to its file", () => {
    const r = check({ "deep.ts": `${HEAD}export function deep(x: number): void {\n${nested("if (x) {\n", "}\n", 1000)}}\n` });
    const incomplete = assertContained(r, "deep.ts");
    assert.equal(incomplete.length, 1);
    assert.match(incomplete[0].message, /^this file was not fully analysed while binding its names: the compiler ran out of stack/);
    assert.equal(r.stderr, "", "a stack overflow on deep input is no internal error");
  });
});

describe("nesting past TypeScript's parser is contained to its file", () => {
  let callbacks = "0";
  for (let i = 0; i < 600; i++) callbacks = `[1].map(() => ${callbacks})`;
  for (const [kind, expr] of [
    ["3,000 parentheses", `${"(".repeat(3000)}1${")".repeat(3000)}`],
    ["1,500 nested calls", `${"g(".repeat(1500)}1${")".repeat(1500)}`],
    ["600 nested callbacks", callbacks],
  ] as const) {
    test(kind, () => {
      const r = check({ "deep.ts": `${HEAD}function g(n: number): number { return n; }\nexport const deep = ${expr};\n` });
      const incomplete = assertContained(r, "deep.ts");
      assert.deepEqual(incomplete.map((d) => `${d.line} ${d.message}`), ["1 not analysed: the compiler ran out of stack (deeply nested code or types)"]);
    });
  }
});

describe("long chains are analysed as TypeScript analyses them", () => {
  for (const [kind, expr] of [
    ["+", Array(20_000).fill("x").join(" + ")],
    ["comma", `(${Array(20_000).fill("x").join(", ")})`],
  ] as const) {
    test(`a 20,000-term ${kind} chain`, () => {
      const r = check({ "chain.ts": `${HEAD}export function chain(x: number): number {\n  lock(b);\n  lock(a);\n  unlock(a);\n  unlock(b);\n  return ${expr};\n}\n` });
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(r.doc.diagnostics.filter((d) => d.code === "analysis-incomplete"), []);
      // The chain's function is analysed: its b → a closes a cycle with abba.ts's a → b.
      assert.ok(r.doc.diagnostics.some((d) => d.file === "chain.ts" && d.line === 5 && d.code === "lock-order-inversion"));
    });
  }
});

describe("the checker out of stack is contained", () => {
  test("a 700-class extends chain with a call through it", () => {
    const classes = ["class C0 { m(): void {} }"];
    for (let i = 1; i < 700; i++) classes.push(`class C${i} extends C${i - 1} {}`);
    const r = check({ "classes.ts": `${HEAD}${classes.join("\n")}\nexport function viaChain(c: C699): void {\n  lock(a);\n  c.m();\n  unlock(a);\n}\n` });
    assertContained(r, "classes.ts");
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  test("200 chained `after:` declarations without a resolvable lockorder module", () => {
    const lines = ['import { defineLock } from "lockorder-missing";', 'export const d0 = defineLock("d0");'];
    for (let i = 1; i < 200; i++) lines.push(`export const d${i} = defineLock("d${i}", { after: [d${i - 1}] });`);
    const r = check({ "after.ts": lines.join("\n") + "\n" });
    assertContained(r, "after.ts");
  });
});

describe("the held-lock cap (lockdep's MAX_LOCK_DEPTH)", () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `l${i}`);
  const declarations = `import { acquires } from "lockorder";\n${names.map((n) => `export const ${n} = defineLock("${n}");`).join("\n")}\n`;
  for (const [form, fn] of [
    ["decorator", `class Many {\n  @acquires(${names.join(", ")})\n  takeAll(): void {}\n}\nexport const many = new Many();\n`],
    ["JSDoc", `/** @acquires ${names.join(", ")} */\nexport function takeAll(): void {}\n`],
  ] as const) {
    test(`@acquires with 10,000 locks (${form})`, () => {
      const r = check({ "many.ts": `${HEAD}${declarations}${fn}` });
      const incomplete = assertContained(r, "many.ts");
      assert.equal(incomplete.length, 1, JSON.stringify(incomplete));
      assert.match(incomplete[0].message, /was not fully analysed: more than 48 locks held at once \(lockdep's MAX_LOCK_DEPTH\)/);
    });
  }
});
