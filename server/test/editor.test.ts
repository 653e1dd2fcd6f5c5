/**
 * The editor features of issue 16 through the protocol: hovers that open with the possible
 * deadlock (the cycle in one line and lockdep's table, the other cycles one line each, interrupt
 * problems after, a cycle shown once per hover), the call chain in a diagnostic's related
 * information, code lenses with their commands and texts (seed 001, a @requires method, an arrow
 * function in a method, a long sequence, the setting that hides function lenses), and the server's
 * log after start, after an analysis, at verbose, and on an error.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import type { CodeLens, Location } from "vscode-languageserver-protocol";
import { Workspace } from "../src/workspace";
import { positionOf, TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

const SEED = path.join(FIXTURES, "seeds/001-vfio-open-device/before");
const KVM = path.join(SEED, "kvm.ts");
const VFIO = path.join(SEED, "vfio.ts");
const OPS = path.join(SEED, "vfio_ap_ops.ts");

/** A scratch model folder with these files (and the fixtures' tsconfig, so `lockorder` resolves). */
function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-editor-"));
  fs.copyFileSync(path.join(FIXTURES, "tsconfig.json"), path.join(dir, "tsconfig.json"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function hoverText(client: TestClient, file: string, needle: string, shift = 0): Promise<string> {
  const pos = positionOf(file, needle, shift);
  const hover = await client.hover(file, pos.line, pos.character);
  return hover ? (hover.contents as { value: string }).value : "";
}

/** Every lens of a file, resolved, by its 1-based line. */
async function lensesOf(client: TestClient, file: string): Promise<{ line: number; lens: CodeLens }[]> {
  const out: { line: number; lens: CodeLens }[] = [];
  for (const lens of await client.codeLenses(file)) out.push({ line: lens.range.start.line + 1, lens: await client.resolveCodeLens(lens) });
  return out;
}

const lineOf = (file: string, needle: string) => positionOf(file, needle).line + 1;
const where = (l: Location) => `${path.basename(l.uri)}:${l.range.start.line + 1}`;

describe("seed 001 in the editor: hovers, related information, lenses", () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start([SEED]);
    for (const f of [KVM, VFIO, OPS]) await client.open(f);
    await client.idle();
  });
  after(() => client.stop());

  test("a lock's hover opens with its shortest cycle and lockdep's table, the other cycles one line each", async () => {
    const text = await hoverText(client, KVM, 'defineLock("kvm->lock"', 2);
    const lines = text.split("\n");
    assert.equal(lines[0], "⚠ **Possible deadlock:** `kvm->lock → vfio group_lock → kvm->lock`");
    assert.equal(lines[2], "```text");
    assert.deepEqual(lines.slice(3, 7), [" Possible unsafe locking scenario:", "", "       CPU0                    CPU1", "       ----                    ----"]);
    assert.deepEqual(lines.slice(7, 11), ["  lock(kvm->lock);", "                               lock(vfio group_lock);", "                               lock(kvm->lock);", "  lock(vfio group_lock);"]);
    assert.equal(lines.filter((l) => l.includes("*** DEADLOCK ***")).length, 1, "one table, not four");
    const more = lines.indexOf("**3 more possible deadlocks** through `kvm->lock`:");
    assert.ok(more > 0, text);
    assert.match(lines[more + 1], /^- `kvm->lock → vfio group_lock → matrix_dev->guests_lock → kvm->lock` \(\[vfio_ap_ops\.ts:29\]/);
    // Then what it is, and the evidence.
    const header = lines.findIndex((l) => l.startsWith("**mutex** `kvm->lock`"));
    assert.ok(header > more, "kind and rank after the deadlocks");
    assert.equal(lines[header], "**mutex** `kvm->lock` · ⚠ on a cycle with `vfio group_lock`, `matrix_dev->guests_lock` and `vfio dev_set->lock`");
    assert.ok(lines.indexOf("**Taken after** (held when `kvm->lock` is acquired):") > header);
  });

  test("a function with no diagnostic of its own that holds the lock of a @requires callee on the cycle opens with the deadlock", async () => {
    const text = await hoverText(client, KVM, "kvmDeviceRelease(", 1);
    const lines = text.split("\n");
    assert.equal(lines[0], "⚠ **Possible deadlock:** `kvm->lock → vfio group_lock → kvm->lock`");
    assert.match(text, /^\*\*3 more possible deadlocks\*\* through `kvmDeviceRelease`:$/m);
    assert.ok(lines.indexOf("**function** `kvmDeviceRelease`") > lines.findIndex((l) => l.includes("*** DEADLOCK ***")));
  });

  test("an acquisition on a cycle opens with its cycle, then its lock history; the lock's part does not repeat the table", async () => {
    const text = await hoverText(client, VFIO, "lock(devSetLock); // expect", 6);
    const lines = text.split("\n");
    assert.equal(lines[0], "⚠ **Possible deadlock:** `vfio group_lock → vfio dev_set->lock → kvm->lock → vfio group_lock`");
    assert.match(text, /^\*\*Lock history\*\* in `vfioDeviceGroupOpen`, acquiring `vfio dev_set->lock`$/m);
    assert.equal(lines.filter((l) => l.includes("*** DEADLOCK ***")).length, 1, text);
    assert.match(text, /^\*\*mutex\*\* `vfio dev_set->lock` · ⚠ on a cycle with /m, "the lock's part follows");
    // A call on the cycle through the calls below it.
    const call = (await hoverText(client, VFIO, "device.open(device.group.kvm)", 8)).split("\n");
    assert.equal(call[0], "⚠ **Possible deadlock:** `vfio group_lock → kvm->lock → vfio group_lock`");
  });

  test("an acquisition on no cycle starts with its lock history", async () => {
    const text = await hoverText(client, KVM, "lock(kvVfioLock);", 6);
    assert.match(text.split("\n")[0], /^\*\*Lock history\*\* in `KvmVfio\.groupAdd`, acquiring `kvm_vfio->lock`$/);
  });

  test("a diagnostic at a call carries its call chain in its related information", () => {
    const at = lineOf(VFIO, "const ret = device.open(device.group.kvm)");
    const d = (client.diagnostics.get(uriOf(VFIO)) ?? []).find((x) => x.range.start.line + 1 === at);
    assert.ok(d, "the inversion at the call");
    assert.deepEqual(
      d.relatedInformation?.map((r) => `${where(r.location)} ${r.message}`),
      [
        `kvm.ts:${lineOf(KVM, "kvmVfioFileSetKvm(file, null)")} 'vfio group_lock' acquired while holding 'kvm->lock' in KvmVfio.release via kvmVfioFileSetKvm → vfioFileSetKvm`,
        `vfio.ts:${at} vfioDeviceGroupOpen calls VfioDevice.open`,
        `vfio.ts:${lineOf(VFIO, "const ret = this.firstOpen(kvm)")} VfioDevice.open calls VfioDevice.firstOpen`,
        `vfio.ts:${lineOf(VFIO, "this.ops.openDevice(this)")} VfioDevice.firstOpen calls vfioApMdevOpenDevice`,
        `vfio_ap_ops.ts:${lineOf(OPS, "return matrixMdev.setKvm(vdev.kvm)")} vfioApMdevOpenDevice calls ApMatrixMdev.setKvm`,
        `vfio_ap_ops.ts:${lineOf(OPS, "lock(kvmLock); // expect")} ApMatrixMdev.setKvm acquires 'kvm->lock'`,
      ],
    );
  });

  test("the warning lens is on every function of the cycle, through calls too, and opens the other sides", async () => {
    const lenses = await lensesOf(client, KVM);
    const release = lineOf(KVM, "export function kvmDeviceRelease");
    const titles = lenses.filter((l) => l.line === release).map((l) => l.lens.command?.title);
    assert.deepEqual(titles, ["kvm->lock → vfio group_lock", "⚠ possible deadlock: kvm->lock → vfio group_lock → kvm->lock and 3 more"]);
    const warning = lenses.find((l) => l.line === release && l.lens.command?.title.startsWith("⚠"))!.lens.command!;
    assert.equal(warning.command, "lockorder.showLocations");
    assert.match(String(warning.tooltip), /^kvmDeviceRelease takes part in 4 possible deadlocks:\n {2}kvm->lock → vfio group_lock → kvm->lock\n/);
    const [uri, position, locations] = warning.arguments as [string, { line: number }, Location[]];
    assert.equal(uri, uriOf(KVM));
    assert.equal(position.line, release - 1);
    // The sides it takes no part in: vfio's and vfio_ap's acquisitions, not KvmVfio.release's.
    const sides = locations.map(where);
    assert.ok(sides.includes(`vfio.ts:${lineOf(VFIO, "const ret = device.open(device.group.kvm)")}`), sides.join(" "));
    assert.ok(sides.includes(`vfio_ap_ops.ts:${lineOf(OPS, "lock(kvmLock); // expect")}`), sides.join(" "));
    assert.ok(!sides.some((s) => s.startsWith("kvm.ts")), sides.join(" "));
    // Every function of the cycle has one, in each file.
    for (const file of [KVM, VFIO, OPS]) {
      for (const l of await lensesOf(client, file)) {
        if (l.lens.command?.command !== "lockorder.showLockHistory" || (file === KVM && l.line === lineOf(KVM, "groupAdd(file"))) continue;
        assert.ok((await lensesOf(client, file)).some((w) => w.line === l.line && w.lens.command?.title.startsWith("⚠ possible deadlock: ")), `${path.basename(file)}:${l.line}`);
      }
    }
  });

  test("the sequence lens opens the function's acquisitions in order, each with its call chain and place", async () => {
    const release = lineOf(KVM, "export function kvmDeviceRelease");
    const lens = (await lensesOf(client, KVM)).find((l) => l.line === release && l.lens.command?.command === "lockorder.showLockHistory")!.lens.command!;
    assert.match(String(lens.tooltip), /^kvmDeviceRelease takes kvm->lock → vfio group_lock\.\n/);
    const [history] = lens.arguments as [{ title: string; items: { label: string; description: string; detail: string; location: Location }[] }];
    assert.equal(history.title, "kvmDeviceRelease: kvm->lock → vfio group_lock");
    assert.deepEqual(
      history.items.map((i) => [i.label, i.description, where(i.location)]),
      [
        ["1. kvm->lock", "directly", `kvm.ts:${lineOf(KVM, "  lock(kvmLock);")}`],
        ["2. vfio group_lock", "via KvmVfio.release → kvmVfioFileSetKvm → vfioFileSetKvm", `vfio.ts:${lineOf(VFIO, "  lock(groupLock);\n  group.kvm")}`],
      ],
    );
    assert.match(history.items[1].detail, /^kvmDeviceRelease \(kvm\.ts:\d+\) → KvmVfio\.release \(kvm\.ts:\d+\) → kvmVfioFileSetKvm \(kvm\.ts:\d+\) → vfioFileSetKvm \(vfio\.ts:\d+\)$/);
  });

  test("a lock on a cycle says which locks it is on a cycle with; a lock on none, its rank", async () => {
    const lenses = await lensesOf(client, KVM);
    const title = (needle: string) => lenses.find((l) => l.line === lineOf(KVM, needle))?.lens.command;
    assert.equal(title('defineLock("kvm->lock")')?.title, "on a cycle with vfio group_lock, matrix_dev->guests_lock and vfio dev_set->lock · taken by 3 functions");
    assert.equal(title('defineLock("kvm->lock")')?.command, "lockorder.showLocations");
    assert.equal(title('defineLock("kvm_vfio->lock")')?.title, "lock order 1 of 3 · taken by 1 function");
  });
});

describe("lenses that would repeat or clutter", () => {
  const MODEL = [
    'import { defineLock, lock, requires, unlock } from "lockorder";',
    "",
    'export const mdevsLock = defineLock("matrix_dev->mdevs_lock");',
    'export const queueLock = defineLock("ap_queue->lock");',
    "",
    "export class Mdev {",
    "  count = 0;",
    "",
    "  @requires(mdevsLock)",
    "  link(): void {",
    "    this.count++;",
    "  }",
    "",
    "  reset(): void {",
    "    lock(mdevsLock);",
    "    this.link();",
    "    const resetOne = () => {",
    "      lock(queueLock);",
    "      unlock(queueLock);",
    "    };",
    "    resetOne();",
    "    unlock(mdevsLock);",
    "  }",
    "}",
    "",
  ].join("\n");
  // Twelve locks taken in one function.
  const names = Array.from({ length: 12 }, (_, i) => `ap_queue[${i}]->lock`);
  const LONG = [
    'import { defineLock, lock, unlock } from "lockorder";',
    ...names.map((n, i) => `export const l${i} = defineLock(${JSON.stringify(n)});`),
    "export function takeAll(): void {",
    ...names.map((_, i) => `  lock(l${i});`),
    ...names.map((_, i) => `  unlock(l${names.length - 1 - i});`),
    "}",
    "",
  ].join("\n");
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = scratch({ "model.ts": MODEL, "long.ts": LONG });
    client = await TestClient.start([dir]);
    await client.open(path.join(dir, "model.ts"));
    await client.open(path.join(dir, "long.ts"));
    await client.idle();
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("no lens above a @requires method that takes nothing, nor on an arrow function inside a method", async () => {
    const lenses = await lensesOf(client, path.join(dir, "model.ts"));
    // (long.ts's twelve locks share the model, and the order.)
    assert.deepEqual(
      lenses.map((l) => `${l.line} ${l.lens.command?.title.replace(/ \d+ of \d+/, " N of M")}`),
      ["14 matrix_dev->mdevs_lock → ap_queue->lock", "3 lock order N of M · taken by 1 function", "4 lock order N of M · taken by 1 function"],
    );
  });

  test("a long sequence is cut in its middle, whole in the tooltip and the history's title", async () => {
    const [lens] = (await lensesOf(client, path.join(dir, "long.ts"))).filter((l) => l.lens.command?.command === "lockorder.showLockHistory");
    const title = lens.lens.command!.title;
    assert.equal(title, "ap_queue[0]->lock → ap_queue[1]->lock → … 8 more … → ap_queue[10]->lock → ap_queue[11]->lock");
    assert.equal(lens.lens.command!.tooltip, `takeAll takes ${names.join(" → ")}.\nClick to see where it takes each lock, and through which calls.`);
    const [history] = lens.lens.command!.arguments as [{ items: { label: string }[] }];
    assert.equal(history.items.length, 12);
  });

  test("with codeLens.functions off, only the locks' lenses are shown", async () => {
    const off = await TestClient.start([dir], undefined, { debounce: { minMs: 0, maxMs: 0 }, settings: { codeLens: { functions: false } } });
    try {
      const file = path.join(dir, "model.ts");
      await off.open(file);
      await off.idle();
      assert.deepEqual((await lensesOf(off, file)).map((l) => l.line), [3, 4]);
    } finally {
      await off.stop();
    }
  });
});

describe("interrupt problems in a lock's hover", () => {
  test("they follow the possible deadlock, before the lock's rank and evidence", async () => {
    const dir = scratch({
      "irq.ts": [
        'import { defineLock, lock, unlock } from "lockorder";',
        'export const aLock = defineLock("dev->a", { kind: "spinlock" });',
        'export const bLock = defineLock("dev->b", { kind: "spinlock" });',
        "/** @hardirq */",
        "export function isr(): void { lock(aLock); unlock(aLock); }",
        "export function ab(): void { lock(aLock); lock(bLock); unlock(bLock); unlock(aLock); }",
        "export function ba(): void { lock(bLock); lock(aLock); unlock(aLock); unlock(bLock); }",
        "",
      ].join("\n"),
    });
    const client = await TestClient.start([dir]);
    try {
      const file = path.join(dir, "irq.ts");
      await client.open(file);
      await client.idle();
      const lines = (await hoverText(client, file, 'defineLock("dev->a"', 2)).split("\n");
      const deadlock = lines.indexOf("⚠ **Possible deadlock:** `dev->a → dev->b → dev->a`");
      const usage = lines.indexOf("**Interrupt usage:**");
      const header = lines.findIndex((l) => l.startsWith("**spinlock** `dev->a`"));
      assert.equal(deadlock, 0, lines.join("\n"));
      assert.ok(usage > deadlock && header > usage, lines.join("\n"));
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the server's log", () => {
  const INFO = 3;
  const LOG = 4;
  const ERROR = 1;

  test("on start: version, folders, the model and the first analysis with its phases' times; after an edit, that analysis", async () => {
    const client = await TestClient.start([SEED]);
    try {
      const info = () => client.logMessages.filter((m) => m.type === INFO).map((m) => m.message);
      assert.match(info()[0], /^Lockorder server \d+\.\d+\.\d+ started \(Node v\d+\.\d+\.\d+, pid \d+\)$/);
      assert.equal(info()[1], `workspace folders: ${SEED}`);
      assert.equal(info()[2], `model ${SEED}: 3 files, 6 locks`);
      assert.match(info()[3], new RegExp(`^analysis #1 of ${SEED.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 4 possible deadlocks, 9 errors, 0 warnings in [\\d.]+ ms \\(load [\\d.]+ ms, declarations [\\d.]+ ms, summaries [\\d.]+ ms, link [\\d.]+ ms, graph [\\d.]+ ms, report [\\d.]+ ms\\)$`));
      assert.deepEqual(client.logMessages.filter((m) => m.type === LOG), [], "no details unless verbose");
      await client.open(KVM);
      // KvmVfio.release no longer calls into vfio: no cycle is left.
      await client.change(KVM, fs.readFileSync(KVM, "utf8").replace("kvmVfioFileSetKvm(file, null);", "// kvmVfioFileSetKvm(file, null);"));
      await client.idle();
      const last = info().at(-1)!;
      assert.match(last, /^analysis #\d+ of .*: 0 possible deadlocks, 0 errors, 0 warnings in [\d.]+ ms \(/);
      assert.ok(!info().slice(4).some((m) => m.startsWith("model ")), "the model is logged again only when its files or locks change");
    } finally {
      await client.stop();
    }
  });

  test("at verbose, each analysis's details and the model's files and locks", async () => {
    const client = await TestClient.start([SEED], undefined, { debounce: { minMs: 0, maxMs: 0 }, settings: { trace: { server: "verbose" } } });
    try {
      const details = client.logMessages.filter((m) => m.type === LOG).map((m) => m.message);
      assert.deepEqual(details.slice(0, 2), [
        "  files: kvm.ts, vfio.ts, vfio_ap_ops.ts",
        "  locks: kvm_vfio->lock (mutex), kvm->lock (mutex), vfio group_lock (mutex), vfio dev_set->lock (mutex), matrix_dev->guests_lock (mutex), matrix_dev->mdevs_lock (mutex)",
      ]);
      assert.match(details[2], /^ {2}3 files, \d+ functions, 6 locks, \d+ edges, \d+ calls \(0 unresolved\); summarised again 3, linked 3, contributions recomputed \d+$/);
      assert.equal(details[3], "  diagnostics: lock-order-inversion 9");
    } finally {
      await client.stop();
    }
  });

  test("an analysis that fails is logged as an error with its stack", async () => {
    const dir = scratch({ "a.ts": 'import { defineLock } from "lockorder";\nexport const a = defineLock("a");\n' });
    const analyze = Workspace.prototype.analyze;
    const client = await TestClient.startInProcess([dir]);
    try {
      Workspace.prototype.analyze = function failing(): never {
        throw new Error("failed for the log test");
      };
      const file = path.join(dir, "a.ts");
      await client.open(file);
      await client.change(file, `${client.textOf(file)}// edit\n`);
      await client.idle();
      // Logged once with its stack (the same failure again says so in one line).
      const errors = client.logMessages.filter((m) => m.type === ERROR && m.message.includes("failed for the log test") && /\n\s+at /.test(m.message));
      assert.equal(errors.length, 1, JSON.stringify(client.logMessages));
      assert.match(errors[0].message, /^lockorder: analysis of .* failed: Error: failed for the log test\n\s+at /);
    } finally {
      Workspace.prototype.analyze = analyze;
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
