/**
 * The server never publishes less than it knows, and keeps the LSP lifecycle: a failed analysis
 * leaves the last good diagnostics in place and is logged once; `waitForIdle` right after
 * `initialized` waits for the first analysis; resolve requests answer with an item, never null;
 * requests before `initialize` and after `shutdown` are refused with the specification's codes.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ResponseError } from "vscode-languageserver-protocol/node";
import { Workspace } from "../src/workspace";
import { SERVER_BIN, TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

const LOCKS = `import { defineLock } from "lockorder";
export const devLock = defineLock("dev->lock");
export const queueLock = defineLock("queue->lock");
`;
const DEADLOCK = `import { lock, unlock } from "lockorder";
import { devLock, queueLock } from "./locks";
export function reset(): void {
  lock(devLock);
  lock(queueLock);
  unlock(queueLock);
  unlock(devLock);
}
export function restart(): void {
  lock(queueLock);
  lock(devLock);
  unlock(devLock);
  unlock(queueLock);
}
`;
const OTHER = `import { lock, unlock } from "lockorder";
import { devLock } from "./locks";
export function probe(): void {
  lock(devLock);
  unlock(devLock);
}
`;

function model(): { dir: string; deadlock: string; other: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-reliability-"));
  fs.writeFileSync(path.join(dir, "locks.ts"), LOCKS);
  fs.writeFileSync(path.join(dir, "deadlock.ts"), DEADLOCK);
  fs.writeFileSync(path.join(dir, "other.ts"), OTHER);
  return { dir, deadlock: path.join(dir, "deadlock.ts"), other: path.join(dir, "other.ts") };
}

describe("a failed analysis keeps the last good diagnostics", () => {
  const m = model();
  let client: TestClient;
  const analyze = Workspace.prototype.analyze;
  before(async () => {
    client = await TestClient.startInProcess([m.dir]);
  });
  after(async () => {
    Workspace.prototype.analyze = analyze;
    await client.stop();
    fs.rmSync(m.dir, { recursive: true, force: true });
  });

  test("an edit whose analysis throws leaves every file's diagnostics as they were; the failure is logged once with its stack", async () => {
    const inversions = () => (client.diagnostics.get(uriOf(m.deadlock)) ?? []).filter((d) => d.code === "lock-order-inversion").length;
    assert.equal(inversions(), 2, "the deadlock is reported before the failure");
    Workspace.prototype.analyze = function failing(): never {
      throw new Error("analysis failed on purpose");
    };
    await client.open(m.other);
    await client.change(m.other, `${OTHER}// one edit\n`);
    await client.idle();
    await client.change(m.other, `${OTHER}// another edit\n`);
    await client.idle();
    assert.equal(inversions(), 2, "the deadlock is still reported after two failed analyses");
    const logged = client.logs.filter((l) => l.includes("analysis failed on purpose"));
    assert.equal(logged.filter((l) => /\n\s+at /.test(l)).length, 1, `the stack is logged once:\n${logged.join("\n")}`);
    assert.ok(logged.length >= 2, "the repeated failure is still mentioned");

    Workspace.prototype.analyze = analyze;
    await client.change(m.other, OTHER);
    await client.idle();
    assert.equal(inversions(), 2, "the next analysis succeeds");
    await client.open(m.deadlock);
    const hover = await client.hover(m.deadlock, 3, 9);
    assert.match(JSON.stringify(hover), /dev->lock/, "the server still answers");
  });
});

describe("the LSP lifecycle", () => {
  test("waitForIdle sent right after initialized answers after the first analysis has published", async () => {
    const m = model();
    try {
      const client = await TestClient.start([m.dir]);
      assert.equal((client.diagnostics.get(uriOf(m.deadlock)) ?? []).length, 2);
      await client.stop();
    } finally {
      fs.rmSync(m.dir, { recursive: true, force: true });
    }
  });

  test("resolve requests answer with the item they were given when they cannot resolve it", async () => {
    const client = await TestClient.start([path.join(FIXTURES, "seeds/000-pqap-hook/before")]);
    try {
      const lens = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
      assert.deepEqual(await client.resolveCodeLens(lens), lens);
      const action = { title: "not ours" };
      assert.deepEqual(await client.resolveCodeAction(action), action);
    } finally {
      await client.stop();
    }
  });

  test("requests before initialize are refused with ServerNotInitialized, after shutdown with InvalidRequest", async () => {
    const child = spawn(process.execPath, [SERVER_BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const codeOf = (request: Promise<unknown>) => request.then(() => "answered", (e: ResponseError<unknown>) => e.code);
    const hover = { textDocument: { uri: uriOf(path.join(os.tmpdir(), "x.ts")) }, position: { line: 0, character: 0 } };
    try {
      assert.equal(await codeOf(connection.sendRequest("textDocument/hover", hover)), -32002);
      assert.equal(await codeOf(connection.sendRequest("lockorder/waitForIdle")), -32002);
      await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification("initialized", {});
      assert.equal(await codeOf(connection.sendRequest("textDocument/hover", hover)), "answered");
      await connection.sendRequest("shutdown");
      assert.equal(await codeOf(connection.sendRequest("textDocument/hover", hover)), -32600);
      assert.equal(await codeOf(connection.sendRequest("textDocument/codeLens", { textDocument: hover.textDocument })), -32600);
      await connection.sendNotification("exit");
      const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
      assert.equal(code, 0, "exit after shutdown ends the process with 0");
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
