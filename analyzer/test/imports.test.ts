/**
 * Which names a file can call lockorder's declaring exports by (imports.ts mayBeLockorderExport):
 * the search for `defineLock` and `nested` calls skips only the names the file imports from
 * "lockorder" itself as other exports; aliases, barrels and names it does not import stay in.
 */
import * as assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "@ts-morph/common";
import { mayBeLockorderExport } from "../src/imports";

test("a name imported from lockorder as another export is never defineLock or nested; any other name may be", () => {
  const sf = ts.createSourceFile(
    "m.ts",
    'import { lock, unlock as release, defineLock as dl } from "lockorder";\nimport { nested as n, helper } from "./barrel";\nimport * as lo from "lockorder";\n',
    ts.ScriptTarget.Latest,
    true,
  );
  const declaring = new Set(["defineLock", "nested"]);
  const answers = Object.fromEntries(["lock", "release", "dl", "n", "helper", "lo", "local"].map((name) => [name, mayBeLockorderExport(sf, name, declaring)]));
  assert.deepEqual(answers, { lock: false, release: false, dl: true, n: true, helper: true, lo: true, local: true });
});
