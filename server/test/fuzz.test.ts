/**
 * Nothing the user types kills the server: 2,000 random edits (insertions of code fragments,
 * deletions, truncations) to a seed model through didChange; after each one the server must
 * answer a hover and the code lenses, and at the end still report the original deadlock.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

const EDITS = 2000;
const FRAGMENTS = ["{", "}", "(", ")", "@", "lock(", "unlock(", "tryLock(", "using g = guard(", "if (", "else ", "while (", "return;", "throw 1;", "break;", "=>", "`", "'", '"', "/**", "*/", " @acquires ", "shared(", "nested(", ",", ";", "try {", "} finally {", "switch (x) { case 1:", "?.", "!", "\n"];

let client: TestClient;
const model = path.join(FIXTURES, "seeds/003-ap-perms/before");
const file = path.join(model, "vfio_ap_ops.ts");
before(async () => {
  client = await TestClient.start([model]);
});
after(async () => client.stop());

test(`${EDITS} random edits: the server stays alive and answers hover and code lens each time`, async () => {
  const original = fs.readFileSync(file, "utf8");
  await client.open(file, original);
  let seed = 20261121;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let text = original;
  for (let i = 0; i < EDITS; i++) {
    if (i % 200 === 0) text = original; // start again from a sane model now and then
    const at = Math.floor(random() * (text.length + 1));
    const r = random();
    if (r < 0.45) text = text.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + text.slice(at);
    else if (r < 0.9) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    else text = text.slice(0, at);
    await client.change(file, text);
    const lines = text.split("\n");
    const line = Math.floor(random() * lines.length);
    const hover = await client.hover(file, line, Math.floor(random() * (lines[line].length + 1)));
    assert.ok(hover === null || typeof hover === "object");
    const lenses = await client.codeLenses(file);
    assert.ok(Array.isArray(lenses), `edit ${i}: code lenses answered`);
    assert.ok(client.alive, `edit ${i}: server alive`);
  }
  await client.change(file, original);
  await client.idle();
  assert.ok((client.diagnostics.get(uriOf(file)) ?? []).some((d) => d.code === "lock-order-inversion"));
  assert.deepEqual(client.logs.filter((l) => /failed|uncaught|unhandled|internal error/.test(l)), []);
});
