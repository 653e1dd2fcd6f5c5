/**
 * A model folder's first run through the language server: a folder whose models import
 * `lockorder` where TypeScript cannot resolve it is reported once (`lockorder/moduleNotFound`
 * with its files), its diagnostics are published all the same, and once the folder resolves the
 * module (the `node_modules/lockorder` and `tsconfig.json` that "Lockorder: Set Up Model Folder"
 * writes) it is reported again with none. And the code's documentation link: the client's own
 * (`docsBase`, the VS Code extension's URI handler) where it gives one, a file: URL any editor
 * opens where it does not, or gives something that is not a folder URI.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { TestClient, uriOf } from "./client";
import { FIXTURES, REPO_ROOT } from "./paths";

const SEED = path.join(FIXTURES, "seeds/000-pqap-hook/before");

interface ModuleNotFound {
  root: string;
  files: string[];
  count: number;
}

/** A copy of seed 000's models in a folder with no node_modules above it (the module does not resolve). */
function modelFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-firstrun-"));
  for (const f of fs.readdirSync(SEED)) fs.copyFileSync(path.join(SEED, f), path.join(dir, f));
  return dir;
}

function moduleReports(client: TestClient): ModuleNotFound[] {
  return client.notifications.filter((n) => n.method === "lockorder/moduleNotFound").map((n) => n.params as ModuleNotFound);
}

describe("first run: the lockorder module does not resolve", () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = modelFolder();
    client = await TestClient.start([dir]);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the folder is reported once, with the files that import lockorder, and still analysed", async () => {
    assert.deepEqual(moduleReports(client), [{ root: uriOf(dir), files: [uriOf(path.join(dir, "kvm.ts")), uriOf(path.join(dir, "vfio_ap_ops.ts"))], count: 2 }]);
    assert.ok((client.diagnostics.get(uriOf(path.join(dir, "kvm.ts"))) ?? []).some((d) => d.code === "lock-order-inversion"));
    // Another analysis of the same state sends nothing.
    const ops = path.join(dir, "vfio_ap_ops.ts");
    await client.open(ops);
    await client.change(ops, `${fs.readFileSync(ops, "utf8")}\n`);
    await client.idle();
    assert.equal(moduleReports(client).length, 1);
  });

  test("once the folder is set up, it is reported with no files", async () => {
    // What the extension's Set Up Model Folder writes: the module's declarations and a tsconfig.
    const pkg = path.join(dir, "node_modules/lockorder");
    fs.mkdirSync(pkg, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "analyzer/dist/src/lockorder.d.ts"), path.join(pkg, "lockorder.d.ts"));
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "lockorder", types: "lockorder.d.ts" }));
    fs.copyFileSync(path.join(FIXTURES, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(path.join(dir, "tsconfig.json")), type: 1 }] });
    await client.idle();
    assert.deepEqual(moduleReports(client).at(-1), { root: uriOf(dir), files: [], count: 0 });
    assert.ok((client.diagnostics.get(uriOf(path.join(dir, "kvm.ts"))) ?? []).some((d) => d.code === "lock-order-inversion"));
  });
});

describe("a folder that resolves lockorder is not reported", () => {
  test("seed 000 in the repository (node_modules/lockorder above it)", async () => {
    const client = await TestClient.start([SEED]);
    try {
      assert.deepEqual(moduleReports(client), []);
    } finally {
      await client.stop();
    }
  });
});

describe("the documentation link of a code", () => {
  const kvm = uriOf(path.join(SEED, "kvm.ts"));
  const hrefs = async (initializationOptions: object) => {
    const client = await TestClient.start([SEED], undefined, { debounce: { minMs: 0, maxMs: 0 }, ...initializationOptions });
    try {
      return (client.diagnostics.get(kvm) ?? []).map((d) => d.codeDescription?.href);
    } finally {
      await client.stop();
    }
  };

  test("the client's docsBase, where it gives one (VS Code: the extension's URI handler)", async () => {
    assert.deepEqual(await hrefs({ docsBase: "vscode://lockorder.lockorder-vscode/docs/" }), ["vscode://lockorder.lockorder-vscode/docs/diagnostics.md#lock-order-inversion"]);
  });

  test("without one, the repository's docs/diagnostics.md as a file: URL (Neovim and other clients open it)", async () => {
    const href = uriOf(path.join(REPO_ROOT, "docs/diagnostics.md"));
    assert.deepEqual(await hrefs({}), [`${href}#lock-order-inversion`]);
    // Anything but a folder URI is ignored.
    assert.deepEqual(await hrefs({ docsBase: "javascript:alert(1)//" }), [`${href}#lock-order-inversion`]);
    assert.deepEqual(await hrefs({ docsBase: 42 }), [`${href}#lock-order-inversion`]);
  });
});
