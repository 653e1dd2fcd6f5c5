/**
 * The command line: every fixture through `lockorder check --format json` (in-process, the same
 * code path as the bin), the JSON shape of README.md#json-output, the text report and the exit codes.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { actualDiagnostics, expectedDiagnostics, findModels, modelConfig, modelFiles, writeDeadlockModel } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";
import { runCli } from "./runCli";

const run = runCli;

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");

describe("fixtures through `lockorder check --format json`", () => {
  for (const dir of findModels(FIXTURES)) {
    test(path.relative(FIXTURES, dir), async () => {
      const files = [...modelFiles(dir), ...modelConfig(dir)];
      const { status, stdout } = await run(["check", "--format", "json", ...files.map((f) => path.relative(REPO_ROOT, f))]);
      const doc = JSON.parse(stdout);
      const expected = expectedDiagnostics(files, REPO_ROOT);
      assert.deepEqual(actualDiagnostics(doc.diagnostics), expected);
      const codes = doc.diagnostics.map((d: { code: string; severity: string }) => (d.code === "config-error" ? "config" : d.severity));
      assert.equal(status, codes.includes("config") ? 2 : codes.includes("error") ? 1 : 0);
    });
  }
});

describe("the JSON shape (README.md#json-output)", () => {
  test("has exactly the documented keys", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/calls/interface-dispatch"]);
    const doc = JSON.parse(stdout);
    assert.deepEqual(Object.keys(doc), ["version", "diagnostics", "locks", "order", "cycles", "functions"]);
    assert.equal(doc.version, 1);
    const d = doc.diagnostics[0];
    assert.deepEqual(Object.keys(d), ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "related"]);
    assert.match(d.file, /^test-fixtures\/calls\/interface-dispatch\/vfio\.ts$/, "paths are cwd-relative with /");
    assert.deepEqual(Object.keys(d.related[0]), ["file", "line", "column", "message"]);
    assert.deepEqual(Object.keys(doc.locks[0]), ["name", "kind", "rank", "file", "line"]);
    assert.deepEqual(Object.keys(doc.functions[0]), ["name", "file", "line", "requires", "excludes", "acquires", "mayAcquire", "heldAtExit", "releases"]);
    assert.deepEqual(doc.cycles, [["vfio_group->group_lock", "kvm->lock"]]);
  });

  test("the message names both sides of the cycle and the related information the other side", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/calls/interface-dispatch"]);
    const [first, second] = JSON.parse(stdout).diagnostics;
    assert.equal(
      first.message,
      "possible deadlock: acquiring mutex 'kvm->lock' while holding 'vfio_group->group_lock'; elsewhere 'vfio_group->group_lock' is acquired while holding 'kvm->lock' (cycle vfio_group->group_lock → kvm->lock → vfio_group->group_lock)",
    );
    assert.equal(first.related[0].line, second.line);
    assert.equal(second.related[0].line, first.line);
  });

  test("locks on a cycle share a rank; the order follows declared and observed edges", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/calls/interface-dispatch"]);
    const doc = JSON.parse(stdout);
    const ranks = new Map(doc.locks.map((l: { name: string; rank: number }) => [l.name, l.rank]));
    assert.equal(ranks.get("kvm->lock"), ranks.get("vfio_group->group_lock"));
    assert.deepEqual(doc.order, doc.locks.map((l: { name: string }) => l.name));
  });
});

describe("text output and exit codes", () => {
  test("a cycle ends with lockdep's unsafe-scenario table and a summary line", async () => {
    const { status, stdout } = await run(["check", "test-fixtures/calls/interface-dispatch"]);
    assert.equal(status, 1);
    assert.match(stdout, /^test-fixtures\/calls\/interface-dispatch\/vfio\.ts:9:3: error: possible deadlock: .* \[lock-order-inversion\]$/m);
    assert.match(stdout, /CPU0 {20}CPU1/);
    assert.match(stdout, /\*\*\* DEADLOCK \*\*\*/);
    assert.match(stdout, /^2 errors, 0 warnings in 3 files$/m);
  });

  test("the scenario table prints every read as rlock, recursive or not (lockdep's verbs)", async () => {
    const { stdout } = await run(["check", "test-fixtures/diagnostics/lock-order-inversion-rwsem-read-read"]);
    const table = stdout.slice(stdout.indexOf("Possible unsafe locking scenario"));
    assert.equal(table.match(/rlock\(/g)?.length, 4, table);
  });

  test("a wait under a spinlock says it waits", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/diagnostics/sleep-in-atomic-wait-under-spinlock"]);
    const [d] = JSON.parse(stdout).diagnostics;
    assert.match(d.message, /^waiting for completion '.*' while holding spinning spinlock '.*'$/);
  });

  test("a clean model prints only the summary line and exits 0", async () => {
    const { status, stdout } = await run(["check", "test-fixtures/lockdep/calls/rlock"]);
    assert.equal(status, 0);
    assert.equal(stdout, "0 errors, 0 warnings in 1 file\n");
  });

  test("warnings alone exit 0, and 1 over --max-warnings", async () => {
    const model = "test-fixtures/diagnostics/declared-order-violation-after";
    assert.equal((await run(["check", model])).status, 0);
    assert.equal((await run(["check", model, "--max-warnings", "0"])).status, 1);
    assert.equal((await run(["check", model, "--max-warnings=5"])).status, 0);
  });

  test("usage and configuration errors exit 2", async () => {
    assert.equal((await run(["check", "--format", "xml", "."])).status, 2);
    assert.equal((await run(["check", "--frobnicate"])).status, 2);
    assert.equal((await run(["frobnicate"])).status, 2);
    const missing = await run(["check", "no/such/path"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or directory: no\/such\/path/);
  });

  test("--stats reports counts and phases", async () => {
    const { stdout } = await run(["check", "test-fixtures/calls/unresolved-call", "--stats"]);
    assert.match(stdout, /files: 1, functions: \d+, locks: \d+, edges: \d+, calls: \d+ \(\d+ unresolved\)/);
    assert.match(stdout, /time: load \d+ ms, declarations \d+ ms/);
  });

  test("graph draws locks in order, edges with site counts, cycles in red, declared order dashed", async () => {
    const dot = (await run(["graph", "test-fixtures/seeds/000-pqap-hook/before"])).stdout;
    assert.match(dot, /^digraph lockorder \{/);
    assert.match(dot, /"pqap_hook_rwsem" -> "matrix_dev->lock" \[id="edge\d+", label="\d+", tooltip="[^"]*", color="#cf222e"/);
    const declared = (await run(["graph", "test-fixtures/vfio-ap"])).stdout;
    assert.match(declared, /style=dashed/);
    const mermaid = (await run(["graph", "--format", "mermaid", "test-fixtures/seeds/000-pqap-hook/before"])).stdout;
    assert.match(mermaid, /^graph TD\n/);
    assert.match(mermaid, /linkStyle [\d,]+ stroke:#cf222e/);
    const svg = await run(["graph", "--format", "svg", "test-fixtures/seeds/000-pqap-hook/before"]);
    assert.equal(svg.status, 0, "graph describes a model with a deadlock and exits 0");
    assert.match(svg.stdout, /^<\?xml[\s\S]*<svg[\s\S]*<g id="edge0" class="edge">[\s\S]*<\/svg>\s*$/);
    assert.equal((await run(["graph", "--format", "json", "."])).status, 2);
  });

  test("order lists each lock with its rank and kind, cycles marked", async () => {
    const { stdout } = await run(["order", "test-fixtures/calls/interface-dispatch"]);
    assert.match(stdout, /^1 {2}vfio_group->group_lock {2}\(mutex\) {2}\[on a cycle\]$/m);
    assert.match(stdout, /^1 {2}kvm->lock {2}\(mutex\) {2}\[on a cycle\]$/m);
  });

  test("the installed bin runs as a process", async () => {
    const r = spawnSync(process.execPath, [BIN, "check", "test-fixtures/lockdep/calls/rlock"], { cwd: REPO_ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "0 errors, 0 warnings in 1 file\n");
  });
});

describe("scale and robustness", () => {
  test("a 4,000-deep call chain is analysed without overflowing the stack", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-deep-"));
    const depth = 4000;
    const lines = ['import { defineLock, lock, unlock } from "lockorder";', 'const a = defineLock("a");', 'const b = defineLock("b");'];
    lines.push("export function f0(): void { lock(a); f1(); unlock(a); }");
    for (let i = 1; i < depth; i++) lines.push(`export function f${i}(): void { f${i + 1}(); }`);
    lines.push(`export function f${depth}(): void { lock(b); unlock(b); }`);
    lines.push("export function reverse(): void { lock(b); lock(a); unlock(a); unlock(b); } // closes the cycle");
    fs.writeFileSync(path.join(dir, "deep.ts"), lines.join("\n"));
    const { stdout } = await run(["check", "--format", "json", "deep.ts"], dir);
    fs.rmSync(dir, { recursive: true, force: true });
    const doc = JSON.parse(stdout);
    assert.deepEqual(doc.cycles, [["a", "b"]]);
    assert.deepEqual(doc.diagnostics.map((d: { line: number; code: string }) => `${d.line} ${d.code}`), ["4 lock-order-inversion", `${depth + 5} lock-order-inversion`]);
    const f0 = doc.functions.find((f: { name: string }) => f.name === "f0");
    assert.deepEqual(f0.mayAcquire, ["a", "b"]);
  });

  test("garbage and half-typed input never throws: each mutant is analysed, no internal error, the untouched file's deadlock still found", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-bad-"));
    try {
      writeDeadlockModel(dir);
      const source = fs.readFileSync(path.join(FIXTURES, "calls/this-method/model.ts"), "utf8");
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(random() * source.length);
        const cut = Math.floor(random() * 40);
        const mutated = random() < 0.5 ? source.slice(0, at) + source.slice(at + cut) : source.slice(0, at) + "({[@\"'`" [i % 7] + source.slice(at);
        fs.writeFileSync(path.join(dir, "m.ts"), mutated);
        const { status, stdout, stderr } = await run(["check", "--format", "json", "m.ts", "abba.ts", "locks.ts"], dir);
        assert.equal(status, 1, `mutant ${i}: exit ${status}: ${stderr}`);
        assert.equal(stderr, "", `mutant ${i}: no internal error`);
        const inversions = (JSON.parse(stdout) as { diagnostics: { file: string; code: string }[] }).diagnostics.filter((d) => d.file === "abba.ts" && d.code === "lock-order-inversion");
        assert.equal(inversions.length, 2, `mutant ${i}: the deadlock beside it is found`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
