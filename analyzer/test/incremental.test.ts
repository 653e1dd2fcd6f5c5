/**
 * Incremental analysis equals analysis from scratch: after each edit (a body, a declaration, a
 * lock declaration, a file removed), an Analyzer that reuses summaries reports exactly what a
 * fresh one reports; and a body edit re-summarises one file only.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { Analyzer, ModelHost, optionsFor, type AnalysisResult } from "../src/index";
import { findModels, modelFiles, randomLineEdit } from "../src/testing";
import { FIXTURES } from "./paths";

function fingerprint(r: AnalysisResult): string {
  return JSON.stringify({ d: r.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message]), o: r.order, c: r.cycles, f: r.functions, l: r.locks });
}

interface Edit {
  describe: string;
  file: string;
  text: (old: string) => string | undefined;
  /** How many files the incremental run may re-summarise and relink (undefined: not checked). */
  summarised?: number;
  linked?: number;
  /** The lock graph must compute again the edges of only some functions (those reaching the edit). */
  partialGraph?: boolean;
}

/** Checks each edit; returns how many of them the lock graph took incrementally. */
function check(model: string, edits: Edit[]): number {
  let partial = 0;
  const files = modelFiles(path.join(FIXTURES, model));
  const host = new ModelHost(optionsFor(undefined));
  host.setRootFiles(files);
  const incremental = new Analyzer();
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, "utf8")]));
  const all = incremental.analyze(...loaded(host), { absolutePaths: true }).result.details.stats.contributions;
  for (const edit of edits) {
    const file = files.find((f) => f.endsWith(edit.file))!;
    const next = edit.text(texts.get(file)!);
    if (next === undefined) {
      texts.delete(file);
      host.setRootFiles([...texts.keys()]);
    } else {
      assert.notEqual(next, texts.get(file), `${edit.describe} changes the text`);
      texts.set(file, next);
      host.setOverlay(file, next);
    }
    const [program, sources] = loaded(host);
    const a = incremental.analyze(program, sources, { absolutePaths: true }).result;
    const b = new Analyzer().analyze(program, sources, { absolutePaths: true }).result;
    assert.equal(fingerprint(a), fingerprint(b), `after ${edit.describe}`);
    if (edit.summarised !== undefined) assert.equal(a.details.stats.summarised, edit.summarised, `${edit.describe} re-summarises ${edit.summarised}`);
    if (edit.linked !== undefined) assert.equal(a.details.stats.linked, edit.linked, `${edit.describe} relinks ${edit.linked}`);
    if (a.details.stats.contributions < all) partial++;
    if (edit.partialGraph) {
      assert.ok(a.details.stats.contributions < all, `${edit.describe} recomputes ${a.details.stats.contributions} functions' edges, of ${all}`);
    }
  }
  return partial;
}

function loaded(host: ModelHost): [import("@ts-morph/common").ts.Program, import("@ts-morph/common").ts.SourceFile[]] {
  const m = host.load();
  return [m.program, m.files];
}

describe("incremental analysis equals analysis from scratch", () => {
  test("recursion: a cycle of calls broken and made again, a contract added (the lock graph's update)", () => {
    check("calls/recursion-mutual", [
      { describe: "the recursion broken", file: "model.ts", text: (t) => t.replace("    even(n - 1);", "    void n;") },
      { describe: "the recursion made again", file: "model.ts", text: (t) => t.replace("    void n;", "    even(n - 1);") },
      { describe: "odd() takes no lock any more (what its callers may acquire shrinks)", file: "model.ts", text: (t) => t.replace("  lock(kvmLock);\n  unlock(kvmLock);\n  if", "  if") },
      { describe: "a @requires appears on odd()", file: "model.ts", text: (t) => t.replace("function odd(", "/** @requires(groupLock) */\nfunction odd(") },
      { describe: "a self-call appears", file: "model.ts", text: (t) => t.replace("export function resetQueues(): void {\n", "export function resetQueues(): void {\n  if (Math.random() > 2) resetQueues();\n") },
    ]);
  });


  test("seed 001: bodies, declarations, locks, a removed file", () => {
    check("seeds/001-vfio-open-device/before", [
      { describe: "a body edit that removes one side of the cycle", file: "kvm.ts", text: (t) => t.replace(/(\n\s*)(this\.)?\w+\.?\w*\(.*\);(\s*\/\/ expect: lock-order-inversion)/, "$1$3"), summarised: 1, linked: 1 },
      { describe: "a comment in a body (every later position moves)", file: "vfio.ts", text: (t) => t.replace("unlock(", "/* edited */ unlock("), summarised: 1, linked: 1, partialGraph: true },
      // A new function renumbers every function after it: everything is linked again.
      { describe: "a new function (a declaration change)", file: "vfio_ap_ops.ts", text: (t) => `${t}\nexport function extraDeclared(): void {}\n`, linked: 3 },
      { describe: "a renamed lock (a lock declaration change)", file: "kvm.ts", text: (t) => t.replace(/defineLock\("([^"]+)"/, 'defineLock("$1 renamed"') },
      { describe: "the file removed", file: "vfio_ap_ops.ts", text: () => undefined },
    ]);
  });

  test("the vfio_ap document: every file's bodies edited in turn", () => {
    const files = modelFiles(path.join(FIXTURES, "vfio-ap"))
      .filter((f) => fs.readFileSync(f, "utf8").includes("unlock("))
      .map((f) => path.basename(f));
    check(
      "vfio-ap",
      files.map((file) => ({ describe: `a body edit in ${file}`, file, text: (t: string) => t.replace(/unlock\([^;]*\);/, "$& $&"), partialGraph: true })),
    );
  });

  test("interface dispatch: an implementation's body and its class declaration", () => {
    check("calls/interface-dispatch", [
      { describe: "a dispatched call no caller made before (a new dispatch node)", file: "vfio.ts", text: (t) => t.replace("lock(kvmLock);\n  lock(groupLock);", "lock(kvmLock);\n  ops.openDevice();\n  lock(groupLock);").replace("kvmVfioGroupAdd()", "kvmVfioGroupAdd(ops: VfioDeviceOps)") },
      { describe: "the call taken out again", file: "vfio.ts", text: (t) => t.replace("  ops.openDevice();\n  lock(groupLock);", "  lock(groupLock);") },
      { describe: "an implementation's lock removed", file: "ops.ts", text: (t) => t.replace(/lock\(kvmLock\);/, "") },
      { describe: "the implementation no longer implements the interface", file: "ops.ts", text: (t) => t.replace(/ implements \w+/, "") },
    ]);
  });

  test("release-aware calls: a release moved before and after an acquisition, a @releases removed and added", () => {
    check("calls/release-orders-before-release", [
      // The set before the release of activate.ts's kvmActivateMemslot changes with helpers.ts,
      // what it may acquire does not: callers.ts's call to it must be looked at again.
      { describe: "the helper releases before it takes mn_invalidate_lock", file: "helpers.ts", text: (t) => t.replace("  lock(mnInvalidateLock); // expect: lock-order-inversion\n  unlock(mnInvalidateLock);\n  unlock(slotsArchLock);", "  unlock(slotsArchLock);\n  lock(mnInvalidateLock);\n  unlock(mnInvalidateLock);"), partialGraph: true },
      { describe: "and waits before it releases", file: "helpers.ts", text: (t) => t.replace("  unlock(slotsArchLock);\n  lock(mnInvalidateLock);", "  waitFor(memslotsUpdate);\n  unlock(slotsArchLock);\n  lock(mnInvalidateLock);") },
      { describe: "kvmActivateMemslot no longer declares the release", file: "activate.ts", text: (t) => t.replace("/** @releases slotsArchLock */\nexport function kvmActivateMemslot", "export function kvmActivateMemslot") },
      { describe: "the declaration back", file: "activate.ts", text: (t) => t.replace("export function kvmActivateMemslot", "/** @releases slotsArchLock */\nexport function kvmActivateMemslot") },
    ]);
    check("calls/release-evidence", [
      { describe: "the call before the release moved after it", file: "model.ts", text: (t) => t.replace("  takeX(); // expect: lock-order-inversion\n  unlock(A);", "  unlock(A);\n  takeX();") },
      { describe: "moved back", file: "model.ts", text: (t) => t.replace("  unlock(A);\n  takeX();", "  takeX();\n  unlock(A);") },
    ]);
  });

  test("interrupt contexts: a handler annotation removed and added, an irqsave added and removed, interrupts disabled around a call", () => {
    const e3 = "/**\n * E3: HARDIRQ_ENTER(); LOCK(A); UNLOCK(A); HARDIRQ_EXIT()\n * @hardirq\n */\nfunction irqsafe3_hard_spin_123_e3";
    check("lockdep/irq/hardirq/spin", [
      { describe: "the @hardirq of an event removed (A is no longer safe)", file: "irqsafe3.ts", text: (t) => t.replace(e3, e3.replace(" * @hardirq\n", "")), summarised: 1 },
      { describe: "the @hardirq back", file: "irqsafe3.ts", text: (t) => t.replace(e3.replace(" * @hardirq\n", ""), e3), summarised: 1 },
      { describe: "A taken with irqsave in process context", file: "irqsafe3.ts", text: (t) => t.replace("lock(irqsafe3_hard_spin_123_A); // expect: irq-inconsistent-usage", "lock(irqsave(irqsafe3_hard_spin_123_A));").replace("unlock(irqsafe3_hard_spin_123_A);\n}\n\n// E2", "unlock(irqsave(irqsafe3_hard_spin_123_A));\n}\n\n// E2").replace('import { defineLock, lock, unlock } from "lockorder";', 'import { defineLock, irqsave, lock, unlock } from "lockorder";') },
      { describe: "the irqsave taken out again", file: "irqsafe3.ts", text: (t) => t.replace("lock(irqsave(irqsafe3_hard_spin_123_A));", "lock(irqsafe3_hard_spin_123_A);").replace("unlock(irqsave(irqsafe3_hard_spin_123_A));", "unlock(irqsafe3_hard_spin_123_A);") },
      { describe: "the driver calls an event with interrupts disabled", file: "irqsafe3.ts", text: (t) => t.replace("  irqsafe3_hard_spin_123_e2();\n", "  localIrqDisable();\n  irqsafe3_hard_spin_123_e2();\n  localIrqEnable();\n").replace('import { defineLock, irqsave, lock, unlock } from "lockorder";', 'import { defineLock, irqsave, localIrqDisable, localIrqEnable, lock, unlock } from "lockorder";') },
      { describe: "a handler annotation added to a process event (B becomes safe too)", file: "irqsafe3.ts", text: (t) => t.replace("// E2: LOCK(B); UNLOCK(B)\nfunction irqsafe3_hard_spin_132_e2", "// E2: LOCK(B); UNLOCK(B)\n/** @hardirq */\nfunction irqsafe3_hard_spin_132_e2") },
    ]);
  });

  test("every multi-file fixture: each file edited in turn, with a comment and with a line repeated", () => {
    for (const dir of findModels(FIXTURES)) {
      const files = modelFiles(dir);
      if (files.length < 2) continue;
      const model = path.relative(FIXTURES, dir);
      check(
        model,
        files.flatMap((file) => {
          const name = path.basename(file);
          return [
            // The other files' cached summaries meet a new lock table.
            { describe: `${model}: a comment appended to ${name}`, file: name, text: (t: string) => `${t}\n// edited\n` },
            { describe: `${model}: a line of ${name} repeated`, file: name, text: (t: string) => t.replace(/\n([^\n]*\b(?:lock|unlock|tryLock)\([^\n]*\n)/, "\n$1$1") },
          ].filter((e) => e.text(fs.readFileSync(file, "utf8")) !== fs.readFileSync(file, "utf8"));
        }),
      );
    }
  });

  test("lock ids come from the declarations alone: no fixture's analysis creates a lock class after them", () => {
    for (const dir of findModels(FIXTURES)) {
      const host = new ModelHost(optionsFor(undefined));
      host.setRootFiles(modelFiles(dir));
      const state = new Analyzer().analyze(...loaded(host), { absolutePaths: true });
      assert.equal(state.locks.grewAfterSeal, false, `${path.relative(FIXTURES, dir)}: a lock class was created while summarising`);
    }
  });

  test("200 random line edits across multi-file models: the incremental result is the fresh one after each", () => {
    let seed = 20261121;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let partial = 0;
    for (const model of ["vfio-ap", "seeds/000-pqap-hook/before", "seeds/004-kvm-busy/before", "calls/interface-dispatch", "calls/ops-table"]) {
      const files = modelFiles(path.join(FIXTURES, model));
      partial += check(
        model,
        Array.from({ length: 40 }, (_, i) => {
          const file = files[Math.floor(random() * files.length)];
          const r = random();
          const pick = random();
          return {
            describe: `random edit ${i} of ${path.basename(file)}`,
            file: path.relative(path.join(FIXTURES, model), file),
            text: (t: string) => randomLineEdit(t, r, pick, `edit ${i}`),
          };
        }),
      );
    }
    // Most line edits stay inside bodies: the graph must have been updated, not rebuilt, for them.
    assert.ok(partial > 50, `${partial} of 200 edits updated the lock graph incrementally`);
  });

  test("lock references (what hovers and fixes read): after each file's body is edited in turn, those of the incremental analysis are a fresh analysis's", () => {
    const model = path.join(FIXTURES, "vfio-ap");
    const files = modelFiles(model);
    const host = new ModelHost(optionsFor(undefined));
    host.setRootFiles(files);
    const incremental = new Analyzer();
    incremental.analyze(...loaded(host), { absolutePaths: true });
    const references = (state: ReturnType<Analyzer["analyze"]>) => new Set(files.flatMap((f) => [...state.references.in(f)].map((r) => `${path.basename(f)}:${r.site.start}-${r.site.end} ${r.lock} ${JSON.stringify(state.files.find((sf) => sf.fileName === f)!.text.slice(r.site.start, r.site.end))}`)));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const lines = text.split("\n");
      const body = lines.findIndex((l) => /\)[^;{]*\{\s*$/.test(l));
      // Three statements at the top of the first body: every later offset of the file moves.
      host.setOverlay(file, [...lines.slice(0, body + 1), "  void 0;", "  void 0;", "  void 0;", ...lines.slice(body + 1)].join("\n"));
      const after = incremental.analyze(...loaded(host), { absolutePaths: true });
      const fresh = references(new Analyzer().analyze(...loaded(host), { absolutePaths: true }));
      const misplaced = [...references(after)].filter((r) => !fresh.has(r));
      assert.deepEqual(misplaced, [], `after ${path.basename(file)} was edited, references no fresh analysis has`);
      host.setOverlay(file, text);
      incremental.analyze(...loaded(host), { absolutePaths: true });
    }
  });
});
