/**
 * Every quick fix offered on every fixture, through the server: applied, the file still parses,
 * the diagnostic it targeted is gone and no diagnostic appears that was not there before (of any
 * code, in any file of the model); `source.fixAll.lockorder` leaves no reorderable inversion behind.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { ts } from "@ts-morph/common";
import { findModels, modelFiles } from "lockorder/testing";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

const FIXABLE = new Set(["lock-order-inversion", "declared-order-violation", "requires-not-held", "unknown-lock"]);

function parses(file: string, text: string): boolean {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

describe("quick fixes on every fixture", () => {
  // A model that does not parse keeps its last good analysis in the editor: no fix to check there.
  const models = findModels(FIXTURES).filter((dir) => !dir.includes("robustness"));
  let client: TestClient;
  const count = (files: readonly string[], code: string) => files.reduce((n, f) => n + (client.diagnostics.get(uriOf(f)) ?? []).filter((d) => d.code === code).length, 0);
  // What a diagnostic says, where it is: positions move with an edit; an inversion is its edge.
  const key = (file: string, d: Diagnostic) => `${path.basename(file)} ${d.code} ${d.code === "lock-order-inversion" ? String(d.message).split(";")[0] : String(d.message)}`;
  const said = (files: readonly string[]) => files.flatMap((f) => (client.diagnostics.get(uriOf(f)) ?? []).map((d) => key(f, d)));
  const added = (was: readonly string[], now: readonly string[]) => {
    const left = [...was];
    return now.filter((d) => {
      const i = left.indexOf(d);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };
  before(async () => {
    client = await TestClient.start(models);
  });
  after(async () => client.stop());

  let offered = 0;
  for (const dir of models) {
    test(path.relative(FIXTURES, dir), async () => {
      const files = modelFiles(dir);
      // A cycle's fixes are offered on each of its diagnostics: each distinct fix is applied once.
      const applied = new Set<string>();
      for (const file of files) {
        const original = client.textOf(file);
        await client.open(file, original);
        await client.idle();
        const diagnostics: Diagnostic[] = (client.diagnostics.get(uriOf(file)) ?? []).filter((d) => FIXABLE.has(String(d.code)));
        // Every diagnostic's fixes are asked of one analysis (a cycle's are computed once for all
        // of its diagnostics), then each distinct one is applied and undone.
        const offeredHere: { diagnostic: Diagnostic; action: CodeAction; resolved: CodeAction }[] = [];
        for (const diagnostic of diagnostics) {
          const actions = await client.codeActions(file, diagnostic.range, [diagnostic]);
          const quickfixes = actions.filter((a) => a.kind === "quickfix");
          const preferred = quickfixes.filter((a) => a.isPreferred);
          // The one safe reorder of a cycle, else a fix offered alone.
          assert.ok(preferred.length <= 1, "at most one fix is preferred");
          // "Suppress … with a reason" (suppressActions.ts) is offered beside every fix and never preferred.
          if (preferred.length === 1) assert.ok(quickfixes.filter((a) => !a.title.startsWith("Suppress ")).length === 1 || preferred[0].title.startsWith("Take "), `preferred: ${preferred[0].title}`);
          // A fix of another diagnostic at this range is checked when that one is the context.
          for (const action of quickfixes.filter((a) => (a.diagnostics ?? []).length > 0)) {
            offered++;
            const resolved = await client.resolveCodeAction(action);
            assert.ok(resolved.edit, `${action.title} has edits`);
            const id = `${action.title}\0${JSON.stringify(resolved.edit)}`;
            if (applied.has(id)) continue;
            applied.add(id);
            offeredHere.push({ diagnostic, action, resolved });
          }
        }
        for (const { diagnostic, action, resolved } of offeredHere) {
          const code = String(diagnostic.code);
          const before = count(files, code);
          const saidBefore = said(files);
          const targets = action.diagnostics!.map((d) => key(file, d));
          const undo = await client.applyWorkspaceEdit(resolved.edit!);
          assert.ok(undo.length > 0, `${action.title} edits a file`);
          for (const u of undo) assert.ok(parses(u.file, client.textOf(u.file)), `${action.title} leaves ${path.basename(u.file)} parsing:\n${client.textOf(u.file)}`);
          await client.idle();
          assert.ok(count(files, code) < before, `${action.title} removes a ${code} (was ${before}, now ${count(files, code)})`);
          for (const target of new Set(targets)) {
            const times = (list: readonly string[]) => list.filter((d) => d === target).length;
            assert.ok(times(said(files)) <= times(saidBefore) - times(targets), `${action.title} removes what it targets: ${target}`);
          }
          assert.deepEqual(added(saidBefore, said(files)), [], `${action.title} brings no new diagnostic`);
          await client.undo(undo);
          await client.idle();
        }
        await client.close(file);
      }
    });
  }

  test("fixes were offered at all (reorders, @requires and did-you-mean)", () => {
    assert.ok(offered > 50, `${offered} fixes offered`);
  });

  for (const model of ["lockdep/straight/mutex", "lockdep/decorators/wsem", "seeds/000-pqap-hook/before", "flow/clang-shared-exclusive", ".generated/vfio-ap-broken", "calls/release-orders-before-release"]) {
    test(`fix-all leaves no cycle a reorder can break: ${model}`, async () => {
      const files = modelFiles(path.join(FIXTURES, model));
      const [file] = files;
      const original = client.textOf(file);
      // Code actions are asked of open documents.
      for (const f of files) await client.open(f, client.textOf(f));
      await client.idle();
      const whole = { start: { line: 0, character: 0 }, end: { line: original.split("\n").length, character: 0 } };
      const cycleReorders = async () => {
        const inversions = files.flatMap((f) => (client.diagnostics.get(uriOf(f)) ?? []).filter((d) => d.code === "lock-order-inversion").map((d) => ({ f, d })));
        const titles = new Set<string>();
        for (const { f, d } of inversions) for (const a of await client.codeActions(f, d.range, [d])) if (a.isPreferred && a.title.startsWith("Take ")) titles.add(a.title);
        return [...titles];
      };
      const before = await cycleReorders();
      const [fixAll] = await client.codeActions(file, whole, [], ["source.fixAll.lockorder"]);
      if (before.length === 0) {
        assert.equal(fixAll, undefined);
      } else {
        const undo = await client.applyWorkspaceEdit((await client.resolveCodeAction(fixAll)).edit!);
        for (const u of undo) assert.ok(parses(u.file, client.textOf(u.file)));
        await client.idle();
        assert.deepEqual(await cycleReorders(), []);
        await client.undo(undo);
        await client.idle();
      }
      for (const f of files) await client.close(f);
    });
  }
});
