/**
 * Structured diagnostics: every diagnostic of the result carries its code's typed arguments, locks
 * by name, as plain data (fixes and editors read them instead of the message), and the JSON output
 * leaves them out.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { analyzePathsState } from "../src/analyze";
import { FixFinder, toJson, type AnalysisState, type DiagnosticArgs } from "../src/index";

const MODEL = `import { assertHeld, defineLock, lock, nested, shared, unlock, waitFor } from "lockorder";

export const a = defineLock("a");
export const b = defineLock("b");
export const c = defineLock("c");
export const sem = defineLock("dev->sem", { kind: "rwsem" });
export const spin = defineLock("spin", { kind: "spinlock" });
export const done = defineLock("done", { kind: "completion" });

export function ab(): void { lock(a); lock(b); unlock(b); unlock(a); }
export function bc(): void { lock(b); lock(c); unlock(c); unlock(b); }
export function ca(): void { lock(c); lock(a); unlock(a); unlock(c); }

/** @requires shared(sem) */
export function reader(): void {}
/** @requires nested(sem, 1) */
export function writer(): void {}

export function caller(): void {
  reader();
  writer();
  assertHeld(a);
}

export function atomic(): void {
  lock(spin);
  waitFor(done);
  unlock(spin);
}

export function misspelt(): void {
  lock(shared(sem));
  unlock(shared(sem));
  lock(nested(sem, 1));
  unlock(nested(sem, 1));
  lock("b1");
}
`;

let dir: string;
let state: AnalysisState;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-args-"));
  fs.writeFileSync(path.join(dir, "model.ts"), MODEL);
  state = analyzePathsState([dir]);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The arguments of the diagnostics of one code, in the result's order. */
function argsOf(code: string): DiagnosticArgs<string>[] {
  return state.result.diagnostics.filter((d) => d.code === code).map((d) => d.args);
}

describe("structured diagnostics", () => {
  test("every diagnostic's arguments have its code and are plain data", () => {
    assert.ok(state.result.diagnostics.length > 0);
    for (const d of state.result.diagnostics) {
      assert.equal(d.args.code, d.code);
      assert.deepEqual(JSON.parse(JSON.stringify(d.args)), d.args, `${d.code}: ${d.message}`);
    }
  });

  test("locks by name, with the mode, the callee, the cycle and the suggestion", () => {
    assert.deepEqual(argsOf("requires-not-held"), [
      { code: "requires-not-held", callee: "reader", lock: "dev->sem", exclusive: false },
      { code: "requires-not-held", callee: "writer", lock: "dev->sem/1", exclusive: true },
      { code: "requires-not-held", callee: "assertHeld", lock: "a", exclusive: true },
    ]);
    const inversions = argsOf("lock-order-inversion");
    assert.equal(inversions.length, 3);
    for (const inv of inversions) {
      assert.ok(inv.code === "lock-order-inversion");
      assert.equal(inv.cycle.length, 3);
      assert.deepEqual([inv.cycle[0], inv.cycle[1]], [inv.held, inv.acquired], "the cycle starts with the diagnostic's edge");
      assert.deepEqual(inv.waits, [false, false, false], "no edge of a cycle of mutexes is a wait");
    }
    assert.deepEqual(argsOf("sleep-in-atomic"), [{ code: "sleep-in-atomic", sleeping: "done", spinning: "spin", wait: true }]);
    assert.deepEqual(argsOf("unknown-lock"), [{ code: "unknown-lock", text: "b1", suggestion: "b" }]);
  });

  test("fixes read the arguments: the lock and mode of @requires, the did-you-mean suggestion", () => {
    const titles = new FixFinder(state).fixesIn(state.files.find((f) => f.fileName.endsWith("model.ts"))!.fileName).map((f) => f.title);
    assert.ok(titles.includes("Add @requires(dev->sem) to 'caller'"), titles.join("\n"));
    assert.ok(titles.includes("Add @requires(dev->sem/1) to 'caller'"), titles.join("\n"));
    assert.ok(titles.includes("Add @requires(a) to 'caller'"), titles.join("\n"));
    assert.ok(titles.includes("Change to 'b'"), titles.join("\n"));
  });

  test("the JSON output leaves the arguments out", () => {
    const json = JSON.parse(toJson(state.result)) as { diagnostics: Record<string, unknown>[] };
    assert.equal(json.diagnostics.length, state.result.diagnostics.length);
    for (const d of json.diagnostics) assert.equal("args" in d, false);
  });
});
