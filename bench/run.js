#!/usr/bin/env node
/**
 * The benchmark (a script, never a timed test): on generated driver models of several sizes, in
 * one run and side by side: `tsc --noEmit` with the TypeScript that ts-morph bundles (6.0.x), parsing
 * alone (the floor), `lockorder check` cold, and the language server (didChange of a one-line
 * edit to the publishDiagnostics that reflects it, in a leaf file and in a file every device
 * calls; hover and code-lens latency). Prints a table with the ratios and writes it as JSON.
 * Usage: node bench/run.js [sizes=100,1000,3000] [runs=3]  (npm run bench)
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { generate } = require("./generate");
const { serverLatency } = require("./server-latency");

const REPO = path.resolve(__dirname, "..");
const sizes = (process.argv[2] ?? "100,1000,3000").split(",").map(Number);
const runs = Number(process.argv[3] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(script, args, cwd) {
  const r = spawnSync(process.execPath, [path.join(__dirname, "measure.js"), script, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const m = /MEASURE ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`${script} failed: ${r.stderr.slice(-2000)}`);
  return { ms: Number(m[1]), mb: Number(m[2]) / 1024 };
}

function repeat(script, args, cwd) {
  const samples = Array.from({ length: runs }, () => measure(script, args, cwd));
  return { ms: median(samples.map((s) => s.ms)), mb: median(samples.map((s) => s.mb)) };
}

async function main() {
  const rows = [];
  for (const files of sizes) {
    const dir = path.join(os.tmpdir(), `lockorder-bench-${files}`);
    const info = generate(dir, files);
    // The model type-checks against the lockorder module of this repository.
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
    const tsc = repeat(path.join(REPO, "node_modules/typescript/bin/tsc"), ["-p", dir], dir);
    const parse = repeat(path.join(__dirname, "parse-only.js"), [dir], dir);
    const check = repeat(path.join(REPO, "analyzer/bin/lockorder.js"), ["check", dir], dir);
    const server = files <= 1000 ? await serverLatency(dir, info, 50) : undefined;
    rows.push({ files: info.files, locks: info.locks, tsc, parse, check, server });
    process.stderr.write(`measured ${info.files} files\n`);
  }
  const fmt = (x) => x.toFixed(0).padStart(7);
  const ratio = (a, b) => (a / b).toFixed(2).padStart(5);
  const lines = [
    `machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${runs} runs`,
    "",
    "| files | tsc ms | tsc MB | parse ms | check ms | check MB | check/tsc time | check/tsc mem | check/parse |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.files} | ${fmt(r.tsc.ms)} | ${fmt(r.tsc.mb)} | ${fmt(r.parse.ms)} | ${fmt(r.check.ms)} | ${fmt(r.check.mb)} | ${ratio(r.check.ms, r.tsc.ms)} | ${ratio(r.check.mb, r.tsc.mb)} | ${ratio(r.check.ms, r.parse.ms)} |`),
  ];
  const growth = rows.length >= 2 ? rows[rows.length - 1].check.ms / rows[rows.length - 2].check.ms : undefined;
  if (growth !== undefined) lines.push("", `growth of check from ${rows[rows.length - 2].files} to ${rows[rows.length - 1].files} files: ${growth.toFixed(2)}×`);
  for (const r of rows.filter((x) => x.server)) {
    const s = r.server;
    lines.push(
      "",
      `language server on ${r.files} files (p50 / p95 ms over 100 edits of each kind): initial analysis ${s.initialMs.toFixed(0)}; didChange → publishDiagnostics leaf ${s.leaf.p50.toFixed(0)} / ${s.leaf.p95.toFixed(0)}, hub ${s.hub.p50.toFixed(0)} / ${s.hub.p95.toFixed(0)}, hub with every device on a cycle ${s.cascade.p50.toFixed(0)} / ${s.cascade.p95.toFixed(0)}; hover ${s.hover.p50.toFixed(1)} / ${s.hover.p95.toFixed(1)}; code lens ${s.lens.p50.toFixed(1)} / ${s.lens.p95.toFixed(1)}; code lens resolve ${s.resolve.p50.toFixed(1)} / ${s.resolve.p95.toFixed(1)}`,
    );
  }
  const table = lines.join("\n");
  console.log(table);
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "latest.json"), JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0].model, memoryGiB: os.totalmem() / 2 ** 30, node: process.version }, runs, rows, growth }, null, 2) + "\n");
  fs.writeFileSync(path.join(__dirname, "results", "latest.md"), table + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
