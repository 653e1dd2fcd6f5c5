/**
 * The CI and review outputs on the seed models: SARIF validated against the SARIF 2.1.0 JSON
 * schema (kept in test/schemas, from the registry package @microsoft/jest-sarif), with in-source
 * suppressions, and the generated locking document; `docs/vfio-ap-locking.md` must be what `lockorder doc` writes now.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import Ajv from "ajv-draft-04";
import { CODES } from "../src/index";
import { REPO_ROOT } from "./paths";
import { runCli } from "./runCli";

const run = runCli;

const SEEDS = ["000-pqap-hook/before", "000-pqap-hook/decorators", "001-vfio-open-device/before", "003-ap-perms/before", "004-kvm-busy/before", "000-pqap-hook/after"];

describe("SARIF", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../test/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

  test("the schema rejects what is not SARIF (a run without a tool)", () => {
    assert.equal(validate({ version: "2.1.0", runs: [{ results: [] }] }), false);
  });

  for (const seed of SEEDS) {
    test(`validates against the SARIF 2.1.0 schema: seeds/${seed}`, async () => {
      const { stdout, status } = await run(["check", "--format", "sarif", `test-fixtures/seeds/${seed}`]);
      const log = JSON.parse(stdout) as { runs: { results: unknown[] }[] };
      assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
      const json = JSON.parse((await run(["check", "--format", "json", `test-fixtures/seeds/${seed}`])).stdout);
      assert.equal(log.runs[0].results.length, json.diagnostics.length);
      assert.equal(status, json.diagnostics.some((d: { severity: string }) => d.severity === "error") ? 1 : 0);
    });
  }

  test("a diagnostic a comment silenced is a result with an in-source suppression and its reason", async () => {
    const model = "test-fixtures/suppressions/inversion-one-side";
    const { stdout, status } = await run(["check", "--format", "sarif", model]);
    assert.ok(validate(JSON.parse(stdout)), JSON.stringify(validate.errors, null, 2));
    const results = JSON.parse(stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; suppressions?: unknown }[];
    const where = (r: (typeof results)[number]) => path.posix.basename(r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(
      results.map((r) => [where(r), r.suppressions ?? null]),
      [
        ["pqap.ts", null],
        ["set_kvm.ts", [{ kind: "inSource", justification: "reviewed: the report stays on handle_pqap" }]],
      ],
    );
    assert.equal(status, 1, "the side not silenced is still an error");
  });

  test("one rule per code with help and a link; related locations; code flows for call chains", async () => {
    const log = JSON.parse((await run(["check", "--format", "sarif", "test-fixtures/seeds/000-pqap-hook/before"])).stdout);
    const driver = log.runs[0].tool.driver;
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id).sort(), Object.keys(CODES).sort());
    const rule = driver.rules.find((r: { id: string }) => r.id === "lock-order-inversion");
    assert.match(rule.helpUri, /diagnostics\.md#lock-order-inversion$/);
    assert.equal(rule.defaultConfiguration.level, "error");
    const viaCall = log.runs[0].results.find((r: { codeFlows?: unknown }) => r.codeFlows);
    assert.ok(viaCall, "the inversion sited at the hook call has a code flow");
    const steps = viaCall.codeFlows[0].threadFlows[0].locations.map((l: { location: { message: { text: string } } }) => l.location.message.text);
    assert.match(steps[0], /^handlePqap calls /);
    assert.match(steps[steps.length - 1], /acquires 'matrix_dev->lock'$/);
    assert.ok(log.runs[0].results.every((r: { relatedLocations?: unknown[] }) => (r.relatedLocations?.length ?? 0) > 0));
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, "%SRCROOT%");
  });
});

describe("lockorder doc", () => {
  test("the vfio_ap locking document in docs/ is what lockorder doc writes", async () => {
    const { stdout, status } = await run(["doc", "test-fixtures/vfio-ap"]);
    assert.equal(status, 0);
    assert.equal(stdout, fs.readFileSync(path.join(REPO_ROOT, "docs/vfio-ap-locking.md"), "utf8"), "regenerate with: npx lockorder doc test-fixtures/vfio-ap > docs/vfio-ap-locking.md");
  });

  test("a model with a deadlock starts with it and its scenario table", async () => {
    const { stdout } = await run(["doc", "test-fixtures/seeds/000-pqap-hook/before"]);
    const deadlocks = stdout.indexOf("## Possible deadlocks");
    assert.ok(deadlocks > 0 && deadlocks < stdout.indexOf("## Locks"));
    assert.match(stdout, /\*\*\* DEADLOCK \*\*\*/);
    assert.match(stdout, /```mermaid\ngraph TD\n/);
    assert.match(stdout, /- holding `pqap_hook_rwsem`, calls /);
  });

  test("each function's lock sequence is the order it takes its locks, not their rank or name", async () => {
    const { stdout } = await run(["doc", "test-fixtures/seeds/001-vfio-open-device/before"]);
    // vfio_ap_mdev_set_kvm() takes guests_lock before kvm->lock; both are on a cycle (one rank).
    for (const fn of ["ApMatrixMdev.setKvm", "VfioDevice.open", "VfioDevice.firstOpen"]) {
      const entry = stdout.slice(stdout.indexOf(`#### \`${fn}\``));
      assert.match(entry, /^#### .*\n\n- takes: `matrix_dev->guests_lock` → `kvm->lock` → `matrix_dev->mdevs_lock`\n/, fn);
    }
    assert.match(stdout, /#### `vfioDeviceGroupOpen` .*\n\n- takes: `vfio group_lock` → `vfio dev_set->lock` → `matrix_dev->guests_lock` → `kvm->lock` → `matrix_dev->mdevs_lock`\n/);
  });

  test("the deadlocks come shortest first, and a wait is worded as one", async () => {
    const cycles = (await run(["doc", "test-fixtures/seeds/001-vfio-open-device/before"])).stdout.split("\n").filter((l) => l.startsWith("### `"));
    assert.deepEqual(cycles.map((l) => l.split(" → ").length - 1), [2, 3, 3, 4]);
    const { stdout } = await run(["doc", "test-fixtures/calls/completion-wait"]);
    assert.match(stdout, /^- `ap_queue->reset_done` is waited for while `matrix_dev->guests_lock` is held in `removeQueue` .* via `waitForReset`$/m);
    assert.match(stdout, /^- `matrix_dev->guests_lock` is acquired while `ap_queue->reset_done` is held in `resetWorker` /m);
    assert.match(stdout, /^ {2}wait\(ap_queue->reset_done\);$/m);
  });
});
