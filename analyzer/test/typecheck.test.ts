/**
 * Models are TypeScript first: every fixture type-checks with `tsc --noEmit` against the
 * lockorder module (docs/annotations.md#the-lockorder-module), except the directories test-fixtures/tsconfig.json excludes.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import * as ts from "typescript";
import { FIXTURES } from "./paths";

test("every fixture type-checks under standard decorators", () => {
  const configPath = path.join(FIXTURES, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config, "test-fixtures/tsconfig.json parses");
  assert.ok(config.fileNames.length > 100, `found ${config.fileNames.length} fixture files`);
  const program = ts.createProgram(config.fileNames, config.options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${path.relative(FIXTURES, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
  assert.deepEqual(errors, []);
});
