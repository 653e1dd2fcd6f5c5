/**
 * Depth never stops the server (issue 11, item 4): a model whose open document is nested deeper
 * than the flow walk follows (and one deeper than TypeScript's binder survives) keeps its other
 * files' diagnostics, says which part was not analysed, and still answers hovers (in open documents).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { TestClient, uriOf } from "./client";

describe("deep nesting in an open document", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-depth-"));
  const abba = path.join(dir, "abba.ts");
  const deep = path.join(dir, "deep.ts");
  const nested = (n: number) =>
    'import { lock, unlock } from "lockorder";\nimport { a } from "./abba";\n' +
    `export function deep(x: number): void {\n${"while (x) {\n".repeat(n)}lock(a); unlock(a);\n${"}\n".repeat(n)}}\n`;
  let client: TestClient;
  before(async () => {
    fs.writeFileSync(
      abba,
      'import { defineLock, lock, unlock } from "lockorder";\nexport const a = defineLock("a");\nexport const b = defineLock("b");\n' +
        "export function ab(): void { lock(a); lock(b); unlock(b); unlock(a); }\n" +
        "export function ba(): void { lock(b); lock(a); unlock(a); unlock(b); }\n",
    );
    fs.writeFileSync(deep, nested(300));
    client = await TestClient.start([dir]);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const codes = (file: string) => (client.diagnostics.get(uriOf(file)) ?? []).map((d) => `${d.range.start.line + 1} ${d.code}`);

  test("the other file's deadlock is reported and the deep function is marked", async () => {
    await client.open(deep);
    await client.open(abba);
    await client.idle();
    assert.deepEqual(codes(abba), ["4 lock-order-inversion", "5 lock-order-inversion"]);
    assert.deepEqual(codes(deep), ["3 analysis-incomplete"]);
    const hover = await client.hover(abba, 1, "export const ".length);
    assert.match(String((hover?.contents as { value: string } | undefined)?.value), /\ba\b/);
  });

  test("an edit nesting past TypeScript's binder costs that file only", async () => {
    await client.change(deep, nested(1000));
    await client.idle();
    assert.deepEqual(codes(abba), ["4 lock-order-inversion", "5 lock-order-inversion"]);
    assert.deepEqual(codes(deep), ["1 analysis-incomplete"]);
    assert.ok(client.alive);
    const hover = await client.hover(abba, 2, "export const ".length);
    assert.match(String((hover?.contents as { value: string } | undefined)?.value), /\bb\b/);
  });
});
