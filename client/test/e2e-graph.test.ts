/**
 * The lock graph view end to end, in a real VS Code (code-server, client/test/codeServer.ts). On
 * seed 001's "before" model (four possible deadlocks over four locks: kvm->lock, the vfio
 * group_lock and dev_set->lock, matrix_dev->guests_lock) it checks, in the view's page: the list of
 * cycles with their chains and sites, the whole drawing fitted in the panel when it opens, zoom and
 * fit; selecting a cycle highlights its edges in its own colour, dims the others and lists its
 * sites, one of which opens in the editor; an edge's tooltip lists its sites with their functions
 * and a click on an edge with two sites offers both in a quick pick; an edit in the editor that
 * adds a cycle (kvm_vfio_release() taking kv->lock under kvm->lock), and removing it again, redraw
 * the open view without the command being run again, the view saying meanwhile that the model has
 * changed; folding away the locks on no cycle. On the 8139too model with its interrupt inversion
 * (tp->xstats_lock taken under the hardirq-safe tp->lock) it checks the interrupt-safe locks, the
 * orange inversion edge and the legend. Each step saves a screenshot (graph-<n>-<what>) under
 * test-output/e2e/; conditions are polled, without fixed sleeps.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { findModels } from "lockorder/testing";
import type { Frame } from "playwright-core";
import { CodeServerSession, REPO, until } from "./codeServer";

const SEED = path.join(REPO, "test-fixtures/seeds/001-vfio-open-device/before");

/** Typing in the editor as a user would, without completions or brackets typed for them. */
const PLAIN_TYPING = {
  "editor.autoClosingBrackets": "never",
  "editor.quickSuggestions": { other: "off", comments: "off", strings: "off" },
  "editor.suggestOnTriggerCharacters": false,
  "editor.acceptSuggestionOnEnter": "off",
};

const KVM = "kvm->lock";
const GROUP = "vfio group_lock";
const DEV_SET = "vfio dev_set->lock";
const GUESTS = "matrix_dev->guests_lock";
const KVM_VFIO = "kvm_vfio->lock";

/** A cycle's chain as the view lists it, from its first lock back to it. */
const chain = (...locks: string[]) => [...locks, locks[0]].join(" → ");

/** The whole drawing inside the view's drawing area (1 pixel of rounding allowed). */
async function wholeDrawingVisible(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => {
    const area = document.querySelector("#graph")!.getBoundingClientRect();
    const drawing = document.querySelector("#graph svg g.graph")!.getBoundingClientRect();
    return drawing.width > 0 && drawing.left >= area.left - 1 && drawing.top >= area.top - 1 && drawing.right <= area.right + 1 && drawing.bottom <= area.bottom + 1;
  });
}

const legendOf = async (frame: Frame) => (await frame.locator(".legend").textContent()) ?? "";
const cycleChains = async (frame: Frame) => (await frame.locator("#cycles button.cycle .chain").allTextContents()).map((t) => t.trim());
const edge = (frame: Frame, from: string, to: string) => frame.locator(`#graph svg g.edge[data-from="${from}"][data-to="${to}"]`);
/** The button of the cycle whose chain is exactly `text`. */
const cycleButton = (frame: Frame, text: string) => frame.locator("#cycles button.cycle").filter({ has: frame.locator(".chain").getByText(text, { exact: true }) });

describe("the lock graph view on seed 001 (four cycles)", { timeout: 900_000 }, () => {
  const vscode = new CodeServerSession({ model: SEED, name: "seed-001", settings: PLAIN_TYPING });
  const shot = (name: string) => vscode.shot(name);
  const step = (name: string, body: () => Promise<void>) => vscode.step(name, body);
  let page: CodeServerSession["page"];
  let frame: Frame;

  before(async () => {
    await vscode.start();
    page = vscode.page;
  });

  after(() => vscode.stop());

  /** Runs Lockorder: Show Lock Graph; the view's frame once its legend says `legend`. */
  const showLockGraph = async (legend: string): Promise<Frame> => {
    await vscode.runCommand("Lockorder: Show Lock Graph");
    return vscode.frameWith(`the lock graph view with "${legend}"`, async (f) => (await f.locator("#graph svg g.edge").count()) > 0 && (await legendOf(f)).includes(legend), 120_000);
  };

  test("the view lists the four cycles beside the drawing, fitted in the panel, with zoom and fit", () =>
    step("graph-open", async () => {
      await vscode.openFile("vfio.ts", "vfioDeviceGroupOpen");
      frame = await showLockGraph("4 possible deadlocks");
      assert.deepEqual((await cycleChains(frame)).sort(), [chain(KVM, GROUP), chain(KVM, GROUP, GUESTS), chain(KVM, GROUP, DEV_SET), chain(KVM, GROUP, DEV_SET, GUESTS)].sort());
      // Each with its number of sites: kvm→group 1, group→kvm 2; the longer ones add two per step.
      const counts = await frame.locator("#cycles button.cycle .count").allTextContents();
      assert.deepEqual(counts.map((c) => c.trim()).sort(), ["3 sites", "5 sites", "5 sites", "7 sites"]);
      // Each has a colour and number of its own.
      const numbers = await frame.locator("#cycles button.cycle .number").allTextContents();
      assert.deepEqual(numbers, ["#1", "#2", "#3", "#4"]);
      const colours = await frame.locator("#cycles button.cycle .swatch").evaluateAll((s) => s.map((e) => getComputedStyle(e).backgroundColor));
      assert.equal(new Set(colours).size, 4, `four colours: ${colours}`);
      for (const button of ["#zoom-in", "#zoom-out", "#fit"]) assert.equal(await frame.locator(button).count(), 1, `${button} in the toolbar`);
      await until("the whole drawing fitted in the view", () => wholeDrawingVisible(frame));
      // Graphviz's ids are not the tooltips: the view's own are.
      assert.equal(await frame.locator("#graph svg title").count(), 0);
      await shot("graph-1-cycles");
    }));

  test("zoom in, wheel and fit: fit shows the whole drawing again", () =>
    step("graph-zoom", async () => {
      const level = async () => Number(((await frame.locator("#zoom-level").textContent()) ?? "").replace("%", ""));
      const fitted = await level();
      await frame.locator("#zoom-in").click();
      await frame.locator("#zoom-in").click();
      await until("zoomed in", async () => (await level()) > fitted * 1.4);
      assert.equal(await wholeDrawingVisible(frame), false, "zoomed in, the drawing is larger than the view");
      await shot("graph-2-zoomed");
      const box = (await frame.locator("#graph").boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const before = await level();
      await page.mouse.wheel(0, 400);
      await until("the wheel zooms out", async () => (await level()) < before);
      await frame.locator("#fit").click();
      await until("fitted again", async () => (await level()) === fitted && (await wholeDrawingVisible(frame)));
    }));

  test("selecting a cycle highlights its edges in its colour, dims the others and lists its sites, which open", () =>
    step("graph-select", async () => {
      const longest = chain(KVM, GROUP, DEV_SET, GUESTS);
      await cycleButton(frame, longest).click();
      const highlighted = async () =>
        frame.locator("#graph svg g.edge.hl").evaluateAll((edges) => edges.map((e) => `${e.getAttribute("data-from")} → ${e.getAttribute("data-to")}`).sort());
      await until("the cycle's edges highlighted", async () => (await highlighted()).length === 4);
      assert.deepEqual(await highlighted(), [`${DEV_SET} → ${GUESTS}`, `${GROUP} → ${DEV_SET}`, `${GUESTS} → ${KVM}`, `${KVM} → ${GROUP}`].sort());
      const styles = await frame.locator("#graph svg g.edge").evaluateAll((edges) =>
        edges.map((e) => ({
          hl: e.classList.contains("hl"),
          opacity: Number(getComputedStyle(e).opacity),
          stroke: getComputedStyle(e.querySelector("path:not(.hit)")!).stroke,
        })),
      );
      const selectedColour = await frame.locator("#cycles button.cycle[aria-pressed=true] .swatch").evaluate((s) => getComputedStyle(s).backgroundColor);
      for (const s of styles) {
        if (s.hl) {
          assert.equal(s.opacity, 1);
          assert.equal(s.stroke, selectedColour, "a highlighted edge is drawn in the cycle's colour");
        } else {
          assert.ok(s.opacity < 0.5, "the other edges are dimmed");
        }
      }
      // Its sites, edge by edge: 1 + 2 + 2 + 2.
      const sites = await frame.locator("#sites button.site").allTextContents();
      assert.equal(sites.length, 7, sites.join("\n"));
      assert.ok(sites.some((s) => s.includes("KvmVfio.release") && s.includes("kvm.ts:")), sites.join("\n"));
      assert.ok(sites.some((s) => s.includes("ApMatrixMdev.setKvm") && s.includes("vfio_ap_ops.ts:")), sites.join("\n"));
      await shot("graph-3-cycle-selected");
      // Another cycle takes another colour.
      await cycleButton(frame, chain(KVM, GROUP)).click();
      await until("the two-lock cycle highlighted", async () => (await highlighted()).length === 2);
      const otherColour = await frame.locator("#cycles button.cycle[aria-pressed=true] .swatch").evaluate((s) => getComputedStyle(s).backgroundColor);
      assert.notEqual(otherColour, selectedColour);
      await shot("graph-4-other-cycle");
      // A site opens in the editor: kvm_vfio_release()'s call, holding kvm->lock.
      await frame.locator("#sites button.site").filter({ hasText: "KvmVfio.release" }).click();
      const [line, column] = vscode.positionOf("kvm.ts", "kvmVfioFileSetKvm(file, null)");
      await until("the cursor at the site", async () => ((await page.locator(".statusbar").textContent()) ?? "").includes(`Ln ${line}, Col ${column}`));
      await frame.locator("#cycles button.cycle[aria-pressed=true]").click();
      await until("no cycle selected", async () => (await frame.locator("#graph svg.selecting").count()) === 0);
    }));

  test("an edge's tooltip lists its sites with their functions, and a click offers them all", () =>
    step("graph-edge", async () => {
      const groupToKvm = edge(frame, GROUP, KVM);
      await groupToKvm.locator("text").hover();
      const tip = frame.locator("#tip");
      await until("the edge's tooltip", async () => (await tip.isVisible()) && ((await tip.textContent()) ?? "").includes("vfioDeviceGroupClose"));
      const text = (await tip.textContent()) ?? "";
      assert.match(text, new RegExp(`${GROUP} → ${KVM}`));
      assert.match(text, /2 sites/);
      assert.match(text, /vfioDeviceGroupOpen vfio\.ts:\d+/);
      assert.match(text, /calls VfioDevice\.open/);
      assert.doesNotMatch(text, /edge\d/);
      await shot("graph-5-edge-tooltip");
      await groupToKvm.locator("text").click();
      const rows = page.locator(".quick-input-widget .monaco-list-row");
      const labels = await until("the quick pick of the edge's sites", async () => {
        const all = await rows.allTextContents();
        return all.length === 2 && all.some((r) => r.includes("vfioDeviceGroupOpen")) && all.some((r) => r.includes("vfioDeviceGroupClose")) ? all : undefined;
      });
      assert.ok(labels.every((l) => /vfio\.ts:\d+/.test(l)), labels.join("\n"));
      await shot("graph-6-edge-sites");
      // The second: the editor goes to the group close path.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      const [line] = vscode.positionOf("vfio.ts", "device.close(); // expect");
      await until("the cursor at the second site", async () => ((await page.locator(".statusbar").textContent()) ?? "").includes(`Ln ${line},`));
    }));

  test("an edit that adds a cycle redraws the open view, and so does removing it", () =>
    step("graph-live", async () => {
      // Watch the view's "changed" line: it is shown from the edit until the redraw.
      await frame.evaluate(() => {
        const stale = document.querySelector("#stale")!;
        const seen: string[] = ((window as unknown as { staleSeen: string[] }).staleSeen = []);
        new MutationObserver(() => void (!(stale as HTMLElement).hidden && seen.push(stale.textContent ?? ""))).observe(stale, { attributes: true, childList: true, characterData: true, subtree: true });
      });
      const staleSeen = () => frame.evaluate(() => (window as unknown as { staleSeen: string[] }).staleSeen);
      // kvm_vfio_release() runs holding kvm->lock; taking kv->lock there adds kvm->lock → kvm_vfio->lock,
      // and kv->lock → group_lock (groupAdd) → kvm->lock closes a fifth cycle.
      await page.keyboard.press("Control+1");
      await vscode.openFile("kvm.ts", "kvmDeviceRelease");
      const end = vscode.positionOf("kvm.ts", "release(): void {", "release(): void {".length);
      await vscode.goTo(end);
      await page.keyboard.type(" lock(kvVfioLock); unlock(kvVfioLock);");
      await until("the view redrawn with the fifth cycle", async () => (await legendOf(frame)).includes("5 possible deadlocks") && (await cycleChains(frame)).includes(chain(KVM, KVM_VFIO, GROUP)), 60_000);
      assert.ok((await staleSeen()).some((t) => t.startsWith("The model has changed")), `the view said the model changed: ${await staleSeen()}`);
      await until("the changed line gone", async () => !(await frame.locator("#stale").isVisible()));
      assert.equal(await frame.locator("#cycles button.cycle").count(), 5);
      await shot("graph-7-live-cycle-added");
      // Removing the statements again: back to four.
      await vscode.goTo(end);
      await page.keyboard.press("Shift+End");
      await page.keyboard.press("Delete");
      await until("the view redrawn with four cycles", async () => (await legendOf(frame)).includes("4 possible deadlocks") && (await frame.locator("#cycles button.cycle").count()) === 4, 60_000);
      assert.ok(!(await cycleChains(frame)).includes(chain(KVM, KVM_VFIO, GROUP)));
      await shot("graph-8-live-cycle-removed");
    }));

  test("the locks on no cycle fold away and back", () =>
    step("graph-fold", async () => {
      const nodes = () => frame.locator("#graph svg g.node").count();
      assert.equal(await nodes(), 6);
      await frame.locator("#fold").check();
      await until("the folded graph", async () => (await nodes()) === 4 && (await legendOf(frame)).includes("2 on no cycle hidden"));
      assert.equal(await frame.locator("#cycles button.cycle").count(), 4, "the cycles stay");
      await until("the folded drawing fitted", () => wholeDrawingVisible(frame));
      await shot("graph-9-folded");
      await frame.locator("#fold").uncheck();
      await until("all locks again", async () => (await nodes()) === 6);
    }));
});

describe("the lock graph view on 8139too with an interrupt inversion", { timeout: 900_000 }, () => {
  // The patched kernel model, written from its patch into a folder of its own (test-fixtures/README.md).
  const kernel = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-e2e-kernel-"));
  fs.cpSync(path.join(REPO, "test-fixtures/kernel"), kernel, { recursive: true });
  const model = findModels(kernel).find((m) => m.endsWith(`${path.sep}8139too-irq-inversion`))!;
  const vscode = new CodeServerSession({ model, name: "8139too-irq-inversion" });
  let frame: Frame;

  before(() => vscode.start());
  after(async () => {
    await vscode.stop();
    fs.rmSync(kernel, { recursive: true, force: true });
  });

  test("interrupt-safe locks, the inversion edge in orange, and the legend", () =>
    vscode.step("graph-irq", async () => {
      await vscode.openFile("8139too.ts", "rtl8139");
      await vscode.runCommand("Lockorder: Show Lock Graph");
      frame = await vscode.frameWith("the lock graph view", async (f) => (await f.locator("#graph svg g.edge").count()) > 0 && (await legendOf(f)).includes("0 possible deadlocks"), 120_000);
      const irq = (await frame.locator("#irq button").allTextContents()).map((t) => t.trim());
      // rtl8139_interrupt() takes tp->lock in hard interrupt context.
      assert.ok(irq.some((t) => t.includes("rtl8139_private->lock") && t.includes("hardirq-safe")), irq.join("\n"));
      assert.ok(irq.some((t) => t.includes("rtl8139_private->lock → rtl8139_private->xstats_lock") && t.includes("inversion")), irq.join("\n"));
      const inversion = edge(frame, "rtl8139_private->lock", "rtl8139_private->xstats_lock");
      assert.equal(await inversion.locator('path[stroke="#bc4c00"]').count(), 1, "the inversion edge is orange");
      const legend = await frame.locator("#key").textContent();
      assert.match(legend ?? "", /interrupt-safe lock/);
      assert.match(legend ?? "", /interrupt-unsafe/);
      await inversion.locator("text").hover();
      await until("the inversion edge's tooltip", async () => ((await frame.locator("#tip").textContent()) ?? "").includes("interrupt inversion"));
      await vscode.shot("graph-10-interrupts");
      // Folded, the inversion's locks stay.
      await frame.locator("#fold").check();
      await until("the folded graph", async () => (await frame.locator("#graph svg g.node").count()) === 2);
    }));
});
