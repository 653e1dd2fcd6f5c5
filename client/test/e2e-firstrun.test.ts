/**
 * End to end in a real VS Code (code-server, client/test/codeServer.ts): a new user's first run.
 * Seed 000's two models are opened in a folder that does not resolve the `lockorder` module (no
 * node_modules, no tsconfig). Without opening a file, the Problems panel fills with Lockorder's
 * diagnostics (the extension starts on a workspace with .ts files, the server analyses the
 * folder), and one notification offers "Set Up Model Folder"; an open model shows TypeScript's
 * "Cannot find module 'lockorder'". The notification's button writes node_modules/lockorder and
 * tsconfig.json, and TypeScript's problem goes while Lockorder's stay, for the file not opened
 * too. A click on a diagnostic's code in Problems opens the rendered documentation (the Markdown
 * preview) scrolled to the code's heading. The walkthrough opens from "Welcome: Open
 * Walkthrough…" and its "Open Example Model" writes a model whose deadlock Problems lists; the
 * `defineLock` snippet inserts a lock declaration, placeholder by placeholder. Run again from the
 * palette, the set-up leaves the folder's own tsconfig.json alone. A misspelt code in
 * `lockorder.severity` is flagged by the settings schema. A screenshot per step (test-output/e2e/
 * firstrun-*.png; docs/screenshots/ holds a passing run's copies).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { CodeServerSession, REPO, until } from "./codeServer";

const MODEL = path.join(REPO, "test-fixtures/seeds/000-pqap-hook/before");

describe("first run in a real VS Code (code-server)", { timeout: 900_000 }, () => {
  const vscode = new CodeServerSession({ model: MODEL, name: "my-models", resolvesLockorder: false });
  const shot = (name: string) => vscode.shot(name);
  const step = (name: string, body: () => Promise<void>) => vscode.step(name, body);
  let page: CodeServerSession["page"];
  const problems = async () => (await page.locator(".markers-panel").textContent()) ?? "";
  /** The rows of the Problems panel's tree (files and their problems), as text. */
  const problemRows = async () => page.locator(".markers-panel .monaco-list-row").allTextContents();

  before(async () => {
    await vscode.start();
    page = vscode.page;
  });

  after(() => vscode.stop());

  test("without opening a file: Lockorder's problems, and one notification offering the set-up", () =>
    step("firstrun-notification", async () => {
      assert.ok(!fs.existsSync(path.join(vscode.workspace, "node_modules")) && !fs.existsSync(path.join(vscode.workspace, "tsconfig.json")));
      await page.keyboard.press("Control+Shift+M");
      await until("Lockorder's problems in both files, none open", async () => {
        const text = await problems();
        return text.includes("kvm.ts") && text.includes("vfio_ap_ops.ts") && text.includes("lock-order-inversion");
      }, 120_000);
      assert.equal(await page.locator(".editor-group-container .tab").count(), 0, "no editor is open");
      const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "import 'lockorder'" });
      await until("the set-up notification", async () => (await toast.count()) === 1, 60_000);
      const text = (await toast.textContent()) ?? "";
      assert.match(text, /2 model files in 'my-models' import 'lockorder', which TypeScript cannot find/);
      assert.ok(await toast.locator(".monaco-button", { hasText: "Set Up Model Folder" }).isVisible());
      await shot("firstrun-1-notification");
    }));

  test("an open model shows TypeScript's \"Cannot find module 'lockorder'\"", () =>
    step("firstrun-cannot-find-module", async () => {
      await vscode.openFile("kvm.ts", "handlePqap");
      await until("TypeScript's problem", async () => (await problems()).includes("Cannot find module 'lockorder'"), 120_000);
      await shot("firstrun-2-cannot-find-module");
    }));

  test("Set Up Model Folder makes it resolve: TypeScript's problem goes, Lockorder's stay", () =>
    step("firstrun-set-up", async () => {
      const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "import 'lockorder'" });
      await toast.locator(".monaco-button", { hasText: "Set Up Model Folder" }).click();
      await until("node_modules/lockorder and tsconfig.json", async () =>
        fs.existsSync(path.join(vscode.workspace, "node_modules/lockorder/lockorder.d.ts")) && fs.existsSync(path.join(vscode.workspace, "tsconfig.json")),
      );
      const pkg = JSON.parse(fs.readFileSync(path.join(vscode.workspace, "node_modules/lockorder/package.json"), "utf8"));
      assert.equal(pkg.writtenBy, "lockorder-vscode");
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(vscode.workspace, "tsconfig.json"), "utf8")).compilerOptions, JSON.parse(fs.readFileSync(path.join(REPO, "test-fixtures/tsconfig.json"), "utf8")).compilerOptions);
      await until("TypeScript's problem gone", async () => !(await problems()).includes("Cannot find module"), 120_000);
      const rows = await problemRows();
      // Both files' inversions (vfio_ap_ops.ts was never opened), and nothing else.
      assert.ok(rows.some((r) => r.includes("kvm.ts")) && rows.some((r) => r.includes("vfio_ap_ops.ts")), rows.join("\n"));
      assert.equal(rows.filter((r) => r.includes("lock-order-inversion")).length, 3, rows.join("\n"));
      await until("the set-up's report", async () => (await page.locator(".notifications-toasts .notification-toast", { hasText: "Lockorder set up 'my-models'" }).count()) === 1);
      // Away from the toast, whose hover would cover the panel.
      await page.mouse.move(800, 300);
      await shot("firstrun-3-set-up");
    }));

  test("a diagnostic's code in Problems opens the rendered documentation at its heading", () =>
    step("firstrun-docs-link", async () => {
      // The toasts would cover the panel: clear them.
      await vscode.runCommand("Notifications: Clear All Notifications");
      const link = page.locator(".markers-panel a.monaco-link", { hasText: "lock-order-inversion" }).first();
      assert.match((await link.getAttribute("href")) ?? "", /^[\w-]+:\/\/lockorder\.lockorder-vscode\/docs\/diagnostics\.md#lock-order-inversion$/);
      await link.click();
      const preview = await vscode.frameWith("the Markdown preview of diagnostics.md", async (f) => (await f.locator("h1", { hasText: "Lockorder diagnostics" }).count()) > 0, 60_000);
      // Scrolled so that the heading is at the top of the preview.
      const top = await until("the preview scrolled to the heading", async () => {
        const at = await preview.evaluate(() => ({ top: document.getElementById("lock-order-inversion")?.getBoundingClientRect().top, scrolled: window.scrollY }));
        return at.top !== undefined && at.scrolled > 0 && at.top >= -5 && at.top < 120 ? at : undefined;
      });
      assert.ok(top.scrolled > 0);
      assert.match((await page.locator(".tab.active").textContent()) ?? "", /Preview diagnostics\.md/);
      await shot("firstrun-4-docs");
    }));

  test("the walkthrough opens, and its example model shows a deadlock", () =>
    step("firstrun-walkthrough", async () => {
      await vscode.runCommand("Welcome: Open Walkthrough...");
      await until("the walkthrough in the list", async () => (await page.locator(".quick-input-list .monaco-list-row", { hasText: "Get Started with Lockorder" }).count()) > 0);
      await page.locator(".quick-input-list .monaco-list-row", { hasText: "Get Started with Lockorder" }).first().click();
      const steps = page.locator(".gettingStartedContainer .getting-started-step");
      await until("the walkthrough's steps", async () => (await steps.allTextContents()).join("\n").includes("Open the lock graph"));
      const titles = (await page.locator(".gettingStartedContainer .getting-started-step .step-title").allTextContents()).map((t) => t.trim());
      assert.deepEqual(titles, ["Set up a folder of models", "Write a model", "See a deadlock", "Fix it", "Open the lock graph"]);
      // The walkthrough has the editor area to itself.
      await page.keyboard.press("Control+J");
      const writeStep = page.locator(".gettingStartedContainer .getting-started-step", { hasText: "Write a model" });
      await writeStep.click();
      await vscode.frameWith("the step's media", async (f) => (await f.locator("h1", { hasText: "Write a model" }).count()) > 0);
      await shot("firstrun-5-walkthrough");
      await writeStep.locator(".monaco-button", { hasText: "Open Example Model" }).click();
      await until("the example model open", async () => (await page.locator(".tab.active").textContent())?.includes("lockorder-example.ts"));
      await page.keyboard.press("Control+Shift+M");
      // Its two sides of the cycle, in a file the server found on disk (the tree shows only the rows in view).
      await until("the example's deadlock in Problems", async () => (await page.locator('.markers-panel .monaco-list-row[aria-label^="2 problems in file lockorder-example.ts"]').count()) === 1, 60_000);
    }));

  test("the defineLock snippet inserts a lock declaration", () =>
    step("firstrun-snippet", async () => {
      // On the empty line after the import.
      const [line] = vscode.positionOf("lockorder-example.ts", 'import { acquires, defineLock, lock, unlock } from "lockorder";');
      await vscode.goTo([line + 1, 1]);
      await page.keyboard.type("defineLock");
      await page.keyboard.press("Control+Space");
      const item = page.locator(".suggest-widget .monaco-list-row", { hasText: "Define a lock" }).first();
      await until("the snippet in the suggestions", async () => (await item.count()) > 0);
      await item.click();
      const shows = async (text: string) => (await page.locator(".monaco-editor .view-lines").first().textContent())?.includes(text.replace(/ /g, "\u00a0"));
      await until("the declaration inserted", () => shows('export const devLock = defineLock("dev->lock", { kind: "mutex" });'));
      // Its placeholders in turn: the variable, the lock's name, then a choice of kinds.
      await page.keyboard.type("reset");
      await page.keyboard.press("Tab");
      await page.keyboard.type("dev->reset_lock");
      await page.keyboard.press("Tab");
      await until("the kinds offered", async () => (await page.locator(".suggest-widget .monaco-list-row", { hasText: "spinlock" }).count()) > 0);
      await until("the lock declared", () => shows('export const resetLock = defineLock("dev->reset_lock", { kind: "mutex" });'));
      await until("the analysis of the edit (no second dev->lock)", async () => !(await problems()).includes("duplicate-lock"));
      await shot("firstrun-6-snippet");
      await page.keyboard.press("Escape");
    }));

  test("Set Up Model Folder from the palette again: the folder's tsconfig.json is left as it is", () =>
    step("firstrun-set-up-again", async () => {
      const tsconfig = path.join(vscode.workspace, "tsconfig.json");
      fs.writeFileSync(tsconfig, fs.readFileSync(tsconfig, "utf8").replace('"strict": true', '"strict": true, "noUnusedLocals": true'));
      const before = fs.readFileSync(tsconfig, "utf8");
      await vscode.runCommand("Lockorder: Set Up Model Folder");
      await until("the report", async () => (await page.locator(".notifications-toasts .notification-toast", { hasText: "Left as they are: tsconfig.json" }).count()) === 1);
      assert.equal(fs.readFileSync(tsconfig, "utf8"), before);
    }));

  test("lockorder.severity: VS Code flags a misspelt code", () =>
    step("firstrun-severity-setting", async () => {
      await vscode.runCommand("Notifications: Clear All Notifications");
      fs.mkdirSync(path.join(vscode.workspace, ".vscode"), { recursive: true });
      fs.writeFileSync(path.join(vscode.workspace, ".vscode/settings.json"), '{\n  "lockorder.severity": {\n    "declared-order-violation": "error",\n    "lock-order-inversoin": "off"\n  }\n}\n');
      // Opened by its command: Quick Open may not have indexed the file just written yet.
      await vscode.runCommand("Preferences: Open Workspace Settings (JSON)");
      // (VS Code may open it in a modal editor over the others.)
      await until("the workspace settings open", async () => (await page.locator(".monaco-editor .view-lines").allTextContents()).some((t) => t.includes("lockorder.severity")));
      await until("one warning squiggle", async () => (await page.locator(".monaco-editor .squiggly-warning").count()) === 1, 60_000);
      // The schema's message, in the hover of the squiggle under the misspelt code (the mouse on it).
      await until("the schema's message", async () => {
        await page.locator(".monaco-editor .view-line span", { hasText: "lock-order-inversoin" }).last().hover();
        return (await page.locator(".monaco-hover").allTextContents()).join("\n").includes("Property lock-order-inversoin is not allowed");
      });
      await shot("firstrun-7-severity-setting");
    }));
});
