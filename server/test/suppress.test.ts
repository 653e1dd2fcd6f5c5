/**
 * The "Suppress <code> on this line with a reason" code action, through the built server: offered
 * on every diagnostic the editor shows (never preferred, kind quickfix), not on unused-suppression;
 * applied, the comment it inserts silences the diagnostic (which is no longer published) and
 * brings no unused-suppression; a second code on the same line extends the comment above; none
 * where a comment line cannot go (a line that starts inside a block comment); a client that
 * applies snippet edits gets the reason as a placeholder selected for typing, with the file's
 * line ending.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import type { ClientCapabilities, CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { applyLspEdits, PUSH_CAPABILITIES, TestClient, uriOf } from "./client";

const PLACEHOLDER = "TODO: say why this is safe";

// vfio_ap_mdev_set_kvm / handle_pqap (seed 000): an ABBA; kvm_mmu_notifier takes kvm->mmu_lock (a
// spinlock) inside kvm->lock, and mmu_reset the reverse, so two codes start at its kvm->lock
// (sleep-in-atomic and the inversion); describe_queue takes kvm->lock on a line that starts
// inside a block comment, where no comment line can go.
const MODEL = [
  'import { defineLock, lock, unlock } from "lockorder";',
  "",
  'export const guestsLock = defineLock("matrix_dev->guests_lock");',
  'export const kvmLock = defineLock("kvm->lock");',
  'export const mmuLock = defineLock("kvm->mmu_lock", { kind: "spinlock" });',
  "",
  "export function vfioApMdevSetKvm(): void {",
  "  lock(guestsLock);",
  "  if (guestsLock) {",
  "    lock(kvmLock);", // line 9
  "    unlock(kvmLock);",
  "  }",
  "  unlock(guestsLock);",
  "}",
  "",
  "export function handlePqap(): void {",
  "  lock(kvmLock);",
  "  lock(guestsLock);", // line 17
  "  unlock(guestsLock);",
  "  unlock(kvmLock);",
  "}",
  "",
  "export function kvmMmuNotifier(): void {",
  "  lock(kvmLock);",
  "  lock(mmuLock);", // line 24
  "  unlock(mmuLock);",
  "  unlock(kvmLock);",
  "}",
  "",
  "export function mmuReset(): void {",
  "  lock(mmuLock);",
  "  lock(kvmLock);", // line 31
  "  unlock(kvmLock);",
  "  unlock(mmuLock);",
  "}",
  "",
  "export function describeQueue(): void {",
  "  lock(guestsLock);",
  "  /* kvm->lock, as kvm_arch_crypto_set_masks takes it",
  "   */ lock(kvmLock);", // line 39
  "  unlock(kvmLock);",
  "  unlock(guestsLock);",
  "}",
  "",
].join("\n");

function tempModel(text: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-suppress-"));
  const file = path.join(dir, "model.ts");
  fs.writeFileSync(file, text);
  return { dir, file };
}

const SNIPPET_CAPABILITIES: ClientCapabilities = {
  ...PUSH_CAPABILITIES,
  workspace: { ...PUSH_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
};

const isSuppress = (a: CodeAction) => a.title.startsWith("Suppress ");

describe("the suppress action", () => {
  let client: TestClient;
  let model: { dir: string; file: string };
  const published = () => client.diagnostics.get(uriOf(model.file)) ?? [];
  const at = (line: number, code: string) => published().filter((d) => d.range.start.line === line && d.code === code);
  const suppressFor = async (d: Diagnostic) => (await client.codeActions(model.file, d.range, [d])).filter(isSuppress);

  before(async () => {
    model = tempModel(MODEL);
    client = await TestClient.start([model.dir]);
    await client.open(model.file);
    await client.idle();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(model.dir, { recursive: true, force: true });
  });

  test("is offered on each diagnostic, titled with its code, a quick fix never preferred", async () => {
    const [inversion] = at(9, "lock-order-inversion");
    assert.ok(inversion, "the inversion in vfioApMdevSetKvm is published");
    const [action] = await suppressFor(inversion);
    assert.equal(action.title, "Suppress lock-order-inversion on this line with a reason");
    assert.equal(action.kind, "quickfix");
    assert.equal(action.isPreferred, false);
    assert.deepEqual(action.diagnostics, [inversion]);
    assert.deepEqual(action.edit?.changes?.[uriOf(model.file)], [
      { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: `    // lockorder-ignore-next-line lock-order-inversion -- ${PLACEHOLDER}\n` },
    ]);
    const both = await suppressFor(at(31, "sleep-in-atomic")[0]);
    assert.deepEqual(both.map((a) => a.title).sort(), ["Suppress lock-order-inversion on this line with a reason", "Suppress sleep-in-atomic on this line with a reason"]);
    assert.deepEqual((await client.codeActions(model.file, inversion.range, [inversion], ["source"])).filter(isSuppress), [], "not a source action");
  });

  test("applied, it silences the diagnostic and brings no unused-suppression; a second code extends the comment", async () => {
    const original = client.textOf(model.file);
    let text = original;
    const apply = async (action: CodeAction) => {
      text = applyLspEdits(text, action.edit!.changes![uriOf(model.file)]);
      await client.change(model.file, text);
      await client.idle();
    };
    const before = published().length;
    await apply((await suppressFor(at(9, "lock-order-inversion")[0]))[0]);
    assert.equal(at(10, "lock-order-inversion").length, 0, "the inversion, a line lower now, is silenced");
    assert.equal(published().length, before - 1);
    assert.deepEqual(published().filter((d) => d.code === "unused-suppression"), []);

    // mmuReset's kvm->lock, line 32 now: sleep-in-atomic and an inversion at one reference.
    const sleep = at(32, "sleep-in-atomic")[0];
    await apply((await suppressFor(sleep)).find((a) => a.title.includes("sleep-in-atomic"))!);
    assert.equal(at(33, "sleep-in-atomic").length, 0);
    const inversion = at(33, "lock-order-inversion")[0];
    const [extend] = await suppressFor(inversion);
    assert.deepEqual(extend.edit!.changes![uriOf(model.file)], [
      { range: { start: { line: 32, character: 47 }, end: { line: 32, character: 47 } }, newText: ", lock-order-inversion" },
    ]);
    await apply(extend);
    assert.match(text.split("\n")[32], /^ {2}\/\/ lockorder-ignore-next-line sleep-in-atomic, lock-order-inversion -- TODO: say why this is safe$/);
    assert.deepEqual(at(33, "lock-order-inversion"), []);
    assert.deepEqual(published().filter((d) => d.code === "unused-suppression"), []);

    await client.change(model.file, original);
    await client.idle();
  });

  test("is not offered where the line starts inside a comment, nor on an unused-suppression", async () => {
    const [inComment] = at(39, "lock-order-inversion");
    assert.ok(inComment, "the inversion after the block comment is published");
    assert.deepEqual(await suppressFor(inComment), []);

    const text = client.textOf(model.file).replace("export function handlePqap", "// lockorder-ignore-next-line recursive-lock -- stale\nexport function handlePqap");
    await client.change(model.file, text);
    await client.idle();
    const [unused] = published().filter((d) => d.code === "unused-suppression");
    assert.ok(unused, "the stale suppression is reported");
    assert.deepEqual(await suppressFor(unused), []);
    await client.change(model.file, MODEL);
    await client.idle();
  });
});

describe("the suppress action with snippets", () => {
  test("a client that applies snippet edits gets the reason as a placeholder; the edit is otherwise the plain one", async () => {
    const model = tempModel(MODEL.replace(/\n/g, "\r\n"));
    const client = await TestClient.start([model.dir], SNIPPET_CAPABILITIES);
    try {
      await client.open(model.file);
      await client.idle();
      const [inversion] = (client.diagnostics.get(uriOf(model.file)) ?? []).filter((d) => d.range.start.line === 17 && d.code === "lock-order-inversion");
      const [action] = (await client.codeActions(model.file, inversion.range, [inversion])).filter(isSuppress);
      assert.equal(action.edit?.changes, undefined);
      const change = action.edit?.documentChanges?.[0] as { textDocument: { uri: string }; edits: { range: unknown; snippet: { kind: string; value: string } }[] };
      assert.equal(change.textDocument.uri, uriOf(model.file));
      assert.deepEqual(change.edits, [
        {
          range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } },
          snippet: { kind: "snippet", value: `  // lockorder-ignore-next-line lock-order-inversion -- \${1:${PLACEHOLDER}}\r\n` },
        },
      ]);
      // As VS Code applies it, then the reason typed over the placeholder.
      const typed = change.edits[0].snippet.value.replace(`\${1:${PLACEHOLDER}}`, "reviewed: handle_pqap runs with the guest stopped");
      await client.change(model.file, applyLspEdits(client.textOf(model.file), [{ range: change.edits[0].range as never, newText: typed }]));
      await client.idle();
      const now = client.diagnostics.get(uriOf(model.file)) ?? [];
      assert.deepEqual(now.filter((d) => d.range.start.line === 18 && d.code === "lock-order-inversion"), []);
      assert.deepEqual(now.filter((d) => d.code === "unused-suppression"), []);
    } finally {
      await client.stop();
      fs.rmSync(model.dir, { recursive: true, force: true });
    }
  });
});
