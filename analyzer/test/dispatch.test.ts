/**
 * Function values across edits (docs/annotations.md#dispatch): a body edit that changes only how
 * function values flow between the body's own locals (a copy, a container, a callback's
 * parameter) or moves anonymous functions keeps the file's flows, so only that file is linked
 * again, and the result is the one a fresh analysis gives.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Analyzer, ModelHost, optionsFor, type AnalysisResult } from "../src/index";
import { modelFiles } from "../src/testing";
import { FIXTURES } from "./paths";

function fingerprint(r: AnalysisResult): string {
  return JSON.stringify({ d: r.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message]), o: r.order, c: r.cycles, f: r.functions });
}

/** Applies each edit in turn to a copy of a fixture, comparing with a fresh analysis; returns how many files each relinked. */
function relinked(model: string, file: string, edits: ((text: string) => string)[]): number[] {
  const files = modelFiles(path.join(FIXTURES, model));
  const host = new ModelHost(optionsFor(undefined));
  host.setRootFiles(files);
  const incremental = new Analyzer();
  incremental.analyze(host.load().program, host.load().files, { absolutePaths: true });
  const target = files.find((f) => f.endsWith(file))!;
  let text = fs.readFileSync(target, "utf8");
  return edits.map((edit, i) => {
    const next = edit(text);
    assert.notEqual(next, text, `edit ${i} changes ${file}`);
    host.setOverlay(target, (text = next));
    const { program, files: sources } = host.load();
    const a = incremental.analyze(program, sources, { absolutePaths: true }).result;
    const b = new Analyzer().analyze(program, sources, { absolutePaths: true }).result;
    assert.equal(fingerprint(a), fingerprint(b), `after edit ${i} of ${file}`);
    return a.details.stats.linked;
  });
}

test("a local copy of a hook taken another way relinks its file only, and still reaches the hook", () => {
  const links = relinked("calls/function-value-flows", "kvm.ts", [
    // viaGetterCopy's local now comes from the property instead of the getter.
    (t) => t.replace("  const pqapHook = pqapHookOf(vcpu);\n  const ret = pqapHook(vcpu);", "  const pqapHook = vcpu.pqapHook.hook;\n  const ret = pqapHook(vcpu);"),
    // and is kept in a local array first.
    (t) => t.replace("  const pqapHook = vcpu.pqapHook.hook;\n  const ret = pqapHook(vcpu);", "  const hooks = [vcpu.pqapHook.hook];\n  const ret = hooks[0](vcpu);"),
  ]);
  assert.deepEqual(links, [1, 1]);
});

test("handlers walked through a callback's parameter, and lines added around anonymous functions, relink one file", () => {
  const links = relinked("calls/handler-containers", "model.ts", [
    // A line before every callback moves them all: they are named by their order, not position.
    (t) => t.replace("export function walkForOf(apqn: number): void {\n", "export function walkForOf(apqn: number): void {\n  void apqn;\n"),
    // A walk through a local copy of the container, by index.
    (t) => t.replace("  scanHandlers.forEach((handler) => handler(apqn));", "  const copy = scanHandlers.slice();\n  copy.forEach((handler) => handler(apqn));"),
  ]);
  assert.deepEqual(links, [1, 1]);
});

test("a new flow out of a body (a hook stored where other files read it) links everything", () => {
  const links = relinked("calls/hook-nullable-holder", "vfio-ap.ts", [(t) => t.replace("  h.cell = null;\n", "  h.cell = { hook: () => 1 };\n")]);
  assert.deepEqual(links, [2]);
});
