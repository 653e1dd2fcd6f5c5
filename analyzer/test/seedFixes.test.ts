/**
 * The fixes of the seeds whose real fix was mechanical (issue 14): seed 000 and seed 004 were
 * fixed by taking a lock first in the callers, seed 003 by a trylock, the vfio_ap broken copy by a
 * reorder. Every lock-order-inversion offers a fix; the first one offered removes every inversion
 * of its cycle and leaves the files parsing; for the reorders, the fixed model's lock graph is the
 * one of the model as the kernel fixed it; `lockorder fix` (the unattended loop) reaches the same
 * graph. And neither a check nor an edit's analysis loads ts-morph, which only fixes use.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, test } from "node:test";
import { ts } from "@ts-morph/common";
import { cycleKey, FixEngine, FixFinder, fixUnattended, HostSession, ModelHost, resolveInputs, type AnalysisState } from "../src/index";
import { findModels } from "../src/testing";
import { FIXTURES, REPO_ROOT } from "./paths";

function session(model: string): HostSession {
  const inputs = resolveInputs([path.join(FIXTURES, model)]);
  const host = new ModelHost(inputs.options);
  host.setRootFiles(inputs.files);
  return new HostSession(host, { absolutePaths: true });
}

/** The typed edges, by lock name, of the locks `keep` names (all when undefined). */
function edges(state: AnalysisState, keep?: ReadonlySet<string>): string[] {
  const name = (l: number) => state.locks.byId(l).name;
  return [...state.graph.edges.values()]
    .filter((e) => !keep || (keep.has(name(e.from)) && keep.has(name(e.to))))
    .map((e) => `${name(e.from)} -${e.holder}${e.acquirer}-> ${name(e.to)}`)
    .sort();
}

function parses(text: string): boolean {
  return (ts.createSourceFile("fixed.ts", text, ts.ScriptTarget.Latest) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

const SEEDS = [
  { before: "seeds/000-pqap-hook/before", after: "seeds/000-pqap-hook/after", kind: "outer-first" },
  // The kernel's fix also removed the kvm_busy flag the fix keeps: the graphs are compared on the
  // locks the fixed kernel still has.
  { before: "seeds/004-kvm-busy/before", after: "seeds/004-kvm-busy/after", kind: "outer-first" },
  { before: ".generated/vfio-ap-broken", after: "vfio-ap", kind: "reorder" },
  { before: "seeds/003-ap-perms/before", after: undefined, kind: "trylock" },
] as const;

describe("the fixes of the seeds", () => {
  findModels(FIXTURES); // writes the patched models (.generated/)
  for (const seed of SEEDS) {
    test(`${seed.before}: every inversion offers a fix, and the first one offered is the kernel's`, () => {
      const s = session(seed.before);
      const engine = new FixEngine(s);
      const inversions = s.state.result.diagnostics.filter((d) => d.code === "lock-order-inversion");
      assert.ok(inversions.length > 0);
      for (const d of inversions) assert.ok(engine.cycleFixes(d).length > 0, `a fix for ${d.file}:${d.line}`);
      const [first] = engine.cycleFixes(inversions[0]);
      assert.equal(first.kind, seed.kind, first.title);
      const texts = engine.textsAfter(first.edits)!;
      for (const [file, text] of texts) assert.ok(parses(text), `${file} parses`);
      const key = inversions[0].args.code === "lock-order-inversion" ? cycleKey(inversions[0].args.cycle) : "";
      s.apply(texts);
      const left = s.state.result.diagnostics.filter((d) => d.args.code === "lock-order-inversion" && cycleKey(d.args.cycle) === key);
      assert.deepEqual(left, [], `${first.title} removes every inversion of its cycle`);
      if (seed.after) {
        const after = session(seed.after).state;
        const kept = new Set(after.locks.locks.map((l) => l.name));
        assert.deepEqual(edges(s.state, kept), edges(after), "the fixed lock graph is the kernel's");
      }
    });

    test(`${seed.before}: lockorder fix's unattended loop`, () => {
      const s = session(seed.before);
      const run = fixUnattended(s);
      if (!seed.after) {
        assert.deepEqual(run.applied, [], "a trylock is never applied unattended");
        return;
      }
      assert.ok(run.applied.length > 0);
      assert.deepEqual(s.state.result.cycles, []);
      const after = session(seed.after).state;
      assert.deepEqual(edges(s.state, new Set(after.locks.locks.map((l) => l.name))), edges(after));
    });
  }
});

describe("taking the outer lock first, up a chain of contracts", () => {
  test("vfio_ap at v5.11: kvm->lock moves out of kvm_arch_crypto_set_masks() up to the notifier and release(), as v5.15 took it", () => {
    const s = session("kernel/vfio-ap-set-kvm-v5.11");
    const run = fixUnattended(s);
    assert.equal(run.applied.length, 1, run.applied.map((f) => f.title).join("\n"));
    assert.equal(run.applied[0].kind, "outer-first");
    assert.deepEqual(s.state.result.cycles, []);
    const ops = [...run.texts].find(([file]) => file.endsWith("vfio_ap_ops.ts"))![1];
    // vfio_ap_mdev_unset_kvm() holds matrix_dev->lock by contract: it requires kvm->lock too, and
    // its callers take kvm->lock before matrix_dev->lock.
    assert.match(ops, /@requires matrixDevLock, "kvm->lock"/);
    assert.equal(ops.match(/lock\("kvm->lock"\);\n\s*lock\(matrixDevLock\);/g)?.length, 2);
  });
});

describe("an inconsistent interrupt usage is fixed as the kernel fixes it: spin_lock_irqsave", () => {
  test("8139too with a plain spin_lock in its transmit path: the fix takes tp->lock with irqsave there and releases it with irqrestore, and the driver is as the real one", () => {
    findModels(FIXTURES);
    const broken = session(".generated/kernel/8139too-irq-broken");
    const [usage] = broken.state.result.diagnostics.filter((d) => d.code === "irq-inconsistent-usage");
    assert.ok(usage, "the broken driver has its inconsistent usage");
    const engine = new FixEngine(broken);
    const sf = broken.state.files.find((f) => f.fileName === usage.file)!;
    const fixes = new FixFinder(broken.state).fixesIn(sf.fileName).filter((f) => f.kind === "irqsave");
    assert.equal(fixes.length, 1, "one irqsave fix");
    const [fix] = fixes;
    assert.match(fix.title, /rtl8139_private->lock.*irqsave/);
    assert.ok(engine.works(fix), "the fix is verified: its target is gone and nothing is new");
    const texts = engine.textsAfter(fix.edits)!;
    const fixed = texts.get(sf.fileName)!;
    assert.ok(parses(fixed));
    broken.apply(texts);
    assert.deepEqual(broken.state.result.diagnostics.filter((d) => !d.suppressed).map((d) => d.code), [], "the fixed driver is clean");
    // The acquisition and its release, as in the real driver's rtl8139_start_xmit().
    const xmit = fixed.slice(fixed.indexOf("function rtl8139StartXmit("));
    const body = xmit.slice(0, xmit.indexOf("\n}\n"));
    assert.match(body, /lock\(irqsave\(tpLock\)\);/);
    assert.match(body, /unlock\(irqsave\(tpLock\)\);/);
    assert.doesNotMatch(body, /\block\(tpLock\)/);
  });
});

describe("ts-morph is loaded by fixes only", () => {
  test("a check and an edit's incremental analysis do not load it; asking for a fix does", () => {
    const script = `
      const a = require(${JSON.stringify(path.join(REPO_ROOT, "analyzer/dist/src/index.js"))});
      const loaded = () => Object.keys(require.cache).some((k) => k.includes("/node_modules/ts-morph/"));
      const model = ${JSON.stringify(path.join(FIXTURES, "seeds/003-ap-perms/before"))};
      a.analyzePaths([model]);
      const inputs = a.resolveInputs([model]);
      const host = new a.ModelHost(inputs.options);
      host.setRootFiles(inputs.files);
      const session = new a.HostSession(host);
      const file = inputs.files[0];
      session.apply(new Map([[file, require("fs").readFileSync(file, "utf8") + "\\n// edited\\n"]]));
      const before = loaded();
      const engine = new a.FixEngine(session);
      engine.cycleFixes(session.state.result.diagnostics.find((d) => d.code === "lock-order-inversion"));
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { before: false, after: true });
  });
});
