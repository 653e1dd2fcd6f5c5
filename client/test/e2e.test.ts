/**
 * End to end in a real VS Code: code-server with the packaged .vsix installed, driven in Debian's
 * Chromium by playwright-core. On seed 000's real "before" model (vfio_ap_mdev_set_kvm() and
 * unset_kvm() take pqap_hook_rwsem under matrix_dev->lock, handle_pqap() the other way round) it
 * checks, in the page: the inversion's squiggle and its Problems entry, the hover with lockdep's
 * scenario table, the code lens text, the lock graph view, and that the preferred quick fix, chosen
 * from the Ctrl+. menu, is vfio_ap's upstream fix (both functions leave pqap_hook_rwsem to their
 * callers, which take it before matrix_dev->lock) and leaves no problem. Each step saves a
 * screenshot under test-output/e2e/ (docs/screenshots/ holds a passing run's copies). Conditions
 * are polled; there are no fixed sleeps.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Frame } from "playwright-core";
import { CodeServerSession, REPO, until } from "./codeServer";

const MODEL = path.join(REPO, "test-fixtures/seeds/000-pqap-hook/before");

describe("the extension in a real VS Code (code-server)", { timeout: 900_000 }, () => {
  const vscode = new CodeServerSession({ model: MODEL, name: "seed-000" });
  const shot = (name: string) => vscode.shot(name);
  const step = (name: string, body: () => Promise<void>) => vscode.step(name, body);
  const openFile = (name: string) => vscode.openFile(name, "setKvm");
  const positionOf = (file: string, needle: string, shift = 0, afterLine?: string) => vscode.positionOf(file, needle, shift, afterLine);
  const goTo = (at: [number, number]) => vscode.goTo(at);
  let page: CodeServerSession["page"];
  let workspace: string;

  before(async () => {
    await vscode.start();
    page = vscode.page;
    workspace = vscode.workspace;
  });

  after(() => vscode.stop());

  test("the inversion is squiggled and listed in the Problems panel", () =>
    step("the-inversion-is-squiggled-and", async () => {
    await openFile("vfio_ap_ops.ts");
    await page.keyboard.press("Control+Shift+M");
    const row = await until("the Problems entry", async () => {
      const text = await page.locator(".markers-panel").textContent();
      return text?.includes("possible deadlock") ? text : undefined;
    }, 120_000);
    assert.match(row, /lockorder/);
    assert.match(row, /lock-order-inversion/);
    // Between setKvm's and unsetKvm's lock(pqapHookRwsem), both in view.
    await goTo(positionOf("vfio_ap_ops.ts", "// vfio_ap_mdev_unset_kvm()"));
    await until("both Lockorder squiggles of vfio_ap_ops.ts", async () => (await page.locator(".monaco-editor .squiggly-error").count()) >= 2);
    await shot("1-diagnostics");
  }));

  test("the code lenses show the lock sequence, the deadlock and the cycle the lock is on", () =>
    step("the-code-lenses-show-the-lock-", async () => {
    // The editor renders only the lines in view: without the panel, the lock's definition and
    // setKvm (its sequence and its deadlock) fit in it around the class's first line.
    await page.keyboard.press("Control+J");
    const inView = positionOf("vfio_ap_ops.ts", "export class ApMatrixMdev");
    await goTo(inView);
    const lensText = async () => {
      const text = (await page.locator(".monaco-editor .codelens-decoration").allTextContents()).join("\n");
      return text.includes("on a cycle with") && text.includes("⚠") && text.includes("(holding") ? text : undefined;
    };
    // Under load, code-server sometimes never asks for the lenses of an editor opened while the
    // extension was starting (our server answers every request it gets at once); reopening the
    // editor makes it ask.
    let lenses = await until("code lenses", lensText, 15_000).catch(() => undefined);
    if (!lenses) {
      await page.keyboard.press("Control+W");
      await openFile("vfio_ap_ops.ts");
      await goTo(inView);
      lenses = await until("code lenses after reopening the editor", lensText, 60_000);
    }
    assert.match(lenses, /pqap_hook_rwsem \(holding matrix_dev->lock\)/);
    assert.match(lenses, /⚠ possible deadlock: matrix_dev->lock → pqap_hook_rwsem → matrix_dev->lock/);
    // Both locks are on the cycle: the lock lens names the other, not a rank ("lock order 1 of 1").
    assert.match(lenses, /on a cycle with (matrix_dev->lock|pqap_hook_rwsem) · taken by \d functions?/);
    await shot("2-code-lenses");
    await page.keyboard.press("Control+J");
  }));

  test("the hover on a lock in the cycle shows lockdep's scenario table", () =>
    step("the-hover-on-a-lock-in-the-cyc", async () => {
    await goTo(positionOf("vfio_ap_ops.ts", 'matrixDevLock = defineLock("matrix_dev->lock")', 2));
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = await until("the hover", async () => {
      const text = await page.locator(".monaco-hover").first().textContent();
      return text?.includes("DEADLOCK") ? text : undefined;
    });
    assert.match(hover, /matrix_dev->lock/);
    assert.match(hover, /CPU0\s+CPU1/);
    await shot("3-hover");
    await page.keyboard.press("Escape");
  }));

  /** Runs Lockorder: Show Lock Graph; the webview's frame once it shows a graph with edges and `legend` in its legend. */
  const showLockGraph = async (legend: string): Promise<Frame> => {
    await vscode.runCommand("Lockorder: Show Lock Graph");
    return vscode.frameWith(
      `the graph's SVG in the webview, with "${legend}"`,
      async (f) => (await f.locator("#graph svg g.edge").count()) > 0 && ((await f.locator(".legend").textContent()) ?? "").includes(legend),
    );
  };
  const RED_EDGES = '#graph svg g.edge path[stroke="#cf222e"]';

  test("the lock graph view renders the cycle", () =>
    step("the-lock-graph-view-renders-th", async () => {
    const frame = await showLockGraph("1 possible deadlock ");
    assert.equal(await frame.locator("#graph svg g.node").count(), 2);
    assert.ok((await frame.locator(RED_EDGES).count()) >= 2, "the cycle's edges are red");
    await shot("4-lock-graph");
    // Clicking an edge opens its first site: the editor's cursor lands on one side of the cycle.
    await frame.locator("#graph svg g.edge").first().click();
    const sides = [
      positionOf("kvm.ts", "vcpu.kvm.arch.crypto.pqapHook(vcpu)"),
      positionOf("vfio_ap_ops.ts", "pqapHookRwsem); //", 0, "setKvm("),
      positionOf("vfio_ap_ops.ts", "pqapHookRwsem); //", 0, "unsetKvm("),
    ].map(([l, c]) => `Ln ${l}, Col ${c}`);
    await until("the cursor at an edge's site", async () => {
      const status = (await page.locator(".statusbar").textContent()) ?? "";
      return sides.some((s) => status.includes(s));
    });
  }));

  test("the preferred quick fix takes the hook rwsem in the callers and removes the deadlock", () =>
    step("the-preferred-quick-fix-takes-", async () => {
    // vfio_ap's upstream fix: what `lockorder fix` applies to this model, and the fix the language
    // server prefers on every diagnostic of the cycle.
    const FIX =
      "Take 'pqap_hook_rwsem' before 'matrix_dev->lock' in the callers of ApMatrixMdev.setKvm, ApMatrixMdev.unsetKvm (vfio_ap_ops.ts), " +
      "breaking the cycle pqap_hook_rwsem → matrix_dev->lock → pqap_hook_rwsem";
    // The inversion in unsetKvm; the fix changes setKvm too.
    const site = positionOf("vfio_ap_ops.ts", "pqapHookRwsem); //", 2, "unsetKvm(");
    await openFile("vfio_ap_ops.ts");
    await goTo(site);
    await page.keyboard.press("Control+.");
    // As a user would: if the menu opened before the fixes were computed (or the key went to
    // another part of the page), ask again.
    let asked = Date.now();
    const menu = page.locator(".action-widget");
    await until("the fix in the quick fix menu", async () => {
      if ((await menu.filter({ hasText: FIX }).count()) > 0) return true;
      if (Date.now() - asked > 5_000) {
        await page.keyboard.press("Escape");
        await goTo(site);
        await page.keyboard.press("Control+.");
        asked = Date.now();
      }
      return false;
    });
    const rows = (await menu.locator(".monaco-list-row").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
    // Preferred actions come first in the menu.
    assert.equal(rows.indexOf(FIX), rows.indexOf("Quick Fix") + 1, `the fix first under Quick Fix: ${JSON.stringify(rows)}`);
    await shot("5-quick-fix");
    await menu.locator(".monaco-list-row").filter({ hasText: FIX }).first().click();
    // Monaco renders spaces as no-break spaces.
    const editorText = async () => (await page.locator(".monaco-editor .view-lines").allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
    await until("the fixed contract in the editor", async () => (await editorText()).some((t) => t.includes("@requires(matrixDevLock, pqapHookRwsem)")));
    // Saved, the whole fixed file can be read (the editor renders only the lines in view).
    await page.keyboard.press("Control+S");
    const file = path.join(workspace, "vfio_ap_ops.ts");
    const fixed = await until("the fixed file saved", async () => {
      const text = fs.readFileSync(file, "utf8");
      return text.includes("@requires(matrixDevLock, pqapHookRwsem)") ? text : undefined;
    });
    /** A method of ApMatrixMdev: its decorator lines and its body, up to the class's next closing brace at its indentation. */
    const method = (name: string) => {
      const lines = fixed.split("\n");
      const head = lines.findIndex((l) => l.startsWith(`  ${name}(`));
      assert.ok(head >= 0, `${name} in the fixed file`);
      let first = head;
      while (lines[first - 1].trimStart().startsWith("@")) first--;
      const last = lines.findIndex((l, i) => i > head && l === "  }");
      return { decorators: lines.slice(first, head).join("\n"), body: lines.slice(head, last + 1) };
    };
    const takes = (body: string[], lock: string) => body.findIndex((l) => l.trim() === `lock(${lock});`);
    for (const name of ["setKvm", "unsetKvm"]) {
      const m = method(name);
      assert.ok(!m.body.some((l) => /\b(un)?lock\(pqapHookRwsem\)/.test(l)), `${name} no longer takes pqap_hook_rwsem:\n${m.body.join("\n")}`);
      assert.match(m.decorators, /@requires\(matrixDevLock, pqapHookRwsem\)/, `${name} requires pqap_hook_rwsem`);
    }
    for (const name of ["groupNotifier", "remove"]) {
      const { body } = method(name);
      assert.ok(takes(body, "pqapHookRwsem") >= 0 && takes(body, "pqapHookRwsem") < takes(body, "matrixDevLock"), `${name} takes pqap_hook_rwsem before matrix_dev->lock:\n${body.join("\n")}`);
    }
    await until("no Lockorder squiggle left", async () => (await page.locator(".monaco-editor .squiggly-error").count()) === 0, 60_000);
    await until("an empty Problems panel", async () => (await page.locator(".markers-panel").textContent())?.includes("No problems have been detected"));
    // The view is drawn when the command runs: run again, it shows the fixed graph, without a cycle.
    const graph = await showLockGraph("0 possible deadlocks");
    assert.equal(await graph.locator("#graph svg g.node").count(), 2);
    assert.equal(await graph.locator(RED_EDGES).count(), 0, "no red edge");
    await shot("6-fixed");
  }));
});
