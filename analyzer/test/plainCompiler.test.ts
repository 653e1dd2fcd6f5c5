/**
 * The compiler's namespace the analysis reads (plainCompiler.ts): once loaded, @ts-morph/common's
 * `ts` export holds every member of the compiler as a plain property, the very same values as the
 * compiler module's own (the getters it replaced returned them).
 */
import * as assert from "node:assert/strict";
import { test } from "node:test";
import "../src/plainCompiler";
import morph = require("@ts-morph/common");

test("the ts export has plain members, each the compiler's own", () => {
  const compiler = require("@ts-morph/common/dist/typescript.js") as Record<string, unknown>;
  const plain = morph.ts as unknown as Record<string, unknown>;
  const names = Object.keys(compiler);
  assert.ok(names.length > 1000, `${names.length} members`);
  const differ = names.filter((k) => plain[k] !== compiler[k]);
  assert.deepEqual(differ, []);
  const getters = Object.keys(plain).filter((k) => Object.getOwnPropertyDescriptor(plain, k)?.get !== undefined);
  assert.deepEqual(getters, []);
  assert.equal(morph.ts.SyntaxKind.Identifier, (compiler.SyntaxKind as typeof morph.ts.SyntaxKind).Identifier);
});
