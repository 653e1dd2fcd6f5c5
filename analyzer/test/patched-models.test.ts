/**
 * Patched fixture models (test-fixtures/README.md): `name.patch` beside a model folder becomes the
 * model `.generated/name/`, and a patch that no longer fits its base fails instead of checking
 * something else.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { findModels } from "../src/testing";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-patch-"));
  fs.mkdirSync(path.join(root, "base"));
  fs.writeFileSync(path.join(root, "base", "a.ts"), "one\ntwo\nthree\nfour\n");
  fs.writeFileSync(path.join(root, "base", "b.ts"), "unchanged\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const PATCH = "A note.\n\n--- base/a.ts\n+++ broken/a.ts\n@@ -2,2 +2,3 @@\n two\n-three\n+THREE\n+three and a half\n";

test("a patch becomes a model of the base's files, the patched ones changed", () => {
  fs.writeFileSync(path.join(root, "broken.patch"), PATCH);
  fs.mkdirSync(path.join(root, ".generated", "broken"), { recursive: true });
  fs.writeFileSync(path.join(root, ".generated", "broken", "gone.ts"), "left from an older patch\n");
  const generated = path.join(root, ".generated", "broken");
  assert.deepEqual(findModels(root), [path.join(root, "base"), generated].sort());
  assert.deepEqual(fs.readdirSync(generated).sort(), ["a.ts", "b.ts"]);
  assert.equal(fs.readFileSync(path.join(generated, "a.ts"), "utf8"), "one\ntwo\nTHREE\nthree and a half\nfour\n");
  assert.equal(fs.readFileSync(path.join(generated, "b.ts"), "utf8"), "unchanged\n");
});

test("a hunk that does not fit its base exactly fails, naming it", () => {
  fs.writeFileSync(path.join(root, "base", "a.ts"), "one\nTWO\nthree\nfour\n");
  fs.writeFileSync(path.join(root, "broken.patch"), PATCH);
  assert.throws(() => findModels(root), /broken\.patch: the hunk at line 2 of base\/a\.ts does not match it/);
});

test("a hunk whose lines do not add up to its header fails", () => {
  fs.writeFileSync(path.join(root, "broken.patch"), PATCH.replace("+three and a half\n", ""));
  assert.throws(() => findModels(root), /broken\.patch:\d+: the hunk's lines do not agree with its header's counts/);
});
