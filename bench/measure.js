#!/usr/bin/env node
/**
 * Runs a Node program in this process and reports its wall time and peak memory (max RSS) on
 * stderr as `MEASURE <ms> <kB>`: one child per measured run, for bench/run.js.
 * Usage: node bench/measure.js SCRIPT [ARGS…]
 */
"use strict";
const path = require("node:path");
const started = performance.now();
process.on("exit", () => {
  process.stderr.write(`\nMEASURE ${(performance.now() - started).toFixed(1)} ${process.resourceUsage().maxRSS}\n`);
});
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
