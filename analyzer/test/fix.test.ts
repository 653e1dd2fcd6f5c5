/**
 * `lockorder fix [paths…] [--dry-run]` (README.md#fixing-from-the-command-line), through the CLI in
 * this process, always on copies of fixture models in temporary folders: the vfio_ap broken copy is
 * fixed back to the lock graph of the model it was broken from; the dry run's diff applies (jsdiff
 * and git) to exactly what `fix` writes, and writes nothing; trylocks are never applied; a
 * did-you-mean is; a clean model is left alone; a fixed text that does not parse is never written.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { ts } from "@ts-morph/common";
import { applyPatch, parsePatch } from "diff";
import { findModels } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";
import { runCli } from "./runCli";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-fix-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

// Written from its patch (test-fixtures/vfio-ap-broken.patch) as every suite writes it.
const BROKEN = findModels(FIXTURES).find((m) => m.endsWith(path.join(".generated", "vfio-ap-broken")))!;

let copies = 0;
/** A copy of a fixture model in a folder of its own; runs use that folder as working directory. */
function copyModel(from: string, name = path.basename(from)): { cwd: string; dir: string } {
  const cwd = path.join(scratch, String(copies++));
  const dir = path.join(cwd, name);
  fs.mkdirSync(cwd);
  fs.cpSync(from, dir, { recursive: true });
  return { cwd, dir };
}

/** Every file of a folder with its text, by name relative to it. */
function snapshot(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort().map((f) => [f.split(path.sep).join("/"), fs.readFileSync(path.join(dir, f), "utf8")]));
}

function parses(fileName: string, text: string): boolean {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

/** The texts a unified diff makes of a folder's files (names relative to `cwd`, labels a/ and b/). */
function applyDiff(diff: string, cwd: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const patch of parsePatch(diff)) {
    assert.equal(patch.oldFileName?.replace(/^a\//, ""), patch.newFileName?.replace(/^b\//, ""), "a fix changes a file, it never renames one");
    const file = patch.newFileName!.replace(/^b\//, "");
    const patched = applyPatch(fs.readFileSync(path.join(cwd, file), "utf8"), patch);
    assert.notEqual(patched, false, `the diff of ${file} applies`);
    out.set(file, patched as string);
  }
  return out;
}

describe("lockorder fix on the vfio_ap broken copy", () => {
  test("writes the reorder, and the fixed model's lock graph is the one it was broken from", async () => {
    const { cwd, dir } = copyModel(BROKEN);
    const before = snapshot(dir);
    const { status, stdout, stderr } = await runCli(["fix", "vfio-ap-broken"], cwd);
    assert.equal(stderr, "");
    assert.equal(status, 0, "exits as check does on the fixed model: clean");
    const [report, check] = stdout.split("\n\n");
    assert.match(report, /^vfio-ap-broken\/vfio_ap_ops\.ts: .*onScanComplete.*breaking the cycle kvm->lock → matrix_dev->mdevs_lock → kvm->lock\napplied 1 fix to 1 file$/);
    assert.equal(check, "0 errors, 0 warnings in 0 files\n", "then the check of the fixed model, as check prints it");
    const fixed = snapshot(dir);
    assert.deepEqual([...fixed.keys()].filter((f) => fixed.get(f) !== before.get(f)), ["vfio_ap_ops.ts"]);
    for (const [f, text] of fixed) assert.ok(parses(f, text), `${f} parses`);
    const json = JSON.parse((await runCli(["check", "--format", "json", "vfio-ap-broken"], cwd)).stdout);
    assert.deepEqual(json.cycles, []);
    assert.deepEqual(json.diagnostics, []);
    const graph = (await runCli(["graph", "--format", "dot", "vfio-ap-broken"], cwd)).stdout;
    const original = (await runCli(["graph", "--format", "dot", "test-fixtures/vfio-ap"], REPO_ROOT)).stdout;
    assert.equal(graph, original, "the same locks, edges and sites per edge as test-fixtures/vfio-ap");
    const again = await runCli(["fix", "vfio-ap-broken"], cwd);
    assert.equal(again.stdout, "no fixes to apply\n\n0 errors, 0 warnings in 0 files\n", "a second run has nothing left to do");
  });

  test("--dry-run writes nothing and prints a diff that makes exactly what fix writes", async () => {
    const dry = copyModel(BROKEN);
    const before = snapshot(dry.dir);
    const { status, stdout, stderr } = await runCli(["fix", "--dry-run", "vfio-ap-broken"], dry.cwd);
    assert.equal(status, 0, "exits as check would on the fixed model");
    assert.deepEqual(snapshot(dry.dir), before, "nothing written");
    assert.match(stdout, /^--- a\/vfio-ap-broken\/vfio_ap_ops\.ts\n\+\+\+ b\/vfio-ap-broken\/vfio_ap_ops\.ts\n@@ /);
    assert.match(stderr, /^vfio-ap-broken\/vfio_ap_ops\.ts: .*\nwould apply 1 fix to 1 file\n$/, "the fixes, beside the diff");

    const wet = copyModel(BROKEN);
    assert.equal((await runCli(["fix", "vfio-ap-broken"], wet.cwd)).status, 0);
    const written = snapshot(wet.dir);
    const patched = applyDiff(stdout, dry.cwd);
    assert.deepEqual([...patched.keys()], ["vfio-ap-broken/vfio_ap_ops.ts"]);
    for (const [file, text] of patched) assert.equal(text, written.get(file.replace(/^vfio-ap-broken\//, "")), `${file}: the diff applied is what fix writes`);

    // And git applies it as it is, from the working directory (outside a repository, as patch -p1).
    const git = spawnSync("git", ["apply", "-"], { cwd: dry.cwd, input: stdout, encoding: "utf8" });
    assert.equal(git.status, 0, git.stderr);
    assert.deepEqual(snapshot(dry.dir), written);
  });

  test("--format json keeps stdout JSON (the fixes go to stderr)", async () => {
    const { cwd } = copyModel(BROKEN);
    const { status, stdout, stderr } = await runCli(["fix", "--format", "json", "vfio-ap-broken"], cwd);
    assert.equal(status, 0);
    assert.deepEqual(JSON.parse(stdout).diagnostics, []);
    assert.match(stderr, /\napplied 1 fix to 1 file\n$/);
  });
});

describe("lockorder fix applies only what is safe unattended", () => {
  test("seed 003 (fixed upstream with a trylock) has only trylock fixes: nothing changes, exit 1", async () => {
    const { cwd, dir } = copyModel(path.join(FIXTURES, "seeds/003-ap-perms/before"), "before");
    const before = snapshot(dir);
    const fix = await runCli(["fix", "before"], cwd);
    assert.equal(fix.status, 1);
    assert.match(fix.stdout, /^no fixes to apply\n\n/);
    assert.match(fix.stdout, /\[lock-order-inversion\]/, "then the check, which still reports the deadlocks");
    assert.equal(fix.stdout.slice("no fixes to apply\n\n".length), (await runCli(["check", "before"], cwd)).stdout, "the check exactly as check prints it");
    assert.deepEqual(snapshot(dir), before);
    const dry = await runCli(["fix", "--dry-run", "before"], cwd);
    assert.deepEqual([dry.status, dry.stdout, dry.stderr], [1, "", "no fixes to apply\n"]);
  });

  test("a did-you-mean is applied", async () => {
    const { cwd, dir } = copyModel(path.join(FIXTURES, "vfio-ap"), "model");
    fs.writeFileSync(
      path.join(dir, "typo.ts"),
      'import { acquires } from "lockorder";\n\nexport class Typo {\n  @acquires("kvm->lcok")\n  take(): void {}\n}\n',
    );
    const { status, stdout } = await runCli(["fix", "model"], cwd);
    assert.equal(status, 0);
    assert.match(stdout, /^model\/typo\.ts: Change to 'kvm->lock'\napplied 1 fix to 1 file\n\n0 errors/);
    assert.match(fs.readFileSync(path.join(dir, "typo.ts"), "utf8"), /@acquires\("kvm->lock"\)/);
  });

  test("a clean model exits 0 and nothing is written", async () => {
    const { cwd, dir } = copyModel(path.join(FIXTURES, "vfio-ap"));
    const mtimes = () => fs.readdirSync(dir).map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
    const [before, times] = [snapshot(dir), mtimes()];
    const { status, stdout, stderr } = await runCli(["fix", "vfio-ap"], cwd);
    assert.deepEqual([status, stdout, stderr], [0, "no fixes to apply\n\n0 errors, 0 warnings in 0 files\n", ""]);
    assert.deepEqual(snapshot(dir), before);
    assert.deepEqual(mtimes(), times);
  });
});

describe("lockorder fix refuses", () => {
  test("to write a file whose fixed text does not parse: nothing is written, exit 2", async () => {
    const { cwd, dir } = copyModel(path.join(FIXTURES, "vfio-ap"), "model");
    // The did-you-mean is verified (it adds no diagnostic), but the file did not parse before it either.
    fs.writeFileSync(path.join(dir, "typo.ts"), 'import { acquires } from "lockorder";\n\nexport class Typo {\n  @acquires("kvm->lcok")\n  take(): void {}\n}\nexport const broken = (;\n');
    const before = snapshot(dir);
    for (const args of [["fix", "model"], ["fix", "--dry-run", "model"]]) {
      const { status, stdout, stderr } = await runCli(args, cwd);
      assert.equal(status, 2, args.join(" "));
      assert.equal(stdout, "");
      assert.match(stderr, /^lockorder: model\/typo\.ts:7:24: does not parse \(Expression expected\.\), without the fixes too; no file was written/);
      assert.deepEqual(snapshot(dir), before);
    }
  });

  test("to fix a model with a configuration error (the check is printed, exit 2)", async () => {
    const { cwd, dir } = copyModel(path.join(FIXTURES, "diagnostics/config-error-unknown-option"), "model");
    // An inversion with a reorder, which a model with a readable tsconfig would get.
    fs.copyFileSync(path.join(FIXTURES, "diagnostics/unknown-lock-misspelt-identifier/model.ts"), path.join(dir, "model.ts"));
    const before = snapshot(dir);
    const { status, stdout, stderr } = await runCli(["fix", "model"], cwd);
    assert.equal(status, 2);
    assert.equal(stderr, "lockorder: the model has a configuration error; no fix was applied\n");
    assert.match(stdout, /\[config-error\]/);
    assert.deepEqual(snapshot(dir), before);
  });

  test("usage errors exit 2", async () => {
    for (const args of [
      ["fix", "--dry-run", "--format", "json", "."],
      ["check", "--dry-run", "."],
      ["fix", "--format", "dot", "."],
      ["fix", "no/such/folder"],
    ]) {
      const { status, stdout } = await runCli(args, scratch);
      assert.equal(status, 2, args.join(" "));
      assert.equal(stdout, "");
    }
  });
});
