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
      // Suppressed diagnostics stay in the JSON, marked, and do not count for the exit status.
      const expected = expectedDiagnostics(files, REPO_ROOT, { suppressed: true });
      assert.deepEqual(actualDiagnostics(doc.diagnostics), expected);
      for (const d of doc.diagnostics) assert.ok(d.suppressed === undefined || d.suppressed === true, "only a suppressed diagnostic has the key");
      const shown = doc.diagnostics.filter((d: { suppressed?: true }) => !d.suppressed);
      const codes = shown.map((d: { code: string; severity: string }) => (d.code === "config-error" ? "config" : d.severity));
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
    assert.match(stdout, /^2 errors, 0 warnings in 1 file$/m, "both diagnostics are in vfio.ts, one of the model's three files");
  });

  test("silenced diagnostics are neither printed nor counted, and a cycle silenced at every site has no report", async () => {
    const allSilenced = await run(["check", "test-fixtures/diagnostics/unused-suppression-ok-valid"]);
    assert.equal(allSilenced.stdout, "0 errors, 0 warnings in 0 files\n");
    assert.equal(allSilenced.status, 0, "a silenced error does not make check exit 1");
    const oneSide = await run(["check", "test-fixtures/suppressions/inversion-one-side"]);
    assert.equal(oneSide.status, 1);
    assert.doesNotMatch(oneSide.stdout, /set_kvm\.ts:\d+:\d+: error/, "the silenced side is not printed");
    assert.match(oneSide.stdout, /^test-fixtures\/suppressions\/inversion-one-side\/pqap\.ts:7:8: error: possible deadlock: /m);
    assert.match(oneSide.stdout, /\*\*\* DEADLOCK \*\*\*/, "the cycle's report stays while one of its sites is reported");
    assert.match(oneSide.stdout, /^1 error, 0 warnings in 1 file$/m);
  });

  test("the summary counts the files that have diagnostics, not the files analysed", async () => {
    const { stdout } = await run(["check", "test-fixtures/seeds/000-pqap-hook/before"]);
    assert.match(stdout, /^3 errors, 0 warnings in 2 files$/m);
  });

  test("a cycle of three locks names the whole chain back to the first lock", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/diagnostics/lock-order-inversion-three-locks"]);
    const [first] = JSON.parse(stdout).diagnostics;
    assert.equal(
      first.message,
      "possible deadlock: acquiring mutex 'three->b' while holding 'three->a'; elsewhere 'three->c' is acquired while holding 'three->b' and 'three->a' while holding 'three->c' (cycle three->a → three->b → three->c → three->a)",
    );
    assert.deepEqual(
      first.related.map((r: { line: number; message: string }) => `${r.line} ${r.message}`),
      ["18 'three->c' acquired while holding 'three->b' in bThenC", "25 'three->a' acquired while holding 'three->c' in cThenA"],
    );
  });

  test("a cycle of four locks, with edges acquired through calls", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/seeds/001-vfio-open-device/before"]);
    const d = JSON.parse(stdout).diagnostics.find((x: { file: string; line: number }) => x.file.endsWith("/vfio.ts") && x.line === 95);
    assert.equal(
      d.message,
      "possible deadlock: acquiring mutex 'vfio dev_set->lock' while holding 'vfio group_lock'; elsewhere 'kvm->lock' is acquired while holding 'vfio dev_set->lock' and 'vfio group_lock' while holding 'kvm->lock' (cycle vfio group_lock → vfio dev_set->lock → kvm->lock → vfio group_lock)",
    );
    // Each related entry names the calls through which its edge's lock is acquired.
    assert.deepEqual(
      d.related.map((r: { message: string }) => r.message),
      [
        "'kvm->lock' acquired while holding 'vfio dev_set->lock' in VfioDevice.firstOpen via vfioApMdevOpenDevice → ApMatrixMdev.setKvm",
        "'vfio group_lock' acquired while holding 'kvm->lock' in KvmVfio.release via kvmVfioFileSetKvm → vfioFileSetKvm",
      ],
    );
  });

  test("the text report prints the cycles shortest first", async () => {
    const { stdout } = await run(["check", "test-fixtures/seeds/001-vfio-open-device/before"]);
    const chains = stdout.split("\n").filter((l) => l.startsWith("possible circular locking dependency: "));
    assert.deepEqual(chains, [
      "possible circular locking dependency: kvm->lock → vfio group_lock → kvm->lock",
      "possible circular locking dependency: kvm->lock → vfio group_lock → matrix_dev->guests_lock → kvm->lock",
      "possible circular locking dependency: kvm->lock → vfio group_lock → vfio dev_set->lock → kvm->lock",
      "possible circular locking dependency: kvm->lock → vfio group_lock → vfio dev_set->lock → matrix_dev->guests_lock → kvm->lock",
    ]);
    assert.match(stdout, /^9 errors, 0 warnings in 3 files$/m);
  });

  test("a wait for a completion is worded as a wait: the message, the elsewhere clause, the related information, wait() in the CPU table", async () => {
    const model = "test-fixtures/calls/completion-wait";
    const [waiting, worker] = JSON.parse((await run(["check", "--format", "json", model])).stdout).diagnostics;
    assert.equal(
      waiting.message,
      "possible deadlock: waiting for completion 'ap_queue->reset_done' while holding 'matrix_dev->guests_lock'; elsewhere 'matrix_dev->guests_lock' is acquired while holding 'ap_queue->reset_done' (cycle matrix_dev->guests_lock → ap_queue->reset_done → matrix_dev->guests_lock)",
    );
    assert.equal(
      worker.message,
      "possible deadlock: acquiring mutex 'matrix_dev->guests_lock' while holding 'ap_queue->reset_done'; elsewhere 'ap_queue->reset_done' is waited for while holding 'matrix_dev->guests_lock' (cycle ap_queue->reset_done → matrix_dev->guests_lock → ap_queue->reset_done)",
    );
    assert.equal(worker.related[0].message, "'ap_queue->reset_done' waited for while holding 'matrix_dev->guests_lock' in removeQueue via waitForReset");
    const { stdout } = await run(["check", model]);
    const table = stdout.slice(stdout.indexOf(" Possible unsafe locking scenario:"), stdout.indexOf(" *** DEADLOCK ***"));
    assert.deepEqual(
      table.split("\n").slice(4, 8).map((l) => l.trim()),
      ["lock(matrix_dev->guests_lock);", "lock(ap_queue->reset_done);", "lock(matrix_dev->guests_lock);", "wait(ap_queue->reset_done);"],
      table,
    );
    assert.match(stdout, /#0 'matrix_dev->guests_lock' → 'ap_queue->reset_done' \[EN, wait\] at /);
  });

  test("the call chain of a wait ends in the wait (SARIF code flow)", async () => {
    const log = JSON.parse((await run(["check", "--format", "sarif", "test-fixtures/calls/completion-wait"])).stdout);
    const steps = log.runs[0].results[0].codeFlows[0].threadFlows[0].locations.map((l: { location: { message: { text: string } } }) => l.location.message.text);
    assert.deepEqual(steps, ["removeQueue calls waitForReset", "waitForReset waits for 'ap_queue->reset_done'"]);
  });

  test("synchronize_srcu is a wait, srcu_read_lock a read", async () => {
    const model = "test-fixtures/diagnostics/lock-order-inversion-srcu-wait";
    const messages = JSON.parse((await run(["check", "--format", "json", model])).stdout).diagnostics.map((d: { message: string }) => d.message);
    assert.deepEqual(messages, [
      "possible deadlock: acquiring mutex 'kvm->slots_lock' while holding 'kvm->srcu'; elsewhere 'kvm->srcu' is waited for while holding 'kvm->slots_lock' (cycle kvm->srcu → kvm->slots_lock → kvm->srcu)",
      "possible deadlock: waiting for srcu 'kvm->srcu' while holding 'kvm->slots_lock'; elsewhere 'kvm->slots_lock' is acquired while holding 'kvm->srcu' (cycle kvm->slots_lock → kvm->srcu → kvm->slots_lock)",
    ]);
    const { stdout } = await run(["check", model]);
    assert.match(stdout, /^ {2}lock\(kvm->slots_lock\);\n {31}rlock\(kvm->srcu\);\n {31}lock\(kvm->slots_lock\);\n {2}wait\(kvm->srcu\);$/m);
  });

  test("a function's locks are listed in the order it takes them (JSON acquires and mayAcquire)", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/seeds/001-vfio-open-device/before"]);
    const fn = (name: string) => JSON.parse(stdout).functions.find((f: { name: string }) => f.name === name);
    // vfio_ap_mdev_set_kvm() takes guests_lock, then kvm->lock, then mdevs_lock; the two first share
    // a rank (they are on a cycle), which must not reorder them.
    assert.deepEqual(fn("ApMatrixMdev.setKvm").acquires, ["matrix_dev->guests_lock", "kvm->lock", "matrix_dev->mdevs_lock"]);
    assert.deepEqual(fn("VfioDevice.open").mayAcquire, ["matrix_dev->guests_lock", "kvm->lock", "matrix_dev->mdevs_lock"]);
    assert.deepEqual(fn("vfioDeviceGroupOpen").mayAcquire, ["vfio group_lock", "vfio dev_set->lock", "matrix_dev->guests_lock", "kvm->lock", "matrix_dev->mdevs_lock"]);
  });

  test("in mutual recursion each function's lock order starts from its own entry", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-sequence-"));
    try {
      const lines = [
        'import { defineLock, lock, unlock } from "lockorder";',
        'const a = defineLock("a");',
        'const b = defineLock("b");',
        'const c = defineLock("c");',
        "export function f(n: number): void { lock(a); unlock(a); if (n) g(n - 1); lock(c); unlock(c); }",
        "export function g(n: number): void { lock(b); unlock(b); if (n) f(n - 1); }",
        "export function h(): void { g(1); }",
      ];
      fs.writeFileSync(path.join(dir, "m.ts"), lines.join("\n") + "\n");
      const doc = JSON.parse((await run(["check", "--format", "json", "m.ts"], dir)).stdout);
      const orders = Object.fromEntries(doc.functions.map((f: { name: string; acquires: string[]; mayAcquire: string[] }) => [f.name, [f.acquires, f.mayAcquire]]));
      assert.deepEqual(orders, { f: [["a", "c"], ["a", "b", "c"]], g: [["b"], ["b", "a", "c"]], h: [[], ["b", "a", "c"]] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

  test("a wait reached through a call under a spinlock says it waits, at the call", async () => {
    const { stdout } = await run(["check", "--format", "json", "test-fixtures/diagnostics/sleep-in-atomic-through-calls"]);
    const messages = JSON.parse(stdout).diagnostics.map((d: { line: number; message: string }) => `${d.line}: ${d.message}`);
    assert.deepEqual(messages, [
      "35: waiting for completion 'calls ap_queue->reset_done' while holding spinning spinlock 'calls ap_queue->lock'",
      "36: waiting for srcu 'calls ap_queue->srcu' while holding spinning spinlock 'calls ap_queue->lock'",
    ]);
  });

  test("a clean model prints only the summary line and exits 0", async () => {
    const { status, stdout } = await run(["check", "test-fixtures/lockdep/calls/rlock"]);
    assert.equal(status, 0);
    assert.equal(stdout, "0 errors, 0 warnings in 0 files\n");
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

  test("--stats lists the unresolved calls after the counts; calls into the standard library are not unresolved", async () => {
    const { stdout } = await run(["check", "test-fixtures/calls/unresolved-call", "--stats"]);
    const file = "test-fixtures/calls/unresolved-call/model.ts";
    // The ambient declaration without a body, the undeclared name, the call on `any`, the
    // function-typed parameter nobody passes: the model's blind spots.
    assert.match(stdout, /calls: \d+ \(4 unresolved\)\ntime: [^\n]*\nunresolved calls \(no lock effect\):\n/);
    assert.ok(
      stdout.endsWith(`  ${file}:12:3: kvmArchCryptoClearMasks\n  ${file}:14:3: vfioApUnknownHelper\n  ${file}:15:3: device.ops.openDevice\n  ${file}:16:3: callback\n`),
      stdout,
    );
    // push, sort, forEach and add of the standard library, calls through notifier blocks and
    // handler containers: nothing unresolved, nothing listed.
    for (const model of ["test-fixtures/calls/notifier-chain", "test-fixtures/calls/handler-containers"]) {
      const clean = (await run(["check", model, "--stats"])).stdout;
      assert.match(clean, /\(0 unresolved\)/, model);
      assert.doesNotMatch(clean, /unresolved calls/, model);
    }
    // With --format json the statistics go to stderr, and the JSON keeps its shape.
    const json = await run(["check", "test-fixtures/calls/unresolved-call", "--stats", "--format", "json"]);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ["version", "diagnostics", "locks", "order", "cycles", "functions"]);
    assert.match(json.stderr, /unresolved calls \(no lock effect\):\n  test-fixtures\/calls\/unresolved-call\/model\.ts:12:3: kvmArchCryptoClearMasks\n/);
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
    assert.equal(r.stdout, "0 errors, 0 warnings in 0 files\n");
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
