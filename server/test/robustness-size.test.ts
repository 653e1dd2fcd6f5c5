/**
 * Size never exhausts the server (issue 11, item 5): a 2,000-lock cycle, an annotation naming
 * 3,000 locks and thousands of misspelt lock names, each in a model with a real deadlock beside
 * it. The first analysis publishes within a bound, messages and related information stay bounded,
 * the deadlock beside them is reported, and the server goes on answering requests afterwards (at
 * 2,000 locks the JSON of a cycle once broke every later request).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { writeDeadlockModel } from "lockorder/testing";
import { TestClient, uriOf } from "./client";

const HEAD = 'import { defineLock, lock, unlock } from "lockorder";\n';
const CYCLE = 2000;
const MANY = 3000;
const TYPOS = 3000;

function files(): Record<string, string> {
  const cycle = [HEAD];
  for (let i = 0; i < CYCLE; i++) cycle.push(`const l${i} = defineLock("lock_${i}");\n`);
  for (let i = 0; i < CYCLE; i++) cycle.push(`export function f${i}(): void { lock(l${i}); lock(l${(i + 1) % CYCLE}); unlock(l${(i + 1) % CYCLE}); unlock(l${i}); }\n`);
  const manyLocks = Array.from({ length: MANY }, (_, i) => `m${i}`);
  const many = `${HEAD}${manyLocks.map((m, i) => `export const ${m} = defineLock("many_${i}");\n`).join("")}/** @acquires ${manyLocks.join(", ")} */\nexport function takeAll(): void {}\n`;
  const typos = `${HEAD}import { a } from "./locks";\nexport function misspelt(): void {\n${Array.from({ length: TYPOS }, (_, i) => `  lock("lokc_${i}");\n`).join("")}  lock(a);\n  unlock(a);\n}\n`;
  return { "cycle.ts": cycle.join(""), "many.ts": many, "typos.ts": typos };
}

describe("a model of thousands of locks through the server", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-size-"));
  let client: TestClient;
  const of = (name: string) => client.diagnostics.get(uriOf(path.join(dir, name))) ?? [];
  before(async () => {
    writeDeadlockModel(dir);
    for (const [name, text] of Object.entries(files())) fs.writeFileSync(path.join(dir, name), text);
    const started = Date.now();
    client = await TestClient.start([dir]);
    assert.ok(Date.now() - started < 60_000, `the first analysis published after ${Date.now() - started} ms`);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the long cycle's diagnostics are bounded; the deadlock beside it is reported", () => {
    const cycle = of("cycle.ts").filter((d) => d.code === "lock-order-inversion");
    assert.equal(cycle.length, CYCLE);
    for (const d of cycle) {
      assert.ok(String(d.message).length < 300, String(d.message));
      assert.ok((d.relatedInformation ?? []).length <= 8, `${d.relatedInformation?.length} related`);
    }
    assert.deepEqual(of("abba.ts").map((d) => `${d.range.start.line + 1} ${d.code}`), ["3 lock-order-inversion", "4 lock-order-inversion"]);
  });

  test("an annotation naming 3,000 locks is capped at 48 held, and says so", () => {
    assert.deepEqual(of("many.ts").map((d) => d.code), ["analysis-incomplete"]);
  });

  test("thousands of unknown names each get their diagnostic", () => {
    assert.equal(of("typos.ts").filter((d) => d.code === "unknown-lock").length, TYPOS);
  });

  test("the server goes on answering: a hover, code lenses, an edit", async () => {
    const cycle = path.join(dir, "cycle.ts");
    await client.open(cycle);
    const hover = await client.hover(cycle, 1, 8);
    assert.match(JSON.stringify(hover), /lock_0/);
    assert.ok((await client.codeLenses(cycle)).length > 0);
    const abba = path.join(dir, "abba.ts");
    await client.open(abba);
    await client.change(abba, fs.readFileSync(abba, "utf8").replace("lock(b); lock(a); unlock(a); unlock(b);", "lock(a); lock(b); unlock(b); unlock(a);"));
    await client.idle();
    assert.deepEqual(of("abba.ts"), []);
    assert.equal(of("cycle.ts").filter((d) => d.code === "lock-order-inversion").length, CYCLE);
  });
});
