/**
 * Protocol behaviour beyond the fixtures: pull diagnostics, files created on disk
 * (didChangeWatchedFiles), settings (severity overrides, code lenses off, disabled), and the last
 * good analysis kept while an open document does not parse.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { positionOf, PUSH_CAPABILITIES, TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

/** A scratch copy of a fixture model, so tests can write files. */
function copyModel(model: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-ws-"));
  for (const f of fs.readdirSync(path.join(FIXTURES, model))) fs.copyFileSync(path.join(FIXTURES, model, f), path.join(dir, f));
  return dir;
}

describe("pull diagnostics", () => {
  test("a pulling client gets open documents' diagnostics by pull, with result ids", async () => {
    const dir = copyModel("calls/interface-dispatch");
    const capabilities = { ...PUSH_CAPABILITIES, textDocument: { ...PUSH_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } };
    const client = await TestClient.start([dir], capabilities);
    try {
      const file = path.join(dir, "vfio.ts");
      await client.open(file);
      await client.idle();
      const report = (await client.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri: uriOf(file) } })) as { kind: string; resultId: string; items: { code: string }[] };
      assert.equal(report.kind, "full");
      assert.deepEqual(report.items.map((d) => d.code), ["lock-order-inversion", "lock-order-inversion"]);
      assert.deepEqual(client.diagnostics.get(uriOf(file)) ?? [], [], "no duplicate pushed diagnostics for an open document");
      const again = (await client.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri: uriOf(file) }, previousResultId: report.resultId })) as { kind: string };
      assert.equal(again.kind, "unchanged");
    } finally {
      await client.stop();
    }
  });
});

describe("files and settings", () => {
  test("a model file created on disk is picked up through didChangeWatchedFiles", async () => {
    const dir = copyModel("calls/imported-function");
    const client = await TestClient.start([dir]);
    try {
      const extra = path.join(dir, "extra.ts");
      fs.writeFileSync(extra, ['import { defineLock, lock, unlock } from "lockorder";', 'const x = defineLock("x");', 'const y = defineLock("y");', "export function a(): void { lock(x); lock(y); unlock(y); unlock(x); }", "export function b(): void { lock(y); lock(x); unlock(x); unlock(y); }", ""].join("\n"));
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(extra), type: 1 }] });
      await client.idle();
      assert.deepEqual((client.diagnostics.get(uriOf(extra)) ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`), ["4 lock-order-inversion", "5 lock-order-inversion"]);
      fs.unlinkSync(extra);
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(extra), type: 3 }] });
      await client.idle();
      assert.deepEqual(client.diagnostics.get(uriOf(extra)), [], "a deleted file's diagnostics are cleared");
    } finally {
      await client.stop();
    }
  });

  test("severity overrides, code lenses off, and the whole checker off", async () => {
    const dir = copyModel("calls/interface-dispatch");
    const file = path.join(dir, "vfio.ts");
    const settings = { severity: { "lock-order-inversion": "warning" }, codeLens: { enable: false } };
    const client = await TestClient.start([dir], PUSH_CAPABILITIES, { debounce: { minMs: 0, maxMs: 0 }, settings });
    try {
      assert.deepEqual((client.diagnostics.get(uriOf(file)) ?? []).map((d) => d.severity), [2, 2]);
      await client.open(file);
      assert.deepEqual(await client.codeLenses(file), []);
    } finally {
      await client.stop();
    }
    const off = await TestClient.start([dir], PUSH_CAPABILITIES, { debounce: { minMs: 0, maxMs: 0 }, settings: { enable: false } });
    try {
      assert.equal((off.diagnostics.get(uriOf(file)) ?? []).length, 0);
    } finally {
      await off.stop();
    }
  });

  test("a client that shows TypeScript's problems gets no unknown-lock echoing 'Cannot find name', and one did-you-mean (TypeScript's)", async () => {
    const file = path.join(FIXTURES, "diagnostics/unknown-lock-misspelt-identifier/model.ts");
    const typo = positionOf(file, "kvmLokc");
    const range = { start: typo, end: typo };
    const codes = (client: TestClient) => (client.diagnostics.get(uriOf(file)) ?? []).map((d) => d.code);
    const didYouMean = async (client: TestClient) => (await client.codeActions(file, range, [])).filter((a) => a.title.startsWith("Change to"));
    // A client that does not say so (Neovim with no TypeScript server, say) gets both, and our fix.
    const plain = await TestClient.start([path.dirname(file)]);
    try {
      assert.deepEqual(codes(plain).filter((c) => c === "unknown-lock").length, 2);
      await plain.open(file);
      assert.equal((await didYouMean(plain)).length, 1);
    } finally {
      await plain.stop();
    }
    const vscode = await TestClient.start([path.dirname(file)], PUSH_CAPABILITIES, { debounce: { minMs: 0, maxMs: 0 }, showsTypeScriptProblems: true });
    try {
      assert.deepEqual(codes(vscode).filter((c) => c === "unknown-lock"), [], "TypeScript reports these names");
      assert.ok(codes(vscode).includes("lock-order-inversion"), "the rest of the model is still reported");
      await vscode.open(file);
      assert.deepEqual(await didYouMean(vscode), [], "TypeScript's Change spelling fixes them");
    } finally {
      await vscode.stop();
    }
    // A string literal is ours alone: kept for every client.
    const literal = path.join(FIXTURES, "diagnostics/unknown-lock-string-literal");
    const client = await TestClient.start([literal], PUSH_CAPABILITIES, { debounce: { minMs: 0, maxMs: 0 }, showsTypeScriptProblems: true });
    try {
      assert.ok([...client.diagnostics.values()].flat().some((d) => d.code === "unknown-lock"));
    } finally {
      await client.stop();
    }
  });

  test("while an open document does not parse, its last good diagnostics stay", async () => {
    const dir = copyModel("calls/interface-dispatch");
    const file = path.join(dir, "vfio.ts");
    const client = await TestClient.start([dir]);
    try {
      const text = fs.readFileSync(file, "utf8");
      await client.open(file, text);
      await client.idle();
      const good = client.diagnostics.get(uriOf(file));
      assert.equal(good?.length, 2);
      await client.change(file, text.replace("export function", "export function (("));
      await client.idle();
      assert.deepEqual(client.diagnostics.get(uriOf(file)), good);
      await client.change(file, text.replace(/lock\(/g, "unlock("));
      await client.idle();
      assert.notDeepEqual(client.diagnostics.get(uriOf(file)), good, "a parsing edit is analysed again");
    } finally {
      await client.stop();
    }
  });
});

describe("lock sequences and waits in hovers and code lenses", () => {
  test("a function's lens and hover list its locks in the order it takes them", async () => {
    // vfio_ap_mdev_set_kvm() takes guests_lock, then kvm->lock, then mdevs_lock; guests_lock and
    // kvm->lock share a rank (both on a cycle), which must not reorder them.
    const model = path.join(FIXTURES, "seeds/001-vfio-open-device/before");
    const ops = path.join(model, "vfio_ap_ops.ts");
    const vfio = path.join(model, "vfio.ts");
    const client = await TestClient.start([model]);
    try {
      await client.open(ops);
      await client.open(vfio);
      await client.idle();
      const titles = new Map<number, string[]>();
      for (const lens of await client.codeLenses(vfio)) {
        const title = (await client.resolveCodeLens(lens)).command!.title;
        titles.set(lens.range.start.line, [...(titles.get(lens.range.start.line) ?? []), title]);
      }
      const open = positionOf(vfio, "open(kvm: Kvm | null)");
      assert.deepEqual(titles.get(open.line)?.[0], "matrix_dev->guests_lock → kvm->lock → matrix_dev->mdevs_lock (holding vfio dev_set->lock)");
      const groupOpen = positionOf(vfio, "function vfioDeviceGroupOpen", 9);
      assert.equal(titles.get(groupOpen.line)?.[0], "vfio group_lock → vfio dev_set->lock → matrix_dev->guests_lock → kvm->lock → matrix_dev->mdevs_lock");

      const setKvm = positionOf(ops, "setKvm(kvm");
      const hover = ((await client.hover(ops, setKvm.line, setKvm.character + 1))?.contents as { value: string }).value;
      assert.match(hover, /^Lock sequence: `matrix_dev->guests_lock` → `kvm->lock` → `matrix_dev->mdevs_lock`$/m);
      assert.match(hover, /^- acquires \(direct, in order\): `matrix_dev->guests_lock`, `kvm->lock`, `matrix_dev->mdevs_lock`$/m);
    } finally {
      await client.stop();
    }
  });

  test("a completion's hover shows the wait as a wait, and wait() in the scenario table", async () => {
    const model = path.join(FIXTURES, "calls/completion-wait");
    const file = path.join(model, "model.ts");
    const client = await TestClient.start([model]);
    try {
      await client.open(file);
      await client.idle();
      const pos = positionOf(file, 'defineLock("ap_queue->reset_done"', 2);
      const text = ((await client.hover(file, pos.line, pos.character))?.contents as { value: string }).value;
      assert.match(text, /^- `matrix_dev->guests_lock` → `ap_queue->reset_done` \(a wait\) in `removeQueue` at /m);
      assert.match(text, /^- `ap_queue->reset_done` → `matrix_dev->guests_lock` in `resetWorker` at /m);
      assert.match(text, /^ +wait\(ap_queue->reset_done\);$/m);
      const [diagnostic] = client.diagnostics.get(uriOf(file)) ?? [];
      assert.equal(
        diagnostic.message,
        "possible deadlock: waiting for completion 'ap_queue->reset_done' while holding 'matrix_dev->guests_lock'; elsewhere 'matrix_dev->guests_lock' is acquired while holding 'ap_queue->reset_done' (cycle matrix_dev->guests_lock → ap_queue->reset_done → matrix_dev->guests_lock)",
      );
      assert.equal(diagnostic.relatedInformation?.[0].message, "'matrix_dev->guests_lock' acquired while holding 'ap_queue->reset_done' in resetWorker via resetQueue");
    } finally {
      await client.stop();
    }
  });
});

describe("unresolved calls in hovers", () => {
  test("a hover on a call that reaches no function of the model says it is unresolved and has no lock effect", async () => {
    const model = path.join(FIXTURES, "calls/unresolved-call");
    const file = path.join(model, "model.ts");
    const containers = path.join(FIXTURES, "calls/handler-containers/model.ts");
    const client = await TestClient.start([model, path.dirname(containers)]);
    try {
      await client.open(file);
      await client.open(containers);
      await client.idle();
      const hoverText = async (f: string, needle: string, shift = 1) => {
        const pos = positionOf(f, needle, shift);
        const hover = await client.hover(f, pos.line, pos.character);
        return hover ? (hover.contents as { value: string }).value : "";
      };
      const noEffect = /This call reaches no function of the model, so it has no lock effect/;
      // A function-typed parameter no caller passes, and an ambient declaration without a body.
      const callback = await hoverText(file, "callback();");
      assert.match(callback, /^\*\*Unresolved call\*\* `callback` in `callsExternals`$/m);
      assert.match(callback, noEffect);
      assert.match(await hoverText(file, "kvmArchCryptoClearMasks();"), /^\*\*Unresolved call\*\* `kvmArchCryptoClearMasks`/m);
      // A call through a container's element reaches the handlers stored in it: its lock history,
      // not "unresolved"; a call into the standard library is no blind spot either.
      const handler = await hoverText(containers, "scanHandlers[i](apqn)");
      assert.match(handler, /\*\*Lock history\*\* in `walkByIndex`, calling `apScanHandler`/);
      assert.doesNotMatch(handler, noEffect);
      assert.doesNotMatch(await hoverText(containers, "scanHandlers.push", 14), noEffect);
    } finally {
      await client.stop();
    }
  });
});
