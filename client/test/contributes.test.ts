/**
 * What the extension's manifest contributes, checked without VS Code: the `$lockorder` problem
 * matcher against the CLI's real text output (every diagnostic line gives back its file, line,
 * column, severity, message and code; no other line matches); the snippets, expanded with their
 * defaults, make a model that TypeScript compiles against the lockorder module Set Up Model
 * Folder writes (client/dist/lockorder, with templates/tsconfig.json) and that Lockorder reads
 * without an annotation problem; the example model's deadlock; the walkthrough's media and
 * commands. (lockorder.severity against the codes: analyzer/test/tidy.test.ts.)
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";

const REPO = path.resolve(__dirname, "../../..");
const CLIENT = path.join(REPO, "client");
const CLI = path.join(REPO, "analyzer/bin/lockorder.js");
const manifest = JSON.parse(fs.readFileSync(path.join(CLIENT, "package.json"), "utf8"));

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  suppressed?: boolean;
}

function lockorder(args: string[], cwd = REPO): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, `lockorder ${args.join(" ")}: exit ${run.status}\n${run.stderr}`);
  return run.stdout;
}

describe("the $lockorder problem matcher", () => {
  const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === "lockorder");
  const regexp = new RegExp(matcher.pattern.regexp);
  // Errors and warnings, cycles' and interrupt problems' multi-line reports among them.
  const models = ["test-fixtures/flow", "test-fixtures/seeds/000-pqap-hook/before", "test-fixtures/kernel/8139too-irq"];

  test("is named $lockorder, owned apart from the language server's diagnostics, paths from the workspace folder", () => {
    assert.equal(matcher.name, "lockorder");
    assert.notEqual(matcher.owner, "lockorder", "a task's problems must not replace the language client's collection (named lockorder)");
    assert.deepEqual(matcher.fileLocation, ["autoDetect", "${workspaceFolder}"]);
  });

  test("matches each diagnostic line of `lockorder check` and gives back what the JSON output says", () => {
    const text = lockorder(["check", ...models]).split("\n");
    const json = (JSON.parse(lockorder(["check", ...models, "--format", "json"])).diagnostics as JsonDiagnostic[]).filter((d) => !d.suppressed);
    assert.ok(json.some((d) => d.severity === "warning") && json.some((d) => d.severity === "error"), "the models give errors and warnings");
    const p = matcher.pattern;
    const matched = text.flatMap((line) => {
      const m = regexp.exec(line);
      return m ? [{ file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], message: m[p.message], code: m[p.code] }] : [];
    });
    assert.deepEqual(
      matched,
      json.map((d) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, message: d.message, code: d.code })),
    );
  });

  test("an absolute path (a check of a folder outside the workspace) and a Windows drive letter", () => {
    const line = "C:\\models\\kvm.ts:36:11: error: possible deadlock: acquiring mutex 'a' while holding 'b' [SN]; elsewhere … [lock-order-inversion]";
    const m = regexp.exec(line)!;
    assert.deepEqual([m[1], m[2], m[3], m[4], m[6]], ["C:\\models\\kvm.ts", "36", "11", "error", "lock-order-inversion"]);
    assert.equal(m[5], "possible deadlock: acquiring mutex 'a' while holding 'b' [SN]; elsewhere …");
  });
});

/** A snippet body with each placeholder replaced by its default (a choice by its first option). */
function expand(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join("\n") : body;
  let previous;
  let out = text;
  do {
    previous = out;
    out = out.replace(/\$\{\d+:([^{}]*)\}/g, "$1").replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, "$1");
  } while (out !== previous);
  return out.replace(/\$\{?\d+\}?/g, "").replace(/\t/g, "  ");
}

function indent(text: string, by: string): string {
  return text.split("\n").map((l) => (l ? by + l : l)).join("\n");
}

describe("snippets", () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(CLIENT, "snippets/lockorder.code-snippets"), "utf8")) as Record<string, { prefix: string | string[]; body: string | string[] }>;
  const contributed = manifest.contributes.snippets as { language: string; path: string }[];
  const lockorderExports = new Set([...fs.readFileSync(path.join(REPO, "analyzer/src/lockorder.ts"), "utf8").matchAll(/^export function (\w+)/gm)].map((m) => m[1]));

  test("are contributed for TypeScript and TSX, with the primitives and decorators a model uses", () => {
    assert.deepEqual(contributed.map((c) => c.language).sort(), ["typescript", "typescriptreact"]);
    const prefixes = Object.values(snippets).flatMap((s) => [s.prefix].flat());
    for (const p of ["defineLock", "@acquires", "@requires", "@excludes", "@returnsHolding", "@releases", "@hardirq", "@softirq", "@guardedBy", "lock unlock", "lock irqsave", "guard", "withLock", "tryLock"]) {
      assert.ok(prefixes.includes(p), `a snippet with the prefix ${p}`);
    }
  });

  test("call only what the lockorder module exports", () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = expand(s.body);
      for (const m of body.matchAll(/(@|\b)(defineLock|acquires|requires|excludes|returnsHolding|releases|tryAcquires|hardirq|softirq|guardedBy|noLockAnalysis|lock|unlock|tryLock|guard|withLock|irqsave|irq|bh|shared|nested)\b/g)) {
        assert.ok(lockorderExports.has(m[2]), `${name}: ${m[2]} is not exported by lockorder`);
      }
    }
  });

  test("expanded with their defaults, make a model that compiles against the set-up module and that Lockorder reads", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-snippets-"));
    try {
      // What Set Up Model Folder writes (firstRun.ts): the shipped module and the template tsconfig.
      fs.cpSync(path.join(CLIENT, "dist/lockorder"), path.join(dir, "node_modules/lockorder"), { recursive: true });
      fs.copyFileSync(path.join(CLIENT, "templates/tsconfig.json"), path.join(dir, "tsconfig.json"));
      const bodies = Object.entries(snippets).map(([name, s]) => ({ name, code: expand(s.body).trimEnd() }));
      const at = (where: (code: string) => boolean) => bodies.filter((b) => where(b.code));
      const topLevel = at((c) => /^(export const|import)/.test(c));
      const members = at((c) => c.startsWith("@"));
      const statements = bodies.filter((b) => !topLevel.includes(b) && !members.includes(b));
      assert.equal(topLevel.length + members.length + statements.length, bodies.length);
      const model = [
        `import { ${[...lockorderExports].sort().join(", ")} } from "lockorder";`,
        // The primitives' defaults name devLock (a mutex); the interrupt modifiers need a spinlock.
        ...topLevel.filter((b) => !b.code.startsWith("import")).map((b) => b.code.replace(/^export const devLock = defineLock\("dev->lock", \{ kind: "mutex" \}\);/m, `export const devLock = defineLock("dev->lock", { kind: "spinlock" });`)),
        "export class Model {",
        ...members.map((b) => indent(b.code, "  ")),
        ...statements.map((b, i) => indent(`statement${i}(): number {\n${indent(b.code, "  ")}\n  return 0;\n}`, "  ")),
        "}",
        "",
      ].join("\n");
      fs.writeFileSync(path.join(dir, "model.ts"), model);
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [REPO] }), "-p", dir], { encoding: "utf8" });
      assert.equal(tsc.status, 0, `tsc on the snippets' model:\n${tsc.stdout}${tsc.stderr}\n${model}`);
      const diagnostics = (JSON.parse(lockorder(["check", dir, "--format", "json"])).diagnostics as JsonDiagnostic[]).map((d) => `${d.line}: ${d.code}: ${d.message}`);
      assert.deepEqual(diagnostics.filter((d) => /invalid-annotation|unknown-lock|analysis-incomplete|config-error/.test(d)), [], model);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Set Up Model Folder's files and the example model", () => {
  test("the tsconfig it writes has the options of the fixtures' tsconfig", () => {
    const template = JSON.parse(fs.readFileSync(path.join(CLIENT, "templates/tsconfig.json"), "utf8"));
    const fixtures = JSON.parse(fs.readFileSync(path.join(REPO, "test-fixtures/tsconfig.json"), "utf8"));
    assert.deepEqual(template.compilerOptions, fixtures.compilerOptions);
  });

  test("the module it writes is the analyzer's lockorder module, marked as the extension's", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(CLIENT, "dist/lockorder/package.json"), "utf8"));
    assert.equal(pkg.name, "lockorder");
    assert.equal(pkg.writtenBy, "lockorder-vscode");
    assert.equal(pkg.types, "lockorder.d.ts");
    const shipped = fs.readFileSync(path.join(CLIENT, "dist/lockorder/lockorder.d.ts"), "utf8");
    assert.equal(shipped, fs.readFileSync(path.join(REPO, "analyzer/dist/src/lockorder.d.ts"), "utf8").replace(/^\/\/# sourceMappingURL=.*\n?/m, ""));
  });

  test("the example model has one possible deadlock, reported at both sides", () => {
    const out = JSON.parse(lockorder(["check", path.join(CLIENT, "templates"), "--format", "json"])).diagnostics as JsonDiagnostic[];
    // probe() holds dev->lock while startIo() (@acquires(ioLock)) takes dev->io_lock; reset()
    // takes dev->io_lock and then dev->lock.
    assert.deepEqual(out.map((d) => `${path.basename(d.file)}:${d.line} ${d.code}`), ["lockorder-example.ts:15 lock-order-inversion", "lockorder-example.ts:25 lock-order-inversion"]);
  });
});

describe("the extension's README", () => {
  test("shows pictures that are in docs/screenshots (vsce links them to the repository: the extension's page shows only https images)", () => {
    const pictures = fs.readFileSync(path.join(CLIENT, "README.md"), "utf8").match(/\]\(([^)\s]+\.png)\)/g) ?? [];
    assert.ok(pictures.length > 0);
    for (const link of pictures) {
      const picture = link.slice(2, -1);
      assert.match(picture, /^docs\/screenshots\/[\w.-]+\.png$/, `${picture}: client/README.md shows pictures from docs/screenshots/, by their path in the repository`);
      assert.ok(fs.existsSync(path.join(REPO, picture)), `${picture} exists (copy it from test-output/e2e/ after a passing run)`);
    }
  });
});

describe("the walkthrough", () => {
  const walkthrough = manifest.contributes.walkthroughs[0];
  const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
  const vscodeCommands = new Set(["workbench.actions.view.problems"]);

  test("writes a model, sees a deadlock, fixes it and opens the graph", () => {
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ["setUp", "writeModel", "seeDeadlock", "fixIt", "openGraph"],
    );
  });

  for (const step of walkthrough.steps as { id: string; description: string; media: { image?: string; markdown?: string } }[]) {
    test(`${step.id}: its media are shipped and its links name commands that exist`, () => {
      // Images come from docs/screenshots (the bundle copies them); Markdown lives in client/.
      if (step.media.image) assert.ok(fs.existsSync(path.join(REPO, step.media.image)), `${step.media.image} in the repository`);
      if (step.media.markdown) assert.ok(fs.existsSync(path.join(CLIENT, step.media.markdown)), `client/${step.media.markdown}`);
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(m[1]) || vscodeCommands.has(m[1]), `${m[1]} is a command`);
    });
  }
});
