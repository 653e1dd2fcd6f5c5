/**
 * End to end in a real VS Code (code-server, client/test/codeServer.ts): hovers, lenses and the
 * output log on seed 001's "before" model (vfio_device_group_open() holds group_lock and
 * dev_set->lock into vfio_ap's open_device, which takes kvm->lock; kvm_vfio_release() runs
 * holding kvm->lock and takes group_lock: four cycles over four locks). It checks, in the page:
 * that the hover on kvm->lock opens with the cycle and lockdep's CPU0/CPU1 table, in view without
 * scrolling, and lists the three other cycles one line each; that kvm_device_release(), which has
 * no diagnostic of its own, carries the deadlock lens, and a click on it opens the other sides in
 * the references peek; that a click on its sequence lens lists the locks it takes, in order, with
 * their call chains, and choosing one opens where it is taken; that no lens above a @requires
 * method repeats it; and that "Lockorder: Show Output" opens the log with the server's version, the
 * model and each analysis with its phases' times. A screenshot per step (test-output/e2e/
 * editor-*.png; docs/screenshots/ holds a passing run's copies).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { CodeServerSession, REPO, until } from "./codeServer";

const MODEL = path.join(REPO, "test-fixtures/seeds/001-vfio-open-device/before");

describe("hovers, lenses and the log in a real VS Code (code-server)", { timeout: 900_000 }, () => {
  const vscode = new CodeServerSession({ model: MODEL, name: "seed-001" });
  const shot = (name: string) => vscode.shot(name);
  const step = (name: string, body: () => Promise<void>) => vscode.step(name, body);
  let page: CodeServerSession["page"];
  /** The lenses' texts in view (the editor renders only the lines in view). */
  const lensTexts = async () => (await page.locator(".monaco-editor .codelens-decoration a").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
  const status = async () => (await page.locator(".statusbar").textContent()) ?? "";

  before(async () => {
    await vscode.start();
    page = vscode.page;
  });

  after(() => vscode.stop());

  test("the hover on a lock opens with the deadlock: the cycle and lockdep's table, in view", () =>
    step("editor-hover", async () => {
      await vscode.openFile("kvm.ts", "kvmDeviceRelease");
      // Wait for the analysis: the lens above kvm->lock (in view, unlike the file's squiggle).
      await until("the analysis (the lens above kvm->lock)", async () => (await lensTexts()).some((t) => t.startsWith("on a cycle with")), 120_000);
      await vscode.goTo(vscode.positionOf("kvm.ts", 'defineLock("kvm->lock")', 2));
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      const hover = page.locator(".monaco-hover").first();
      const text = await until("the hover with the table", async () => {
        const t = (await hover.textContent()) ?? "";
        return t.includes("DEADLOCK") ? t : undefined;
      });
      // The first lines: the cycle in one line, then the table.
      const first = text.indexOf("Possible deadlock: kvm->lock → vfio group_lock → kvm->lock");
      assert.ok(first >= 0 && first < 10, `the hover starts with the cycle: ${text.slice(0, 200)}`);
      assert.match(text, /CPU0\s+CPU1/);
      assert.ok(text.indexOf("CPU0") < text.indexOf("mutex kvm->lock"), "the table before the lock's kind and rank");
      assert.match(text, /3 more possible deadlocks through kvm->lock:/);
      assert.match(text, /mutex kvm->lock · ⚠ on a cycle with vfio group_lock, matrix_dev->guests_lock and vfio dev_set->lock/);
      // The table is in view without scrolling the hover: "below the fold" no more.
      const box = await hover.boundingBox();
      const deadlock = await hover.getByText("*** DEADLOCK ***").first().boundingBox();
      assert.ok(box && deadlock, "the hover and its table are drawn");
      assert.ok(deadlock.y + deadlock.height <= box.y + box.height, `the table's end (${deadlock.y + deadlock.height}) is inside the hover (${box.y + box.height})`);
      await shot("editor-1-hover");
      await page.keyboard.press("Escape");
    }));

  test("a function on the cycle through a call, with no diagnostic of its own, carries the deadlock lens; the lock lens names the cycle", () =>
    step("editor-lenses", async () => {
      // KvmVfio.release: its sequence, with the lock its contract holds.
      await vscode.goTo(vscode.positionOf("kvm.ts", "release(): void {", 0, "@requires(kvmLock)"));
      const release = await until("the lenses of KvmVfio.release", async () => {
        const texts = await lensTexts();
        return texts.some((t) => t.includes("(holding kvm->lock)")) ? texts : undefined;
      }, 60_000);
      assert.ok(release.includes("vfio group_lock (holding kvm->lock)"), release.join("\n"));
      assert.ok(!release.some((t) => t.startsWith("no acquisitions")), "no lens repeats a @requires");
      // kvmDeviceRelease and the locks, in view together.
      await vscode.goTo(vscode.positionOf("kvm.ts", "export class Kvm {"));
      const lenses = await until("the lenses of kvmDeviceRelease and of the locks", async () => {
        const texts = await lensTexts();
        return texts.some((t) => t.startsWith("⚠ possible deadlock")) && texts.some((t) => t.startsWith("on a cycle with")) ? texts : undefined;
      }, 60_000);
      assert.ok(lenses.includes("kvm->lock → vfio group_lock"), lenses.join("\n"));
      assert.ok(lenses.includes("⚠ possible deadlock: kvm->lock → vfio group_lock → kvm->lock and 3 more"), lenses.join("\n"));
      assert.ok(lenses.includes("on a cycle with vfio group_lock, matrix_dev->guests_lock and vfio dev_set->lock · taken by 3 functions"), lenses.join("\n"));
      assert.ok(lenses.includes("lock order 1 of 3 · taken by 1 function"), lenses.join("\n"));
      assert.ok(!lenses.some((t) => /lock order 1 of 1/.test(t)), lenses.join("\n"));
      await shot("editor-2-lenses");
    }));

  test("a click on the deadlock lens opens the other sides of the cycle", () =>
    step("editor-other-sides", async () => {
      const lens = page.locator(".monaco-editor .codelens-decoration a", { hasText: "⚠ possible deadlock: kvm->lock → vfio group_lock → kvm->lock and 3 more" }).first();
      await lens.click();
      const peek = page.locator(".peekview-widget").first();
      // As a user would: if the click went nowhere (the lenses were being redrawn), click again.
      let clicked = Date.now();
      const text = await until("the references peek with the other sides", async () => {
        const t = (await peek.textContent({ timeout: 1_000 }).catch(() => "")) ?? "";
        if (t.includes("vfio.ts") && t.includes("vfio_ap_ops.ts")) return t;
        if (Date.now() - clicked > 5_000) {
          await lens.click();
          clicked = Date.now();
        }
        return undefined;
      });
      // The other sides: vfio's group_lock and dev_set->lock sides and vfio_ap's, none of kvm.ts.
      assert.match(text, /Locations \(8\)/, text.slice(0, 300));
      await shot("editor-3-other-sides");
      await page.keyboard.press("Escape");
      await until("the peek closed", async () => (await page.locator(".peekview-widget").count()) === 0);
    }));

  test("a click on the sequence lens lists the locks it takes in order with their calls; choosing one opens it", () =>
    step("editor-lock-history", async () => {
      await vscode.goTo(vscode.positionOf("kvm.ts", "export class Kvm {"));
      await until("the sequence lens", async () => (await lensTexts()).includes("kvm->lock → vfio group_lock"));
      const lens = page.locator(".monaco-editor .codelens-decoration a", { hasText: /^kvm->lock → vfio group_lock$/ }).first();
      await lens.click();
      const rows = page.locator(".quick-input-widget .quick-input-list .monaco-list-row");
      // As a user would: if the click went nowhere (the lenses were being redrawn), click again.
      let clicked = Date.now();
      const items = await until("the lock history's items", async () => {
        const texts = (await rows.allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
        if (texts.length === 2) return texts;
        if (Date.now() - clicked > 5_000) {
          await lens.click();
          clicked = Date.now();
        }
        return undefined;
      });
      assert.match(items[0], /^1\. kvm->lock\s*directly/);
      assert.match(items[1], /^2\. vfio group_lock\s*via KvmVfio\.release → kvmVfioFileSetKvm → vfioFileSetKvm/);
      assert.match((await page.locator(".quick-input-widget .quick-input-title").textContent()) ?? "", /kvmDeviceRelease: kvm->lock → vfio group_lock/);
      await shot("editor-4-lock-history");
      // The second: where vfioFileSetKvm takes group_lock.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      const [line] = vscode.positionOf("vfio.ts", "lock(groupLock);", 0, "export function vfioFileSetKvm");
      await until("vfio.ts open at vfioFileSetKvm's lock(groupLock)", async () => (await page.title()).includes("vfio.ts") && (await status()).includes(`Ln ${line},`));
      await shot("editor-5-lock-history-opened");
    }));

  test("Lockorder: Show Output opens the log: version, model, each analysis with its phases' times", () =>
    step("editor-output", async () => {
      await vscode.runCommand("Lockorder: Show Output");
      const panel = async () => ((await page.locator(".part.panel").textContent()) ?? "").replace(/\u00a0/g, " ");
      await until("the Lockorder log in the Output panel", async () => (await panel()).includes("analysis #"));
      // The whole log (the panel shows its end): the channel's file.
      const log = await until("the log file", async () => {
        const [file] = vscode.logFiles(/Lockorder\.log$/);
        const t = file ? fs.readFileSync(file, "utf8") : "";
        return t.includes("analysis #") ? t : undefined;
      });
      assert.match(log, /\[info\] Lockorder server \d+\.\d+\.\d+ started \(Node v[\d.]+, pid \d+, for [^)]+\)/);
      assert.match(log, /\[info\] workspace folders: .*seed-001/);
      assert.match(log, /\[info\] model .*seed-001: 3 files, 6 locks/);
      assert.match(log, /\[info\] analysis #\d+ of .*seed-001: 4 possible deadlocks, 9 errors, 0 warnings in [\d.]+ ms \(load [\d.]+ ms, declarations [\d.]+ ms, summaries [\d.]+ ms, link [\d.]+ ms, graph [\d.]+ ms, report [\d.]+ ms\)/);
      // The harness's settings trace the server verbosely: each analysis's details.
      assert.match(log, / {2}diagnostics: lock-order-inversion 9/);
      // The panel follows the log's end: its start, as a user scrolls up to it.
      // (Show Output gives the log the focus.)
      await page.keyboard.press("Control+Home");
      await until("the log's first lines in view", async () => {
        if ((await panel()).includes("Lockorder server")) return true;
        await page.locator(".part.panel .monaco-editor .view-lines").last().click({ force: true });
        await page.keyboard.press("Control+Home");
        return false;
      });
      await shot("editor-6-output");
    }));
});
