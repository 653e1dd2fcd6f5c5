/**
 * `lockorder/lockGraph` through the built server, as the editor's lock graph view asks it: each
 * possible deadlock with the drawn edges it runs along and its number of sites, every site of an
 * edge with its function (the view's tooltip and its click list them all), the SVG's element ids
 * matching the answer, folding the locks on no cycle, the analysis generation that the status
 * notification announces (the view redraws after each analysis), interrupt-safe locks, and a graph
 * too large to draw answered without its drawing (folded, it is drawn).
 * Expectations are read from the models' source: seed 001 (four cycles over four locks, drawn
 * from vfio.ts, kvm.ts and vfio_ap_ops.ts) and lockdep's hard-irq inversion selftest.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { MAX_DRAWN_EDGES, type LockGraphAnswer } from "../src/lockGraph";
import { TestClient, uriOf } from "./client";
import { FIXTURES } from "./paths";

const SEED = path.join(FIXTURES, "seeds/001-vfio-open-device/before");
const VFIO = path.join(SEED, "vfio.ts");
const KVM = path.join(SEED, "kvm.ts");
const IRQ = path.join(FIXTURES, "lockdep/irq/hardirq/spin");
const IRQ_FILE = path.join(IRQ, "irq_inversion.ts");

const KVM_LOCK = "kvm->lock";
const GROUP = "vfio group_lock";
const DEV_SET = "vfio dev_set->lock";
const GUESTS = "matrix_dev->guests_lock";
const KVM_VFIO = "kvm_vfio->lock";
const MDEVS = "matrix_dev->mdevs_lock";

/** The 1-based line of the first line of `file` containing `needle`, after the first containing `after`. */
function lineOf(file: string, needle: string, after?: string): number {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= from && l.includes(needle));
  assert.ok(from >= 0 && index >= 0, `${needle} in ${file}`);
  return index + 1;
}

/** A cycle as a string, rotated to start at its first lock in `order` (the analyzer may start it anywhere). */
function chain(locks: readonly string[]): string {
  const start = locks.indexOf(KVM_LOCK) >= 0 ? locks.indexOf(KVM_LOCK) : 0;
  return [...locks.slice(start), ...locks.slice(0, start)].join(" → ");
}

describe("the lock graph request", () => {
  let client: TestClient;
  const graph = (file: string, options: { svg?: boolean; fold?: boolean } = {}) =>
    client.connection.sendRequest<LockGraphAnswer | null>("lockorder/lockGraph", { uri: uriOf(file), ...options }).then((g) => {
      assert.ok(g, `a graph for ${file}`);
      return g;
    });
  const statusOf = (root: string) =>
    client.notifications.filter((n) => n.method === "lockorder/status" && (n.params as { root: string }).root === root).at(-1)?.params as { generation: number; cycles: number } | undefined;

  // A model with more edges than the server draws: 21 locks, each pair taken in order by a
  // function of its own (210 edges), and x and y taken both ways (a cycle).
  const large = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-large-graph-"));
  const LARGE_LOCKS = 21;
  {
    const names = Array.from({ length: LARGE_LOCKS }, (_, i) => `l${i}`);
    const lines = ['import { defineLock, lock, unlock } from "lockorder";', ...[...names, "x", "y"].map((n) => `const ${n} = defineLock("${n}");`)];
    for (let i = 0; i < LARGE_LOCKS; i++) {
      for (let j = i + 1; j < LARGE_LOCKS; j++) lines.push(`export function f${i}_${j}(): void { lock(l${i}); lock(l${j}); unlock(l${j}); unlock(l${i}); }`);
    }
    lines.push("export function xy(): void { lock(x); lock(y); unlock(y); unlock(x); }", "export function yx(): void { lock(y); lock(x); unlock(x); unlock(y); }");
    fs.writeFileSync(path.join(large, "model.ts"), lines.join("\n") + "\n");
  }

  before(async () => {
    client = await TestClient.start([SEED, IRQ, large]);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(large, { recursive: true, force: true });
  });

  test("every cycle of seed 001 as its chain, with the drawn edges it runs along and its sites", async () => {
    const g = await graph(VFIO);
    assert.equal(g.root, SEED);
    // kvm_vfio_release() holds kvm->lock and takes group_lock through vfio_file_set_kvm(); the
    // group open/close paths hold group_lock (then dev_set->lock) and reach vfio_ap's
    // set/unset_kvm, which take guests_lock, then kvm->lock.
    assert.deepEqual(g.cycles.map((c) => chain(c.locks)).sort(), [
      `${KVM_LOCK} → ${GROUP}`,
      `${KVM_LOCK} → ${GROUP} → ${DEV_SET}`,
      `${KVM_LOCK} → ${GROUP} → ${DEV_SET} → ${GUESTS}`,
      `${KVM_LOCK} → ${GROUP} → ${GUESTS}`,
    ].sort());
    for (const cycle of g.cycles) {
      assert.equal(cycle.edges.length, cycle.locks.length, `one drawn edge per step of ${chain(cycle.locks)}`);
      cycle.edges.forEach((index, i) => {
        const edge = g.edges[index];
        assert.deepEqual([edge.from, edge.to], [cycle.locks[i], cycle.locks[(i + 1) % cycle.locks.length]]);
        assert.equal(edge.onCycle, true);
      });
    }
    // Sites per edge: kvm→group 1 (KvmVfio.release), group→kvm 2 (group open and close),
    // group→dev_set 2, dev_set→kvm 2 (first open, last close), group→guests 2, dev_set→guests 2,
    // guests→kvm 2 (setKvm, unsetKvm).
    const sites = new Map(g.cycles.map((c) => [chain(c.locks), c.sites]));
    assert.equal(sites.get(`${KVM_LOCK} → ${GROUP}`), 3);
    assert.equal(sites.get(`${KVM_LOCK} → ${GROUP} → ${DEV_SET}`), 5);
    assert.equal(sites.get(`${KVM_LOCK} → ${GROUP} → ${GUESTS}`), 5);
    assert.equal(sites.get(`${KVM_LOCK} → ${GROUP} → ${DEV_SET} → ${GUESTS}`), 7);
  });

  test("an edge lists every one of its sites with its function and the call on the way", async () => {
    const g = await graph(VFIO);
    const edge = g.edges.find((e) => e.from === GROUP && e.to === KVM_LOCK);
    assert.ok(edge);
    assert.equal(edge.sites, 2);
    assert.deepEqual(
      edge.locations.map((s) => ({ function: s.function, file: s.file, line: s.line, first: s.via[0] })),
      [
        { function: "vfioDeviceGroupOpen", file: VFIO, line: lineOf(VFIO, "const ret = device.open("), first: "VfioDevice.open" },
        { function: "vfioDeviceGroupClose", file: VFIO, line: lineOf(VFIO, "device.close();"), first: "VfioDevice.close" },
      ],
    );
    // A direct acquisition goes through no call.
    const direct = g.edges.find((e) => e.from === GROUP && e.to === DEV_SET);
    assert.deepEqual(direct?.locations.map((s) => [s.function, s.line, s.via.length]), [
      ["vfioDeviceGroupOpen", lineOf(VFIO, "lock(devSetLock);", "function vfioDeviceGroupOpen"), 0],
      ["vfioDeviceGroupClose", lineOf(VFIO, "lock(devSetLock);", "function vfioDeviceGroupClose"), 0],
    ]);
    // Each edge's `site` is its first location, as older clients read it.
    for (const e of g.edges) if (e.locations.length > 0) assert.deepEqual(e.site, { file: e.locations[0].file, line: e.locations[0].line, column: e.locations[0].column });
  });

  test("the SVG's edges and locks carry the answer's ids, and locks are marked on a cycle", async () => {
    const g = await graph(VFIO, { svg: true });
    const svg = g.svg ?? "";
    const decode = (s: string) => s.replace(/&#45;/g, "-").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
    const titles = new Map([...svg.matchAll(/<g id="(edge\d+)" class="edge">\s*<title>([^<]*)<\/title>/g)].map((m) => [m[1], decode(m[2])]));
    assert.equal(titles.size, g.edges.length);
    for (const e of g.edges) assert.equal(titles.get(e.id), `${e.from}->${e.to}`);
    const nodes = new Map([...svg.matchAll(/<g id="(lock\d+)" class="node">\s*<title>([^<]*)<\/title>/g)].map((m) => [m[1], decode(m[2])]));
    for (const l of g.locks) assert.equal(nodes.get(l.id), l.name);
    assert.deepEqual(g.locks.filter((l) => l.onCycle).map((l) => l.name).sort(), [DEV_SET, GUESTS, GROUP, KVM_LOCK].sort());
    assert.equal(g.lockCount, 6);
  });

  test("folded, the locks on no cycle are left out and counted; the cycles stay whole", async () => {
    const g = await graph(VFIO, { svg: true, fold: true });
    assert.equal(g.folded, true);
    assert.equal(g.hiddenLocks, 2);
    assert.deepEqual(g.locks.map((l) => l.name).sort(), [DEV_SET, GUESTS, GROUP, KVM_LOCK].sort());
    for (const e of g.edges) assert.ok(![KVM_VFIO, MDEVS].includes(e.from) && ![KVM_VFIO, MDEVS].includes(e.to), `${e.from} → ${e.to} is folded`);
    assert.equal(g.cycles.length, 4);
    for (const c of g.cycles) assert.equal(c.edges.length, c.locks.length);
    assert.doesNotMatch(g.svg ?? "", /kvm_vfio|mdevs_lock/);
  });

  test("the graph follows each analysis: its generation is the one the status notification announces", async () => {
    const first = await graph(KVM);
    assert.equal(first.generation, statusOf(SEED)?.generation);
    // kvm_vfio_release() (holding kvm->lock) takes kv->lock too: kvm->lock → kvm_vfio->lock →
    // group_lock (groupAdd) → kvm->lock is a fifth cycle.
    const original = fs.readFileSync(KVM, "utf8");
    const edited = original.replace("    for (const file of this.files) {", "    lock(kvVfioLock);\n    unlock(kvVfioLock);\n    for (const file of this.files) {");
    assert.notEqual(edited, original);
    await client.open(KVM);
    await client.change(KVM, edited);
    await client.idle();
    const status = statusOf(SEED);
    assert.ok(status && status.generation > first.generation, "a new analysis was announced");
    assert.equal(status.cycles, 5);
    const second = await graph(KVM);
    assert.equal(second.generation, status.generation);
    assert.ok(second.cycles.some((c) => chain(c.locks) === `${KVM_LOCK} → ${KVM_VFIO} → ${GROUP}`), second.cycles.map((c) => chain(c.locks)).join("\n"));
    await client.change(KVM, original);
    await client.close(KVM);
    await client.idle();
    const third = await graph(KVM);
    assert.ok(third.generation > second.generation);
    assert.equal(third.cycles.length, 4);
  });

  test("a graph with more edges than are drawn comes without its drawing; folded, it is drawn", async () => {
    const file = path.join(large, "model.ts");
    const g = await graph(file, { svg: true });
    assert.equal(g.edges.length, (LARGE_LOCKS * (LARGE_LOCKS - 1)) / 2 + 2);
    assert.ok(g.edges.length > MAX_DRAWN_EDGES);
    assert.equal(g.tooLarge, true);
    assert.equal(g.svg, undefined);
    assert.deepEqual(g.cycles.map((c) => [...c.locks].sort()), [["x", "y"]], "the cycles are listed all the same");
    const folded = await graph(file, { svg: true, fold: true });
    assert.equal(folded.tooLarge, false);
    assert.equal(folded.hiddenLocks, LARGE_LOCKS);
    assert.deepEqual(folded.locks.map((l) => l.name).sort(), ["x", "y"]);
    assert.match(folded.svg ?? "", /<svg/);
  });

  test("interrupt-safe locks and the edges of an interrupt inversion; folding keeps them", async () => {
    // irq_inversion_hard_spin_123: A is read-locked in a @hardirq function (hardirq-safe), and
    // E1 takes B under A: A → B is an irq-lock-inversion edge (B is taken with irqs on in E2).
    const g = await graph(IRQ_FILE);
    assert.equal(g.root, IRQ);
    const a = g.locks.find((l) => l.name === "irq_inversion_hard_spin_123_A");
    const b = g.locks.find((l) => l.name === "irq_inversion_hard_spin_123_B");
    assert.deepEqual(a?.irq, ["hardirq"]);
    assert.deepEqual(b?.irq, []);
    const edge = g.edges.find((e) => e.from === a?.name && e.to === b?.name);
    assert.equal(edge?.irqInversion, true);
    assert.equal(edge?.locations[0].function, "irq_inversion_hard_spin_123_e1");
    assert.equal(edge?.locations[0].line, lineOf(IRQ_FILE, "lock(irq_inversion_hard_spin_123_B); // expect: irq-lock-inversion"));
    const folded = await graph(IRQ_FILE, { fold: true });
    assert.ok(folded.locks.some((l) => l.name === a?.name) && folded.locks.some((l) => l.name === b?.name), "an interrupt inversion's locks are kept");
  });
});
