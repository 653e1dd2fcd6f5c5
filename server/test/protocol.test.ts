/**
 * The built server over stdio with a real JSON-RPC client: every fixture's pushed diagnostics
 * match its `// expect:` comments (what a suppression comment silenced is not published); hovers,
 * code lenses, and an edit in one file changing the diagnostics of another.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { expectedDiagnostics, findModels, modelConfig, modelFiles } from "lockorder/testing";
import { positionOf, TestClient, uriOf } from "./client";
import { FIXTURES, REPO_ROOT } from "./paths";

const models = findModels(FIXTURES);

describe("fixtures through the language server", () => {
  let client: TestClient;
  before(async () => {
    // Each model is a workspace folder of one server.
    client = await TestClient.start(models);
  });
  after(async () => client.stop());

  for (const dir of models) {
    test(path.relative(FIXTURES, dir), () => {
      const files = [...modelFiles(dir), ...modelConfig(dir)];
      const actual: string[] = [];
      for (const file of files) {
        for (const d of client.diagnostics.get(uriOf(file)) ?? []) {
          actual.push(`${path.relative(REPO_ROOT, file).split(path.sep).join("/")}:${d.range.start.line + 1} ${d.code}`);
          assert.equal(d.source, "lockorder");
          assert.match(String(d.codeDescription?.href), new RegExp(`diagnostics\\.md#${d.code}$`));
        }
      }
      // The `// expect:` comments only: a diagnostic silenced by a suppression comment
      // (`// expect-suppressed:`) must not be published.
      assert.deepEqual(actual.sort(), expectedDiagnostics(files, REPO_ROOT));
    });
  }

  test("a lock-order inversion carries the other side as related information", () => {
    const file = path.join(FIXTURES, "calls/interface-dispatch/vfio.ts");
    const [first, second] = client.diagnostics.get(uriOf(file)) ?? [];
    assert.equal(first.relatedInformation?.[0].location.range.start.line, second.range.start.line);
    assert.equal(second.relatedInformation?.[0].location.range.start.line, first.range.start.line);
  });
});

describe("hover, code lens and cross-file updates", () => {
  const model = path.join(FIXTURES, "seeds/000-pqap-hook/before");
  const kvm = path.join(model, "kvm.ts");
  const ops = path.join(model, "vfio_ap_ops.ts");
  let client: TestClient;
  before(async () => {
    client = await TestClient.start([model]);
    await client.open(kvm);
    await client.open(ops);
    await client.idle();
  });
  after(async () => client.stop());

  test("a hover on a lock in a cycle opens with lockdep's scenario table, then the lock and its neighbours", async () => {
    const pos = positionOf(ops, 'defineLock("matrix_dev->lock"', 2);
    const hover = await client.hover(ops, pos.line, pos.character);
    const text = (hover?.contents as { value: string }).value;
    assert.match(text, /^⚠ \*\*Possible deadlock:\*\* `matrix_dev->lock → pqap_hook_rwsem → matrix_dev->lock`\n/);
    assert.match(text, /\*\*mutex\*\* `matrix_dev->lock` · ⚠ on a cycle with `pqap_hook_rwsem`/);
    assert.match(text, /\*\*Taken after\*\*/);
    assert.match(text, /CPU0 {20}CPU1/);
    assert.match(text, /\*\*\* DEADLOCK \*\*\*/);
  });

  test("a hover on a call with lock effects shows the locks held there", async () => {
    const text = fs.readFileSync(kvm, "utf8").split("\n");
    const diagnostic = (client.diagnostics.get(uriOf(kvm)) ?? [])[0];
    assert.ok(diagnostic, "kvm.ts has the inversion");
    const hover = await client.hover(kvm, diagnostic.range.start.line, diagnostic.range.start.character + 1);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\*\*Lock history\*\* in `handlePqap`, calling/, text[diagnostic.range.start.line]);
    assert.match(value, /1 lock held:\n- #0: `pqap_hook_rwsem` \(read\), acquired at \[kvm\.ts:\d+\]/);
  });

  test("a hover on a function name shows its lock sets", async () => {
    const pos = positionOf(ops, "setKvm(");
    const hover = await client.hover(ops, pos.line, pos.character + 1);
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\*\*function\*\* `\w+\.setKvm`/);
    assert.match(value, /- requires: `matrix_dev->lock`/);
    assert.match(value, /may acquire:/);
  });

  test("code lenses resolve to lock sequences, deadlock warnings and the cycle a lock is on", async () => {
    const titles: string[] = [];
    for (const file of [kvm, ops]) {
      for (const lens of await client.codeLenses(file)) {
        assert.equal(lens.command, undefined, "lenses are resolved lazily");
        const resolved = await client.resolveCodeLens(lens);
        titles.push(resolved.command!.title);
      }
    }
    assert.ok(titles.some((t) => /^pqap_hook_rwsem → matrix_dev->lock$/.test(t)), titles.join("\n"));
    assert.ok(titles.some((t) => /^⚠ possible deadlock: .* → .* → .*$/.test(t)), titles.join("\n"));
    assert.ok(titles.some((t) => /^on a cycle with matrix_dev->lock · taken by \d+ functions?$/.test(t)), titles.join("\n"));
  });

  test("an edit in one file changes the diagnostics of another", async () => {
    const before = client.diagnostics.get(uriOf(kvm)) ?? [];
    assert.ok(before.some((d) => d.code === "lock-order-inversion"));
    const original = fs.readFileSync(ops, "utf8");
    const fixed = fs.readFileSync(path.join(FIXTURES, "seeds/000-pqap-hook/after/vfio_ap_ops.ts"), "utf8");
    await client.change(ops, fixed);
    await client.idle();
    assert.deepEqual(client.diagnostics.get(uriOf(kvm)), []);
    await client.change(ops, original);
    await client.idle();
    assert.ok((client.diagnostics.get(uriOf(kvm)) ?? []).some((d) => d.code === "lock-order-inversion"));
  });

  test("the status notification reports locks and cycles", () => {
    const status = client.notifications.filter((n) => n.method === "lockorder/status").at(-1)?.params as { locks: number; cycles: number };
    assert.ok(status.locks >= 2);
    assert.equal(status.cycles, 1);
  });
});
