#!/usr/bin/env node
/**
 * The benchmark (a script, never a timed test): on generated driver models of several sizes, in
 * one run and side by side:
 * * cold: `tsc --noEmit` (the workspace's TypeScript), parsing alone (the floor), `lockorder check`
 *   with the text report and with `--format json` (both to /dev/null): time and peak memory,
 *   one run of each in turn per round (so a slow minute of the shared machine hurts all of them),
 *   medians over the rounds; and the growth of tsc and check from the smallest size to the largest;
 * * warm: `tsc --incremental` (build info in a temporary file) against `lockorder check --cache
 *   --cache-location <temporary file>`: each run once to fill its cache, then in turn with nothing
 *   changed, then in turn with one device file's body edited before each round (a new text each
 *   time, so every measured run sees exactly one file changed since its previous run): by a
 *   statement that takes no lock (the early cutoff's case), then by taking its lock once more;
 * * the language server at 1,000 devices and below (server-latency.js): the first analysis with a
 *   cold user cache and again with the cache the first server left; didChange → publishDiagnostics
 *   of one-line edits; hover and code-lens latency;
 * * the targets of issue 17's "Done when", met or not.
 * Every Lockorder process runs with LOCKORDER_CACHE_DIR (the compiler's code cache) and
 * XDG_CACHE_HOME in a temporary folder of this run (caches.js), the code cache warmed first.
 * Prints the tables and writes them to bench/results/latest.md, the figures to latest.json.
 * Usage: node bench/run.js [sizes=1000,3000,10000] [runs=3]  (npm run bench)
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { generate } = require("./generate");
const { serverLatency } = require("./server-latency");
const { benchCaches, warmCodeCache, folderSize } = require("./caches");

const REPO = path.resolve(__dirname, "..");
const TSC = path.join(REPO, "node_modules/typescript/bin/tsc");
const CLI = path.join(REPO, "analyzer/bin/lockorder.js");
const sizes = (process.argv[2] ?? "1000,3000,10000").split(",").map(Number);
const runs = Number(process.argv[3] ?? 3);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node bench/run.js [sizes=1000,3000,10000] [runs=3]");
  process.exit(2);
}
const SERVER_MAX_DEVICES = 1000;
const SERVER_EDITS = 50;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One run of a Node program under measure.js, its stdout to /dev/null: wall time (from the
 * spawn to the exit), peak memory (max RSS). `ok` lists the statuses that are not a failure; any other throws unless `soft`.
 */
function measure(script, args, cwd, env, ok, soft = false) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(__dirname, "measure.js"), script, ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 28 });
  const m = /MEASURE ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  const failure = !m ? "no measurement" : !ok.includes(r.status) ? `exit status ${r.status}` : undefined;
  if (failure) {
    const output = (r.stderr ?? "").replace(/\n*MEASURE .*\n?$/, "").trim();
    if (soft) return { error: `${failure}: ${output.split("\n")[0]}`, command: `${path.relative(REPO, script)} ${args.join(" ")}` };
    throw new Error(`${path.basename(script)} ${args.join(" ")}: ${failure}: ${output.slice(-2000)}`);
  }
  // The wall time of the whole process as the user waits for it, Node's start included (a warm
  // run may take little more than that start); measure.js's own figure begins after it.
  return { ms: performance.now() - started, mb: Number(m[2]) / 1024, status: r.status };
}

/** The median time and memory of a series of samples, with the samples. */
const summary = (samples) => ({ ms: median(samples.map((s) => s.ms)), mb: median(samples.map((s) => s.mb)), statuses: [...new Set(samples.map((s) => s.status))], samples: samples.map((s) => [Math.round(s.ms), Math.round(s.mb)]) });

/** Cold runs: per round one run of each, in turn. */
function coldRuns(dir, env) {
  const series = {
    tsc: [TSC, ["-p", dir], [0]],
    parse: [path.join(__dirname, "parse-only.js"), [dir], [0]],
    check: [CLI, ["check", dir], [0, 1]],
    json: [CLI, ["check", dir, "--format", "json"], [0, 1]],
  };
  const samples = Object.fromEntries(Object.keys(series).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [k, [script, args, ok]] of Object.entries(series)) samples[k].push(measure(script, args, dir, env, ok));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, summary(s)]));
}

/**
 * Warm runs: tsc --incremental and check --cache, each once to fill its cache (`first`, one
 * sample), then in turn `runs` times with nothing changed, then `runs` rounds of: edit one
 * device file's body, tsc, check. The edited file is restored at the end.
 */
function warmRuns(dir, info, env, caches) {
  const buildInfo = path.join(caches.root, `tsc-${info.devices}.tsbuildinfo`);
  const cacheFile = path.join(caches.root, `lockorder-${info.devices}.cache`);
  const tsc = [TSC, ["-p", dir, "--incremental", "--tsBuildInfoFile", buildInfo], [0]];
  const check = [CLI, ["check", dir, "--cache", "--cache-location", cacheFile], [0, 1]];
  const result = { tsc: {}, check: {} };
  result.tsc.first = measure(tsc[0], tsc[1], dir, env, tsc[2]);
  const first = measure(check[0], check[1], dir, env, check[2], true);
  const available = first.error === undefined;
  if (available) result.check.first = first;
  else Object.assign(result.check, first);
  const series = (before) => {
    const t = [];
    const c = [];
    for (let r = 0; r < runs; r++) {
      before?.(r);
      t.push(measure(tsc[0], tsc[1], dir, env, tsc[2]));
      if (available) c.push(measure(check[0], check[1], dir, env, check[2]));
    }
    return [summary(t), available ? summary(c) : undefined];
  };
  [result.tsc.nothingChanged, result.check.nothingChanged] = series();
  // A body edit in a device in the middle of the model: a statement that changes no lock and no
  // declaration, with a new number each round.
  const edited = path.join(dir, `dev${Math.floor(info.devices / 2)}.ts`);
  const original = fs.readFileSync(edited, "utf8");
  const taken = /  helper\(\): void \{\n    lock\((\w+)\);/.exec(original)?.[1];
  if (!taken) throw new Error(`${edited} has no helper() taking a lock to edit`);
  try {
    [result.tsc.oneChanged, result.check.oneChanged] = series((r) => fs.writeFileSync(edited, original.replace("  helper(): void {\n", `  helper(): void {\n    this.count += ${r + 1};\n`)));
    // The same body edited so that its summary changes (the lock it takes, taken once more per
    // round): no early cutoff, the links and the lock graph are built again. A figure, not a target.
    [result.tsc.lockTaken, result.check.lockTaken] = series((r) => fs.writeFileSync(edited, original.replace("  helper(): void {\n", `  helper(): void {\n${`    lock(${taken});\n    unlock(${taken});\n`.repeat(r + 1)}`)));
  } finally {
    fs.writeFileSync(edited, original);
  }
  result.editedFile = path.basename(edited);
  if (available) result.check.cacheSize = folderSize(cacheFile);
  return result;
}

/** A warm check that exits otherwise than the cold one answered differently (the edit changes no lock). */
function statusMismatch(r) {
  const cold = r.check.statuses;
  const warm = r.warm.check;
  const all = [warm.first?.status, ...(warm.nothingChanged?.statuses ?? []), ...(warm.oneChanged?.statuses ?? []), ...(warm.lockTaken?.statuses ?? [])].filter((x) => x !== undefined);
  const differing = all.filter((x) => !cold.includes(x));
  return differing.length === 0 ? undefined : `lockorder check --cache exited ${[...new Set(differing)].join(", ")} at ${r.files} files where the cold check exited ${cold.join(", ")}`;
}

async function main() {
  const began = Date.now();
  const load = os.loadavg()[0];
  const caches = benchCaches();
  const rows = [];
  let codeCache;
  try {
    await warmCodeCache(caches);
    codeCache = folderSize(caches.codeCache);
    for (const devices of sizes) {
      const sizeBegan = Date.now();
      const dir = path.join(os.tmpdir(), `lockorder-bench-${devices}`);
      const info = generate(dir, devices);
      // The model type-checks against the lockorder module of this repository.
      fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
      const cold = coldRuns(dir, caches.env);
      process.stderr.write(`${info.files} files: cold runs measured\n`);
      const warm = warmRuns(dir, info, caches.env, caches);
      process.stderr.write(`${info.files} files: warm runs measured${warm.check.error ? ` (lockorder check --cache not available: ${warm.check.error})` : ""}\n`);
      let server;
      if (devices <= SERVER_MAX_DEVICES) {
        // A fresh user cache: the first start is cold, the second finds what the first left.
        // (The server keeps its diagnostics in LOCKORDER_CACHE_DIR/diagnostics: none for this model before its first start.)
        const { env } = caches.freshCacheHome();
        server = await serverLatency(dir, info, SERVER_EDITS, env);
        server.userCache = folderSize(path.join(caches.codeCache, "diagnostics"));
        process.stderr.write(`${info.files} files: language server measured\n`);
      }
      rows.push({ files: info.files, devices, groups: info.groups, locks: info.locks, ...cold, warm, server, seconds: Math.round((Date.now() - sizeBegan) / 1000) });
    }
  } finally {
    caches.remove();
  }
  const seconds = Math.round((Date.now() - began) / 1000);
  const { lines, targets } = report(rows, { load, seconds, codeCache });
  const table = lines.join("\n");
  console.log(table);
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, "results", "latest.json"),
    JSON.stringify({ date: new Date().toISOString(), machine: machine(load), typescript: require("typescript/package.json").version, runs, seconds, codeCache, rows, targets }, null, 2) + "\n",
  );
  fs.writeFileSync(path.join(__dirname, "results", "latest.md"), table + "\n");
}

function machine(load) {
  return { cpus: os.cpus().length, model: os.cpus()[0].model.trim(), memoryGiB: os.totalmem() / 2 ** 30, node: process.version, loadAverageAtStart: load };
}

/** The tables, and issue 17's targets with their figures (`met` undefined: not measured). */
function report(rows, { load, seconds, codeCache }) {
  const m = machine(load);
  const int = (x) => (x === undefined ? "–" : x.toFixed(0));
  const x2 = (a, b) => (a === undefined || b === undefined ? "–" : (a / b).toFixed(2));
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const lines = [
    `machine: ${m.cpus} × ${m.model}, ${m.memoryGiB.toFixed(0)} GiB, Node ${m.node}, TypeScript ${require("typescript/package.json").version}; load average ${load.toFixed(2)} at the start; medians of ${runs} alternating runs; the whole run took ${seconds} s`,
    `caches: every lockorder process ran with LOCKORDER_CACHE_DIR (the compiler's code cache: ${codeCache.files === 0 ? "this build wrote nothing there" : `${codeCache.files} files, ${mb(codeCache.bytes)} MB`}, warmed before measuring) and XDG_CACHE_HOME in a folder of this run; cold = no --cache and, for the server, an empty XDG_CACHE_HOME`,
    "",
    "Cold, one process per run (wall ms from spawn to exit, peak RSS MB; stdout to /dev/null):",
    "",
    "| devices | files | tsc ms | tsc MB | parse ms | check ms | check MB | json ms | json MB | check/tsc time | check/tsc mem | json/tsc mem | check/parse |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.devices} | ${r.files} | ${int(r.tsc.ms)} | ${int(r.tsc.mb)} | ${int(r.parse.ms)} | ${int(r.check.ms)} | ${int(r.check.mb)} | ${int(r.json.ms)} | ${int(r.json.mb)} | ${x2(r.check.ms, r.tsc.ms)} | ${x2(r.check.mb, r.tsc.mb)} | ${x2(r.json.mb, r.tsc.mb)} | ${x2(r.check.ms, r.parse.ms)} |`),
  ];
  // Growth from 1,000 to 10,000 devices when both were measured, else smallest to largest.
  const from = rows.find((r) => r.devices === 1000) ?? rows.reduce((a, b) => (b.devices < a.devices ? b : a));
  const to = rows.find((r) => r.devices === 10000) ?? rows.reduce((a, b) => (b.devices > a.devices ? b : a));
  let growth;
  if (from !== to) {
    growth = { from: from.files, to: to.files, tsc: { time: to.tsc.ms / from.tsc.ms, memory: to.tsc.mb / from.tsc.mb }, check: { time: to.check.ms / from.check.ms, memory: to.check.mb / from.check.mb } };
    lines.push("", `Growth from ${from.files} to ${to.files} files (time / memory): tsc ${growth.tsc.time.toFixed(2)}× / ${growth.tsc.memory.toFixed(2)}×, check ${growth.check.time.toFixed(2)}× / ${growth.check.memory.toFixed(2)}×; check's growth over tsc's ${(growth.check.time / growth.tsc.time).toFixed(2)} (time)`);
  }
  lines.push(
    "",
    "Warm: `tsc -p DIR --incremental --tsBuildInfoFile TMP` against `lockorder check DIR --cache --cache-location TMP` (ms; first = the run that fills the cache, one sample; one changed = one device file's body edited before each round, a statement that takes no lock, which the early cutoff answers; lock taken = the same body edited to take its lock once more, which links and builds the graph again):",
    "",
    "| devices | files | tsc first | check first | tsc nothing changed | check nothing changed | check/tsc, nothing changed | tsc one changed | check one changed | check/tsc, one changed | tsc lock taken | check lock taken | check/tsc, lock taken | cache MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => {
      const w = r.warm;
      return `| ${r.devices} | ${r.files} | ${int(w.tsc.first.ms)} | ${int(w.check.first?.ms)} | ${int(w.tsc.nothingChanged.ms)} | ${int(w.check.nothingChanged?.ms)} | ${x2(w.check.nothingChanged?.ms, w.tsc.nothingChanged.ms)} | ${int(w.tsc.oneChanged.ms)} | ${int(w.check.oneChanged?.ms)} | ${x2(w.check.oneChanged?.ms, w.tsc.oneChanged.ms)} | ${int(w.tsc.lockTaken.ms)} | ${int(w.check.lockTaken?.ms)} | ${x2(w.check.lockTaken?.ms, w.tsc.lockTaken.ms)} | ${w.check.cacheSize ? (w.check.cacheSize.bytes / 2 ** 20).toFixed(2) : "–"} |`;
    }),
  );
  for (const r of rows) {
    const mismatch = statusMismatch(r);
    if (mismatch) lines.push("", `WARNING: ${mismatch}`);
  }
  const unavailable = rows.find((r) => r.warm.check.error);
  if (unavailable) lines.push("", `lockorder check --cache: not available: ${unavailable.warm.check.error} (\`${unavailable.warm.check.command}\`)`);
  for (const r of rows.filter((x) => x.server)) {
    const s = r.server;
    const cache = s.userCache.files === 0 ? "the first server kept no diagnostics" : `the first server kept ${s.userCache.files} files of diagnostics, ${mb(s.userCache.bytes)} MB`;
    lines.push(
      "",
      `Language server on ${r.files} files: first diagnostics (start → first publishDiagnostics) ${int(s.firstDiagnosticsMs)} ms and first analysis published ${int(s.initialMs)} ms with an empty user cache; started again with the caches the first left, first diagnostics (the kept result) ${int(s.warm.firstDiagnosticsMs)} ms, first analysis published ${int(s.warm.initialMs)} ms (${cache}). p50 / p95 ms over ${SERVER_EDITS * 2} edits of each kind: didChange → publishDiagnostics leaf ${int(s.leaf.p50)} / ${int(s.leaf.p95)}, hub ${int(s.hub.p50)} / ${int(s.hub.p95)}, hub with every device on a cycle ${int(s.cascade.p50)} / ${int(s.cascade.p95)}; hover ${s.hover.p50.toFixed(1)} / ${s.hover.p95.toFixed(1)}; code lens ${s.lens.p50.toFixed(1)} / ${s.lens.p95.toFixed(1)}; code lens resolve ${s.resolve.p50.toFixed(1)} / ${s.resolve.p95.toFixed(1)}`,
    );
  }

  // Issue 17's "Done when", figure by figure.
  const targets = [];
  const target = (what, limit, values) => targets.push({ what, limit, values, met: values.length === 0 || values.some((v) => v.value === undefined) ? undefined : values.every((v) => v.value <= limit) });
  target("cold check time / tsc time", 0.8, rows.map((r) => ({ files: r.files, value: r.check.ms / r.tsc.ms })));
  target("cold check memory / tsc memory", 1.2, rows.map((r) => ({ files: r.files, value: r.check.mb / r.tsc.mb })));
  if (growth) target(`check's time growth / tsc's, ${growth.from} → ${growth.to} files`, 1, [{ files: growth.to, value: growth.check.time / growth.tsc.time }]);
  target("check --cache, nothing changed / tsc --incremental, nothing changed", 0.25, rows.map((r) => ({ files: r.files, value: r.warm.check.nothingChanged && r.warm.check.nothingChanged.ms / r.warm.tsc.nothingChanged.ms })));
  target("check --cache, one file changed / tsc --incremental, one file changed", 0.5, rows.map((r) => ({ files: r.files, value: r.warm.check.oneChanged && r.warm.check.oneChanged.ms / r.warm.tsc.oneChanged.ms })));
  const server1000 = rows.find((r) => r.server && r.devices === 1000);
  target("server's first diagnostics with a warm user cache at 1,000 devices (ms)", 1500, server1000 ? [{ files: server1000.files, value: server1000.server.warm.firstDiagnosticsMs }] : []);
  lines.push("", "Issue 17's targets (Done when):", "");
  for (const t of targets) {
    const values = t.values.length === 0 ? "not measured at this size" : t.values.map((v) => `${v.files} files ${v.value === undefined ? "not available" : t.limit >= 100 ? v.value.toFixed(0) : v.value.toFixed(2)}`).join(", ");
    lines.push(`* ${t.what} ≤ ${t.limit}: ${values} — ${t.met === undefined ? "not measured" : t.met ? "met" : "not met"}`);
  }
  return { lines, targets };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
