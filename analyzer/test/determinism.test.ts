/**
 * Results are the same in every run and on every machine (architecture invariant 11): every
 * fixture's JSON is byte-identical when analysed again after all the others in the same process
 * and when its files are given in reverse order, and the CLI's JSON does not depend on the locale.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { analyzePaths, analyzeProgram, loadModel, resolveInputs, toJson } from "../src/index";
import { findModels, modelConfig, modelFiles } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");

describe("the same JSON in every run of one process", () => {
  const models = findModels(FIXTURES);
  const inputsOf = (dir: string) => [...modelFiles(dir), ...modelConfig(dir)];
  const first = new Map<string, string>();
  before(() => {
    for (const dir of models) first.set(dir, toJson(analyzePaths(inputsOf(dir), { cwd: REPO_ROOT })));
  });

  // In reverse: each model is analysed again after every other one was, once or twice.
  for (const dir of [...models].reverse()) {
    test(path.relative(FIXTURES, dir), () => {
      const expected = first.get(dir);
      assert.equal(toJson(analyzePaths(inputsOf(dir), { cwd: REPO_ROOT })), expected, "analysed again");
      // Loading sorts the paths it is given, so the reversal is handed to the analysis itself.
      const inputs = resolveInputs(inputsOf(dir));
      const loaded = loadModel(inputs.files, inputs.options);
      const reversed = analyzeProgram(loaded.program, [...loaded.files].reverse(), { cwd: REPO_ROOT, problems: [...inputs.problems, ...loaded.problems] });
      assert.equal(toJson(reversed), expected, "files in reverse order");
    });
  }
});

/** The environment with only this locale: no LANG, LANGUAGE or LC_* of the machine's left. */
function localeEnv(locale: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key === "LANG" || key === "LANGUAGE" || key.startsWith("LC_")) delete env[key];
  return { ...env, ...locale };
}

const LOCALES: Record<string, string>[] = [{ LANG: "tr_TR.UTF-8" }, { LC_ALL: "C" }];
// Names whose order differs between these locales and from the ordinal (UTF-16) order.
const NAMES = ["ia", "Ib", "a_b", "ab"];

describe("the same JSON in every locale", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-locale-"));
    // Each name is a lock, a file and a function; two cycles, with diagnostics in every file.
    fs.writeFileSync(path.join(dir, "locks.ts"), `import { defineLock } from "lockorder";\n${NAMES.map((n) => `export const ${n} = defineLock("${n}");`).join("\n")}\n`);
    const pairs = [["ia", "Ib"], ["Ib", "ia"], ["a_b", "ab"], ["ab", "a_b"]];
    for (const [outer, inner] of pairs) {
      fs.writeFileSync(
        path.join(dir, `${outer}.ts`),
        `import { lock, unlock } from "lockorder";\nimport { ${outer}, ${inner} } from "./locks";\n` +
          `export function ${outer}_then_${inner}(): void { lock(${outer}); lock(${inner}); unlock(${inner}); unlock(${outer}); }\n`,
      );
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the chosen locales order these names differently (else the test below proves nothing)", () => {
    const sorted = LOCALES.map((locale) => {
      const r = spawnSync(process.execPath, ["-e", `console.log(${JSON.stringify(NAMES)}.sort((a, b) => a.localeCompare(b)).join())`], { env: localeEnv(locale), encoding: "utf8" });
      return r.stdout.trim();
    });
    assert.notEqual(sorted[0], sorted[1]);
  });

  const cases: { name: string; cwd: () => string; model: string }[] = [
    { name: "names and files chosen to sort differently", cwd: () => dir, model: "." },
    // Written from its patch by the findModels call above.
    { name: "vfio-ap-broken (vfio.ts and vfio_ap_drv.ts, camelCase and PascalCase functions)", cwd: () => REPO_ROOT, model: "test-fixtures/.generated/vfio-ap-broken" },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const outputs = LOCALES.map((locale) => {
        const r = spawnSync(process.execPath, [BIN, "check", "--format", "json", c.model], { cwd: c.cwd(), env: localeEnv(locale), encoding: "utf8" });
        assert.equal(r.status, 1, `${JSON.stringify(locale)}: exit status 1 (deadlocks found)\n${r.stderr}`);
        return r.stdout;
      });
      assert.ok(JSON.parse(outputs[0]).diagnostics.length >= 4);
      assert.equal(outputs[1], outputs[0], `${JSON.stringify(LOCALES[1])} against ${JSON.stringify(LOCALES[0])}`);
      assert.equal(outputs[0], toJson(analyzePaths([path.join(c.cwd(), c.model)], { cwd: c.cwd() })), "the CLI against this process");
    });
  }
});
