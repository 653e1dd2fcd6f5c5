/**
 * Every model under test-fixtures/ through the analyzer: its diagnostics must be exactly those
 * of its `// expect:` comments, and those a suppression comment silenced exactly those of its
 * `// expect-suppressed:` comments (file, line and code, as a multiset).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import { analyzePaths } from "../src/index";
import { actualDiagnostics, expectedDiagnostics, findModels, modelConfig, modelFiles } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";

describe("fixtures through the analyzer", () => {
  for (const dir of findModels(FIXTURES)) {
    test(path.relative(FIXTURES, dir), () => {
      const files = [...modelFiles(dir), ...modelConfig(dir)];
      const result = analyzePaths(files, { cwd: REPO_ROOT });
      const messages = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`).join("\n");
      assert.deepEqual(actualDiagnostics(result.diagnostics), expectedDiagnostics(files, REPO_ROOT, { suppressed: true }), `diagnostics were:\n${messages}`);
      assert.deepEqual(result.details.internalErrors, []);
    });
  }
});
