#!/usr/bin/env node
/**
 * A deterministic generator of synthetic driver models for benchmarks: N device files of about
 * ten annotated methods each, 200+ locks in a declared order, calls across files (direct, through
 * interfaces implemented by several devices, and through ops tables), a few inversions, and
 * interrupt handlers in every fourth device (an @hardirq method and the helper it calls, taking
 * the device's own spinlock, which process context takes with irqsave, as drivers do; the planted
 * inversions of those devices take it plainly, so the model has interrupt problems to report),
 * and dispatch under a lock: every group of 50 devices implements an ops interface of its own
 * (group<g>.ts), whose three dispatcher methods call it while holding the group's lock, so each
 * dispatched call site reaches the group's 50 implementations and orders the group's lock before
 * their locks (call sites × implementations, and the lock graph's edges, grow linearly with the
 * number of devices; the group locks are taken under nothing, so they close no cycle).
 * Usage: node bench/generate.js DIR FILES   (also used as a module: generate(dir, files))
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function generate(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const lockCount = Math.max(200, Math.ceil(files / 5));
  const perLockFile = 50;
  const lockFiles = Math.ceil(lockCount / perLockFile);
  const lockName = (i) => `L${i}`;
  const lockFileOf = (i) => Math.floor(i / perLockFile);
  for (let f = 0; f < lockFiles; f++) {
    const lines = ['import { defineLock } from "lockorder";'];
    for (let i = f * perLockFile; i < Math.min(lockCount, (f + 1) * perLockFile); i++) {
      const kind = i % 17 === 5 ? ', kind: "rwsem"' : "";
      // Every fourth lock declares its place after an earlier one; the rest is observed order.
      const after = i > 0 && i % 4 === 0 ? `, after: [${lockFileOf(i - 1) === f ? lockName(i - 1) : `"lock ${i - 1}"`}]` : "";
      lines.push(`export const ${lockName(i)} = defineLock("lock ${i}"${kind || after ? `, {${kind.slice(1)}${kind && after ? "," : ""}${after.slice(1)} }` : ""});`);
    }
    fs.writeFileSync(path.join(dir, `locks${f}.ts`), lines.join("\n") + "\n");
  }
  const interfaces = 10;
  const ops = ['export interface Ops0 { probe(): void; remove(): void }'];
  for (let k = 1; k < interfaces; k++) ops.push(`export interface Ops${k} { probe(): void; remove(): void }`);
  ops.push("export interface Table { open(): void; close(): void }");
  fs.writeFileSync(path.join(dir, "ops.ts"), ops.join("\n") + "\n");
  // A hub every device calls with its locks held: it takes the last lock of the order.
  // Device i works with locks around base(i) in increasing order; callees have higher bases, so
  // the observed order is acyclic except for the planted inversions.
  const base = (i) => Math.floor((i * 7) % (lockCount - 12));
  const hubLock = lockCount - 1;
  // A lock some devices hold when they call the hub (b + 1 for the highest base b, see below), with
  // nothing acquired after it but the hub's lock: taking it in the hub closes one short cycle.
  const hubPeer = Math.max(...Array.from({ length: files }, (_, i) => base(i))) + 1;
  fs.writeFileSync(
    path.join(dir, "hub.ts"),
    [
      'import { lock, unlock } from "lockorder";',
      ...(lockFileOf(hubPeer) === lockFileOf(hubLock)
        ? [`import { ${lockName(hubLock)}, ${lockName(hubPeer)} } from "./locks${lockFileOf(hubLock)}";`]
        : [`import { ${lockName(hubLock)} } from "./locks${lockFileOf(hubLock)}";`, `import { ${lockName(hubPeer)} } from "./locks${lockFileOf(hubPeer)}";`]),
      'import { L0 } from "./locks0";',
      "",
      "export function hubTouch(): void {",
      `  lock(${lockName(hubLock)});`,
      `  unlock(${lockName(hubLock)});`,
      "}",
      "",
      "export function hubReset(): void {",
      "  lock(L0);",
      "  unlock(L0);",
      "}",
      "",
    ].join("\n"),
  );

  // Dispatch under a lock: per group of 50 devices, an ops interface the group's devices implement
  // (both methods take one of the device's locks) and a dispatcher class whose methods hold the
  // group's lock while they call through the interface: five dispatched call sites, each reaching
  // the group's 50 implementations. Nothing takes a group lock while holding another lock.
  const groupSize = 50;
  const groups = Math.ceil(files / groupSize);
  for (let g = 0; g < groups; g++) {
    fs.writeFileSync(
      path.join(dir, `group${g}.ts`),
      [
        'import { defineLock, lock, unlock } from "lockorder";',
        "",
        `export interface GroupOps${g} { start(): void; stop(): void }`,
        `export const group${g}Lock = defineLock("group ${g} lock");`,
        "",
        `export class Group${g} {`,
        `  constructor(private readonly member: GroupOps${g}, private readonly spare: GroupOps${g}) {}`,
        "  startAll(): void {",
        `    lock(group${g}Lock);`,
        "    this.member.start();",
        "    this.spare.start();",
        `    unlock(group${g}Lock);`,
        "  }",
        "  stopAll(): void {",
        `    lock(group${g}Lock);`,
        "    this.member.stop();",
        `    unlock(group${g}Lock);`,
        "  }",
        "  restart(): void {",
        `    lock(group${g}Lock);`,
        "    this.member.stop();",
        "    this.spare.start();",
        `    unlock(group${g}Lock);`,
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  }

  for (let i = 0; i < files; i++) {
    const b = base(i);
    const group = Math.floor(i / groupSize);
    const used = new Set();
    const ref = (j) => {
      used.add(j);
      return lockName(j);
    };
    const next1 = (i + 1) % files;
    const next2 = (i * 3 + 7) % files;
    const callees = [...new Set([next1, next2])].filter((j) => base(j) > b + 9 && j !== i);
    const handler = i % 4 === 1;
    const irqLock = `irqLock${i}`;
    const body = [];
    body.push(`export class Dev${i} implements Ops${i % interfaces}, GroupOps${group} {`);
    body.push(`  constructor(private readonly peer: Ops${(i + 3) % interfaces}, private readonly table: Table) {}`);
    body.push(`  @acquires(${ref(b)}, ${ref(b + 1)})`);
    body.push(`  probe(): void {`);
    body.push(`    this.setup();`);
    body.push(`    hubTouch();`);
    for (const j of callees) body.push(`    new Dev${j}(this.peer, this.table).helper();`);
    body.push(`  }`);
    body.push(`  @acquires(${ref(b + 2)})`);
    body.push(`  remove(): void {`);
    body.push(`    this.teardown();`);
    body.push(`  }`);
    body.push(`  @requires(${ref(b)})`);
    body.push(`  setup(): void {`);
    body.push(`    lock(${ref(b + 3)});`);
    body.push(`    if (this.ready()) {`);
    body.push(`      lock(${ref(b + 4)});`);
    body.push(`      unlock(${ref(b + 4)});`);
    body.push(`    }`);
    body.push(`    unlock(${ref(b + 3)});`);
    body.push(`  }`);
    body.push(`  teardown(): void {`);
    body.push(`    for (const x of [1, 2, 3]) {`);
    body.push(`      if (!tryLock(${ref(b + 5)})) continue;`);
    body.push(`      this.count += x;`);
    body.push(`      unlock(${ref(b + 5)});`);
    body.push(`    }`);
    body.push(`  }`);
    body.push(`  helper(): void {`);
    body.push(`    lock(${ref(b + 6)});`);
    body.push(`    unlock(${ref(b + 6)});`);
    body.push(`  }`);
    // Dispatch through an interface and an ops table happens with nothing held, as a driver's
    // entry points do; it propagates what the implementations acquire without ordering it.
    body.push(`  dispatch(): void {`);
    body.push(`    this.peer.probe();`);
    body.push(`    this.table.open();`);
    body.push(`  }`);
    body.push(`  ready(): boolean {`);
    body.push(`    return this.count > 0;`);
    body.push(`  }`);
    body.push(`  count = 0;`);
    body.push(`  toggle(): void {`);
    body.push(`    lock(${ref(b + 7)});`);
    body.push(`    lock(${ref(b + 8)});`);
    body.push(`    unlock(${ref(b + 8)});`);
    if (handler) {
      body.push(`    lock(irqsave(${irqLock}));`);
      body.push(`    unlock(irqsave(${irqLock}));`);
    }
    body.push(`    unlock(${ref(b + 7)});`);
    body.push(`  }`);
    if (handler) {
      body.push(`  @hardirq`);
      body.push(`  interrupt(): void {`);
      body.push(`    this.ack();`);
      body.push(`  }`);
      body.push(`  ack(): void {`);
      body.push(`    lock(${irqLock});`);
      body.push(`    unlock(${irqLock});`);
      body.push(`  }`);
    }
    // The group's ops, called by its dispatchers with the group's lock held.
    body.push(`  start(): void {`);
    body.push(`    lock(${ref(b + 1)});`);
    body.push(`    unlock(${ref(b + 1)});`);
    body.push(`  }`);
    body.push(`  stop(): void {`);
    body.push(`    lock(${ref(b + 1)});`);
    body.push(`    this.count = 0;`);
    body.push(`    unlock(${ref(b + 1)});`);
    body.push(`  }`);
    if (i % 50 === 25) {
      // A planted inversion: this device takes b+8 before b+7, against toggle().
      body.push(`  inverted(): void {`);
      body.push(`    lock(${ref(b + 8)});`);
      body.push(`    lock(${ref(b + 7)});`);
      body.push(`    unlock(${ref(b + 7)});`);
      body.push(`    unlock(${ref(b + 8)});`);
      if (handler) {
        body.push(`    lock(${irqLock});`);
        body.push(`    unlock(${irqLock});`);
      }
      body.push(`  }`);
    }
    body.push(`}`);
    body.push(`export const table${i}: Table = {`);
    body.push(`  open: () => { lock(${ref(b + 9)}); unlock(${ref(b + 9)}); },`);
    body.push(`  close: () => undefined,`);
    body.push(`};`);
    const byFile = new Map();
    for (const j of used) {
      const f = lockFileOf(j);
      if (!byFile.has(f)) byFile.set(f, []);
      byFile.get(f).push(lockName(j));
    }
    const header = [`import { acquires, ${handler ? "defineLock, hardirq, irqsave, " : ""}lock, requires, tryLock, unlock } from "lockorder";`, `import type { Ops${i % interfaces}, Ops${(i + 3) % interfaces}, Table } from "./ops";`, `import type { GroupOps${group} } from "./group${group}";`];
    for (const [f, names] of [...byFile].sort((a, b) => a[0] - b[0])) header.push(`import { ${names.sort().join(", ")} } from "./locks${f}";`);
    for (const j of callees) header.push(`import { Dev${j} } from "./dev${j}";`);
    header.push('import { hubTouch } from "./hub";');
    const declarations = handler ? [`const ${irqLock} = defineLock("dev${i} irq lock", { kind: "spinlock" });`, ""] : [];
    fs.writeFileSync(path.join(dir, `dev${i}.ts`), [...header, "", ...declarations, ...body, ""].join("\n"));
  }
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022", "ESNext.Disposable"], module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["*.ts"] }, null, 2) + "\n",
  );
  return { files: files + lockFiles + 2 + groups, devices: files, groups, locks: lockCount + groups + Math.floor((files + 2) / 4), hub: path.join(dir, "hub.ts"), hubLock: lockName(hubLock), hubPeer: lockName(hubPeer), hubLockFile: `locks${lockFileOf(hubLock)}` };
}

module.exports = { generate };
if (require.main === module) {
  const [dir, files] = process.argv.slice(2);
  if (!dir || !files) {
    console.error("usage: node bench/generate.js DIR FILES");
    process.exit(2);
  }
  console.log(generate(path.resolve(dir), Number(files)));
}
