/**
 * A second real client: Neovim (Debian's `neovim`, installed by .ci/run) runs headless, starts
 * the server, receives the diagnostics of a seed model and answers a hover.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { expectedDiagnostics } from "lockorder/testing";
import { SERVER_BIN } from "./client";
import { FIXTURES, REPO_ROOT } from "./paths";

test("Neovim receives a seed model's diagnostics and a hover", () => {
  const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  assert.equal(nvim.status, 0, "Neovim is needed for this test: apt-get install neovim (.ci/run installs it)");
  const root = path.join(FIXTURES, "seeds/000-pqap-hook/before");
  const file = path.join(root, "kvm.ts");
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-nvim-")), "result.json");
  const run = spawnSync("nvim", ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${path.join(__dirname, "../../test/nvim/run.lua")}`], {
    env: { ...process.env, LOCKORDER_FILE: file, LOCKORDER_ROOT: root, LOCKORDER_SERVER: SERVER_BIN, LOCKORDER_OUT: out },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.ok(fs.existsSync(out), `Neovim wrote its result (status ${run.status}, stderr: ${run.stderr})`);
  const result = JSON.parse(fs.readFileSync(out, "utf8")) as { diagnostics: { line: number; code: string; source: string }[]; hover?: string; error?: string };
  assert.equal(result.error ?? null, null);
  const rel = path.relative(REPO_ROOT, file).split(path.sep).join("/");
  assert.deepEqual(result.diagnostics.map((d) => `${rel}:${d.line} ${d.code}`).sort(), expectedDiagnostics([file], REPO_ROOT));
  assert.ok(result.diagnostics.every((d) => d.source === "lockorder"));
  assert.match(result.hover ?? "", /\*\*Lock history\*\* in `handlePqap`/);
});
