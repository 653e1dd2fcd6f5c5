/**
 * `lockorder check --cache` (README.md#command-line): a run answers from the cache only when
 * nothing it was computed from changed, and its answer is the analysis's answer. Checked on every
 * fixture (the cached run's output and exit status are the uncached run's), after edits, added and
 * removed files, a changed tsconfig or lockorder module, other options, and with a broken or
 * unwritable cache file, which must never change a run. The summaries it keeps (summaryStore.ts):
 * an analysis from them after edits is a fresh analysis's, on every fixture and after random edits.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { analyzePathsState, type AnalysisState } from "../src/analyze";
import { analyzeStored, keepModel, keptReport, type StoredModel } from "../src/cache/summaryStore";
import type { CheckReport } from "../src/model";
import { toJson } from "../src/output/json";
import { sarifOutput } from "../src/output/sarif";
import { collect } from "../src/output/stream";
import { textOutput } from "../src/output/text";
import { findModels, randomLineEdit } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";
import { runCli } from "./runCli";

const ANSWERED = /answered from .*nothing it was computed from changed/;

/** A copy of a fixture model in a fresh folder, with the repository's node_modules (the lockorder module). */
function copyModel(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-cache-"));
  fs.cpSync(fixture, dir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

test("on every fixture, the cached answer is the analysis's, and a second run takes it from the cache", async () => {
  const cache = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-cache-")), "cache");
  const differences: string[] = [];
  for (const dir of findModels(FIXTURES)) {
    for (const format of ["text", "sarif"]) {
      const rel = path.relative(REPO_ROOT, dir);
      const plain = await runCli(["check", rel, "--format", format]);
      const first = await runCli(["check", rel, "--format", format, "--cache", "--cache-location", cache]);
      const second = await runCli(["check", rel, "--format", format, "--cache", "--cache-location", cache, "--stats"]);
      if (first.stdout !== plain.stdout || first.status !== plain.status) differences.push(`${rel} ${format}: the run that stores differs`);
      if (!ANSWERED.test(second.stdout + second.stderr)) differences.push(`${rel} ${format}: not answered from the cache`);
      const answered = format === "text" ? second.stdout.replace(/files: \d+ \(answered from[^\n]*\ntime: cache \d+ ms\n$/, "") : second.stdout;
      if (answered !== plain.stdout || second.status !== plain.status || second.stderr.replace(/files: .*\n.*\n$/, "") !== plain.stderr) differences.push(`${rel} ${format}: the cached answer differs`);
    }
  }
  assert.deepEqual(differences, []);
});

test("an edit, an added or removed file, a tsconfig or lockorder module change, or other options are analysed again", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  const check = (...args: string[]) => runCli(["check", ".", "--cache", "--stats", ...args], dir);
  const answered = async (...args: string[]) => {
    const run = await check(...args);
    return ANSWERED.test(run.stdout + run.stderr);
  };
  assert.equal(await answered(), false, "the first run analyses");
  assert.equal(await answered(), true, "the second is answered");
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".ts"))!;
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  fs.writeFileSync(path.join(dir, file), `${text}\nexport function addedByTheTest(): void {}\n`);
  assert.equal(await answered(), false, "an edited file");
  assert.equal(await answered(), true);
  fs.writeFileSync(path.join(dir, "added.ts"), "export const x = 1;\n");
  assert.equal(await answered(), false, "an added file");
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "sub", "deeper.ts"), "export const y = 1;\n");
  assert.equal(await answered(), false, "a file added in a subfolder");
  fs.rmSync(path.join(dir, "added.ts"));
  assert.equal(await answered(), false, "a removed file");
  assert.equal(await answered("--max-file-size", "100000"), false, "another option");
  assert.equal(await answered("--format", "sarif"), false, "another format");
  assert.equal(await answered("--format", "sarif"), true, "another format, again");
  // The lockorder module the model imports is part of what the analysis read.
  const lockorder = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-module-"));
  fs.rmSync(path.join(dir, "node_modules"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.cpSync(path.join(REPO_ROOT, "node_modules", "lockorder"), path.join(lockorder, "lockorder"), { recursive: true, dereference: true });
  fs.symlinkSync(path.join(lockorder, "lockorder"), path.join(dir, "node_modules", "lockorder"));
  assert.equal(await answered(), false, "the same module in another place is read again");
  assert.equal(await answered(), true);
  const declarations = fs.readdirSync(path.join(lockorder, "lockorder"), { recursive: true }).map(String).find((f) => f.endsWith("lockorder.d.ts"))!;
  fs.appendFileSync(path.join(lockorder, "lockorder", declarations), "\nexport declare const addedByTheTest: number;\n");
  assert.equal(await answered(), false, "a changed lockorder module");
});

test("a tsconfig model: its tsconfig, and the one it extends, are part of the fingerprint", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify({ compilerOptions: { strict: true } }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "./base.json", compilerOptions: { target: "ES2022", experimentalDecorators: false }, include: ["*.ts"] }));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-base-"));
  fs.writeFileSync(path.join(outside, "root.json"), JSON.stringify({ compilerOptions: { noEmit: true } }));
  fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify({ extends: path.join(outside, "root.json"), compilerOptions: { strict: true } }));
  const answered = async () => ANSWERED.test((await runCli(["check", "tsconfig.json", "--cache", "--stats"], dir)).stdout);
  assert.equal(await answered(), false);
  assert.equal(await answered(), true);
  fs.writeFileSync(path.join(outside, "root.json"), JSON.stringify({ compilerOptions: { noEmit: true, strict: false } }));
  assert.equal(await answered(), false, "a change in a tsconfig it extends from outside the folder");
});

test("a cache file that is garbage, not a file, or cannot be written never changes a run", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  const plain = await runCli(["check", "."], dir);
  fs.writeFileSync(path.join(dir, ".lockordercache"), "garbage");
  const garbage = await runCli(["check", ".", "--cache"], dir);
  assert.deepEqual([garbage.status, garbage.stdout], [plain.status, plain.stdout]);
  const answered = await runCli(["check", ".", "--cache"], dir);
  assert.deepEqual([answered.status, answered.stdout], [plain.status, plain.stdout], "the garbage was replaced by an answer");
  const folder = path.join(dir, "cache-folder");
  fs.mkdirSync(folder);
  const inFolder = await runCli(["check", ".", "--cache", "--cache-location", folder], dir);
  assert.deepEqual([inFolder.status, inFolder.stdout], [plain.status, plain.stdout]);
  assert.ok(fs.existsSync(path.join(folder, ".lockordercache")), "a folder location holds .lockordercache");
  const unwritable = path.join(dir, "no-such-parent", "\0bad");
  const bad = await runCli(["check", ".", "--cache", "--cache-location", unwritable], dir);
  assert.deepEqual([bad.status, bad.stdout], [plain.status, plain.stdout]);
});

test("the exit status of a cached answer follows --max-warnings, and --cache is refused where it means nothing", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  const plain = await runCli(["check", ".", "--max-warnings", "0"], dir);
  await runCli(["check", ".", "--cache"], dir);
  const cached = await runCli(["check", ".", "--cache", "--max-warnings", "0"], dir);
  assert.equal(cached.status, plain.status);
  const misuse = await runCli(["order", ".", "--cache"], dir);
  assert.equal(misuse.status, 2);
  assert.match(misuse.stderr, /--cache is an option of check/);
  const alone = await runCli(["check", ".", "--cache-location", "x"], dir);
  assert.equal(alone.status, 2);
});

test("a cached answer loads neither the compiler nor the analysis", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  await runCli(["check", ".", "--cache"], dir);
  const cli = path.join(REPO_ROOT, "analyzer", "dist", "src", "cli.js");
  const script = `let out = ""; require(${JSON.stringify(cli)}).main(["check", ".", "--cache", "--stats"], { write: (t) => (out += t) }, process.stderr).then(() => {
    const loaded = Object.keys(require.cache).filter((f) => /typescript\\.js$|[\\\\/]analyze\\.js$/.test(f));
    process.stdout.write(JSON.stringify({ answered: /answered from/.test(out), loaded }));
  });`;
  const result = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" }));
  assert.deepEqual(result, { answered: true, loaded: [] });
});

/** The model's JSON and text reports, as the outputs write them (every fact a user sees). */
function reports(state: AnalysisState): string {
  return toJson(state.result) + collect(textOutput(state.result));
}

/** What a check writes in text and SARIF, and the counts `--stats` prints (its timings and reuse counts aside). */
function checkOutputs(report: CheckReport): string {
  const counts = { ...report.details.stats, phases: undefined, summarised: undefined, linked: undefined, contributions: undefined };
  return collect(textOutput(report)) + collect(sarifOutput(report, "test", "/")) + JSON.stringify(counts) + report.details.internalErrors.join("\n");
}

/**
 * Analyses the copy with the summaries kept from the last analysis (analyzeStored), and afresh;
 * the two must agree, and so must the kept report when the early cutoff moves it (earlyCutoff.ts).
 * Returns what to keep next, whether the kept summaries served, and whether the cutoff answered.
 */
function storedAgainstFresh(dir: string, kept: StoredModel, what: string): { keep: StoredModel; served: boolean; cutOff: boolean } {
  const fresh = analyzePathsState([dir], { cwd: dir });
  const stored = analyzeStored([dir], kept, { cwd: dir });
  if (!stored) return { keep: keepOf(dir) ?? kept, served: false, cutOff: false };
  assert.equal(reports(stored.state!), reports(fresh), `${what}: the analysis from kept summaries differs from a fresh one`);
  const cut = analyzeStored([dir], kept, { cwd: dir, reportSuffices: true });
  if (cut?.report) assert.equal(checkOutputs(cut.report), checkOutputs(fresh.result), `${what}: the kept report moved (early cutoff) differs from a fresh analysis's`);
  return { keep: cut?.keep ?? stored.keep, served: true, cutOff: cut?.report !== undefined };
}

function keepOf(dir: string): StoredModel | undefined {
  let keep: StoredModel | undefined;
  const state = analyzePathsState([dir], { cwd: dir, keep: (model, { complete }) => (keep = complete ? keepModel("test", model) : undefined) });
  return keep && { ...keep, report: keptReport(state.result) };
}

test("kept summaries: on every fixture with one file edited, the analysis from them is a fresh analysis's", () => {
  let served = 0;
  let models = 0;
  for (const fixture of findModels(FIXTURES)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-kept-"));
    fs.cpSync(fixture, dir, { recursive: true });
    const kept = keepOf(dir);
    if (!kept) continue;
    models++;
    // A body edited (a statement added at the end of the first function body), or a comment where there is none.
    const file = kept.files[0].fileName;
    const text = fs.readFileSync(file, "utf8");
    const body = text.indexOf("{\n", text.search(/\)[^;{]*\{\n/));
    fs.writeFileSync(file, body > 0 ? `${text.slice(0, body + 2)}  void 0;\n${text.slice(body + 2)}` : `${text}\n// edited\n`);
    if (storedAgainstFresh(dir, kept, path.relative(FIXTURES, fixture)).served) served++;
  }
  // Models with problems (unreadable files, bad tsconfigs) keep nothing; most keep, and serve.
  assert.ok(served > models / 2, `kept summaries served ${served} of ${models} models`);
});

test("kept summaries: 150 random line edits in turn, each analysed from what the last run kept, equal fresh analyses", () => {
  let seed = 20261206;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let served = 0;
  let cutOff = 0;
  for (const model of ["vfio-ap", "seeds/000-pqap-hook/before", "seeds/004-kvm-busy/before", "calls/interface-dispatch", "calls/ops-table", "kernel/8139too-irq"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-kept-"));
    fs.cpSync(path.join(FIXTURES, model), dir, { recursive: true });
    let kept = keepOf(dir);
    assert.ok(kept, `${model} keeps its summaries`);
    const files = kept.files.map((f) => f.fileName);
    for (let i = 0; i < 25; i++) {
      const file = files[Math.floor(random() * files.length)];
      const r = random();
      const pick = random();
      fs.writeFileSync(file, randomLineEdit(fs.readFileSync(file, "utf8"), r, pick, `edit ${i}`));
      const outcome = storedAgainstFresh(dir, kept, `${model}, edit ${i} of ${path.basename(file)}`);
      kept = outcome.keep;
      if (outcome.served) served++;
      if (outcome.cutOff) cutOff++;
    }
  }
  // Edits inside bodies are most of them: those are analysed from the kept summaries; the few that change no lock are cut off.
  assert.ok(served > 50, `kept summaries served ${served} of 150 edits`);
  assert.ok(cutOff > 5, `the early cutoff answered ${cutOff} of 150 edits`);
});

/** Inserts `line` before a line of `file` (0-based; where the first function body opens, when negative). */
function insertLine(file: string, line: string, at = -1): void {
  const text = fs.readFileSync(file, "utf8");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const body = lines.findIndex((l) => /\)[^;{]*\{\s*$/.test(l));
  const where = at >= 0 ? at : body >= 0 ? body + 1 : lines.length;
  lines.splice(where, 0, line);
  fs.writeFileSync(file, lines.join(eol));
}

test("early cutoff: an edit that changes no lock answers with the kept report moved, as a fresh analysis would, on every fixture", () => {
  let edits = 0;
  let cutOff = 0;
  const missed: string[] = [];
  for (const fixture of findModels(FIXTURES)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-cutoff-"));
    fs.cpSync(fixture, dir, { recursive: true });
    let kept = keepOf(dir);
    if (!kept) continue;
    const file = kept.files[kept.files.length - 1].fileName;
    // A blank line and a comment at the top of a body, a statement with no lock effect, then the blank line taken out again.
    const changes = [() => insertLine(file, ""), () => insertLine(file, "  // reviewed"), () => insertLine(file, "  void 0;"), () => fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n\n/, "\n"))];
    for (const [i, edit] of changes.entries()) {
      edit();
      const outcome = storedAgainstFresh(dir, kept, `${path.relative(FIXTURES, fixture)}, edit ${i}`);
      kept = outcome.keep;
      edits++;
      if (outcome.cutOff) cutOff++;
      else if (outcome.served) missed.push(`${path.relative(FIXTURES, fixture)} ${i}`);
    }
  }
  // Every edit the kept summaries serve is one the cutoff answers. They do not serve an edit above a
  // lock declaration in its file (a single-file model declares its locks between its functions), nor
  // a model that keeps nothing (a file that does not parse, a bad tsconfig).
  assert.deepEqual(missed, [], "served by the kept summaries, not answered by the cutoff");
  assert.ok(cutOff > edits / 2, `the early cutoff answered ${cutOff} of ${edits} edits`);
});

test("early cutoff: a line put between a suppression comment and the line it silences is analysed again, and the inversion comes back", () => {
  const dir = copyModel(path.join(FIXTURES, "suppressions/inversion-one-side"));
  const kept = keepOf(dir)!;
  const before = checkOutputs(analyzePathsState([dir], { cwd: dir }).result);
  const file = path.join(dir, "set_kvm.ts");
  const comment = fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes("lockorder-ignore-next-line"));
  insertLine(file, "", comment + 1);
  const outcome = storedAgainstFresh(dir, kept, "a blank line after the suppression");
  assert.equal(outcome.cutOff, false, "the kept report was moved though what the suppression silences changed");
  assert.notEqual(checkOutputs(analyzePathsState([dir], { cwd: dir }).result), before, "the edit changes the report (else this test shows nothing)");
});

test("early cutoff: an edit on a line where a call is (its callee as written) is analysed again", () => {
  const dir = copyModel(path.join(FIXTURES, "suppressions/inversion-one-side"));
  const kept = keepOf(dir)!;
  const file = path.join(dir, "set_kvm.ts");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("  kvmArchCryptoSetMasks();", "  kvmArchCryptoSetMasks( );"));
  const outcome = storedAgainstFresh(dir, kept, "a space in a call");
  assert.equal(outcome.served, true);
  assert.equal(outcome.cutOff, false);
});

test("early cutoff through the CLI: a warm check after a comment is added prints what an uncached check prints, without linking", async () => {
  const dir = copyModel(path.join(FIXTURES, "vfio-ap"));
  const cache = path.join(dir, ".cache");
  const file = path.join(dir, fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()[0]);
  for (const format of ["text", "sarif"]) {
    await runCli(["check", ".", "--format", format, "--cache", "--cache-location", cache], dir);
    insertLine(file, `  // reviewed for ${format}`);
    const warm = await runCli(["check", ".", "--format", format, "--cache", "--cache-location", cache, "--stats"], dir);
    const plain = await runCli(["check", ".", "--format", format], dir);
    const stats = format === "text" ? warm.stdout.slice(warm.stdout.lastIndexOf("files: ")) : warm.stderr;
    assert.match(stats, /time: load \d+ ms, summaries \d+ ms, report \d+ ms\n/, `${format}: the warm check linked (${stats})`);
    assert.equal(format === "text" ? warm.stdout.slice(0, warm.stdout.lastIndexOf("files: ")) : warm.stdout, plain.stdout, `${format}: the warm check's output`);
    assert.equal(warm.status, plain.status);
  }
});
