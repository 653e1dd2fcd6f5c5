#!/usr/bin/env node
/**
 * Benchmark (not a test): one generated function body of N statements with nested branches,
 * loops, trylocks, switch and try/finally, analysed by the flow walk. Prints the time of each
 * phase, median of several runs. Usage: node bench/flow-body.js [statements=5000] [runs=7]
 */
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { analyzePaths } = require("../analyzer/dist/src/index.js");

const statements = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);

function generate(n) {
  const lines = [
    'import { defineLock, lock, unlock, tryLock } from "lockorder";',
    "declare function cond(i: number): boolean;",
    "declare function work(i: number): void;",
    'const a = defineLock("a");',
    'const b = defineLock("b");',
    'const c = defineLock("c", { kind: "spinlock" });',
    "export function big(xs: number[]): void {",
  ];
  let count = 0;
  // Each block is 10 statements counted at every nesting level.
  const blocks = [
    (i) => [`if (cond(${i})) {`, `  lock(a);`, `  work(${i});`, `  unlock(a);`, `} else {`, `  for (const x of xs) {`, `    if (cond(x)) { lock(b); work(x); unlock(b); }`, `  }`, `}`],
    (i) => [`while (cond(${i})) {`, `  if (!tryLock(c)) continue;`, `  work(${i});`, `  unlock(c);`, `  if (cond(${i + 1})) break;`, `}`],
    (i) => [`switch (xs[${i % 7}]) {`, `  case 1: lock(a); work(1); unlock(a); break;`, `  case 2: work(2);`, `  default: lock(b); unlock(b);`, `}`],
    (i) => [`lock(a);`, `try {`, `  if (cond(${i})) { work(${i}); } else { lock(b); work(0); unlock(b); }`, `} finally {`, `  unlock(a);`, `}`],
  ];
  for (let i = 0; count < n; i++) {
    const block = blocks[i % blocks.length](i);
    lines.push(...block.map((l) => "  " + l));
    count += 10;
  }
  lines.push("}");
  return { text: lines.join("\n"), count };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-bench-flow-"));
const { text, count } = generate(statements);
const file = path.join(dir, "big.ts");
fs.writeFileSync(file, text);
const samples = [];
for (let r = 0; r < runs; r++) {
  const started = performance.now();
  const result = analyzePaths([file]);
  samples.push({ total: performance.now() - started, ...result.details.stats.phases, diagnostics: result.diagnostics.length });
}
const median = (key) => samples.map((s) => s[key]).sort((x, y) => x - y)[Math.floor(samples.length / 2)];
const lineCount = text.split("\n").length;
console.log(`flow-body: ~${count} statements (${lineCount} lines) in one function, ${runs} runs, medians:`);
for (const key of [...Object.keys(samples[0]).filter((k) => k !== "total" && k !== "diagnostics"), "total"]) console.log(`  ${key.padEnd(12)} ${median(key).toFixed(1)} ms`);
console.log(`  diagnostics  ${samples[0].diagnostics}`);
