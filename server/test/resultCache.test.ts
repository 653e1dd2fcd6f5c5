/**
 * The diagnostics a server keeps for its next start (docs/architecture.md#the-result-cache): a
 * second start on an unchanged folder publishes them before its first analysis ends, and they are
 * what the analysis then publishes; a folder changed in between, or an open document that differs
 * from the disk, gets only its analysis's.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Workspace } from "../src/workspace";
import { TestClient } from "./client";
import { FIXTURES, REPO_ROOT } from "./paths";

const KEPT = /published the diagnostics kept from the last start/;

function copyModel(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-kept-"));
  fs.cpSync(fixture, dir, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** Starts a server on the folder, waits for its first analysis, and stops it: its log and diagnostics. */
async function startOnce(dir: string, cache: string, before?: (client: TestClient) => Promise<void>) {
  const client = await TestClient.start([dir], undefined, undefined, cache);
  try {
    await before?.(client);
    await client.idle();
    const diagnostics = [...client.diagnostics].filter(([, list]) => list.length > 0).sort(([a], [b]) => (a < b ? -1 : 1));
    return { kept: client.logs.some((m) => KEPT.test(m)), diagnostics };
  } finally {
    await client.stop();
  }
}

test("a second start publishes the diagnostics the first kept, and the analysis agrees with them", async () => {
  const dir = copyModel(path.join(FIXTURES, "seeds", "003-ap-perms"));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-kept-cache-"));
  const first = await startOnce(dir, cache);
  assert.equal(first.kept, false, "nothing kept yet");
  assert.ok(first.diagnostics.length > 0, "the model has diagnostics");
  const second = await startOnce(dir, cache);
  assert.equal(second.kept, true);
  assert.deepEqual(second.diagnostics, first.diagnostics);
});

test("a folder changed since, or an open document that differs from the disk, is not answered from what was kept", async () => {
  const dir = copyModel(path.join(FIXTURES, "seeds", "003-ap-perms"));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-kept-cache-"));
  await startOnce(dir, cache);
  const file = path.join(dir, "before", fs.readdirSync(path.join(dir, "before")).find((f) => f.endsWith(".ts"))!);
  fs.appendFileSync(file, "\nexport function addedByTheTest(): void {}\n");
  const edited = await startOnce(dir, cache);
  assert.equal(edited.kept, false, "a file changed on disk");
  const again = await startOnce(dir, cache);
  assert.equal(again.kept, true, "the edited folder's diagnostics were kept in turn");
  // A document open with unsaved text: what was kept is of the disk.
  process.env.LOCKORDER_CACHE_DIR = cache;
  const ws = new Workspace(dir);
  assert.ok(ws.cachedResult(), "kept for the folder as it is on disk");
  ws.setText(file, `${fs.readFileSync(file, "utf8")}\nexport const unsaved = 1;\n`);
  assert.equal(ws.cachedResult(), undefined, "an open document that differs from the disk");
  ws.setText(file, fs.readFileSync(file, "utf8"));
  assert.ok(ws.cachedResult(), "an open document as on disk");
});
