#!/usr/bin/env node
/**
 * Benchmark (not a test): the language server on a generated model. Measures, over repeated
 * one-line edits, the time from didChange to the publishDiagnostics that reflects it, for an edit
 * in a leaf device file and in the hub file every device calls (once with an edit that closes one
 * cycle, once with one that puts every device on a cycle); then hover and code-lens latency; then,
 * once that server has ended, the first diagnostics of a second server started on the same model
 * with the user cache the first left (XDG_CACHE_HOME, where the server keeps its summary cache).
 * Run alone, it starts from a fresh XDG_CACHE_HOME and a warmed LOCKORDER_CACHE_DIR (caches.js).
 * Usage: node bench/server-latency.js [files=1000] [edits=20]
 * To profile the server: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (Node's
 * options for the server process; NODE_OPTIONS does not take --cpu-prof). BENCH_SAMPLES=1 prints
 * every sample.
 */
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require("vscode-languageserver-protocol/node");
const { generate } = require("./generate");

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const stats = (xs) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });

/**
 * Starts the language server on a folder (`env`: its environment, for the caches it may use) and
 * waits for its first analysis to be published. `initialMs` is the time from the spawn to the
 * answer of lockorder/waitForIdle (the first analysis published), `firstDiagnosticsMs` the time
 * to the first publishDiagnostics.
 */
async function startServer(dir, env = process.env) {
  const started = performance.now();
  const server = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), path.join(__dirname, "../server/bin/lockorder-server.js"), "--stdio"], { stdio: ["pipe", "pipe", "inherit"], env });
  const exited = new Promise((resolve) => server.on("exit", resolve));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiters = new Map();
  let firstPublished;
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    firstPublished ??= performance.now();
    const w = waiters.get(p.uri);
    if (w && w.test(p.diagnostics)) {
      waiters.delete(p.uri);
      w.resolve(performance.now());
    }
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "bench" }],
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  await connection.sendNotification("initialized", {});
  await connection.sendRequest("lockorder/waitForIdle");
  const initialMs = performance.now() - started;
  const firstDiagnosticsMs = firstPublished === undefined ? undefined : firstPublished - started;
  /** Shuts the server down and waits for its process to end (so that it has written its caches). */
  const stop = async () => {
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    await exited;
    connection.dispose();
  };
  return { connection, waiters, initialMs, firstDiagnosticsMs, stop };
}

/**
 * Measures the server on a generated model (see generate.js); `edits` edits of each kind. Then,
 * once that server has ended, starts a second one on the same model with the same environment
 * (its user cache as the first left it) and measures its first analysis: `warm`.
 */
async function serverLatency(dir, info, edits, env = process.env) {
  const { connection, waiters, initialMs, firstDiagnosticsMs, stop } = await startServer(dir, env);

  const versions = new Map();
  const measure = async (file, makeInverted) => {
    const uri = pathToFileURL(file).href;
    const original = fs.readFileSync(file, "utf8");
    const inverted = makeInverted(original);
    if (!versions.has(uri)) {
      versions.set(uri, 1);
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: original } });
    }
    let version = versions.get(uri);
    await connection.sendRequest("lockorder/waitForIdle");
    const samples = [];
    for (let i = 0; i < edits * 2; i++) {
      const toInverted = i % 2 === 0;
      const published = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no publishDiagnostics ${toInverted ? "with" : "without"} an inversion in ${path.basename(file)} within 60 s`)), 60_000);
        waiters.set(uri, { test: (d) => d.some((x) => x.code === "lock-order-inversion") === toInverted, resolve: (t) => (clearTimeout(timer), resolve(t)) });
      });
      const sent = performance.now();
      await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text: toInverted ? inverted : original }] });
      samples.push((await published) - sent);
    }
    versions.set(uri, version);
    if (process.env.BENCH_SAMPLES) console.error(`${path.basename(file)}: ${[...samples].sort((a, b) => a - b).map((x) => x.toFixed(0)).join(" ")}`);
    return { uri, samples };
  };
  // A leaf device file: a one-line edit in a body takes its two @acquires locks the other way
  // round (toggle() holds them in order; the edit reverses them there).
  const leaf = path.join(dir, `dev${info.devices - 1}.ts`);
  const leafText = fs.readFileSync(leaf, "utf8");
  const [, a, b] = /@acquires\((L\d+), (L\d+)\)/.exec(leafText);
  const leafResult = await measure(leaf, (t) => t.replace("  helper(): void {\n", `  helper(): void {\n    lock(${b}); lock(${a}); unlock(${a}); unlock(${b});\n`));
  // The hub every device calls: a one-line edit in a body takes, while holding the hub's lock, a
  // lock a few devices hold when they call the hub. What every device may acquire through the hub
  // changes (all their edges are recomputed); one short cycle appears.
  const hubResult = await measure(info.hub, (t) => t.replace(`  unlock(${info.hubLock});`, `  lock(${info.hubPeer}); unlock(${info.hubPeer});\n  unlock(${info.hubLock});`));
  // The same, taking the first lock of the order instead: every device's call of the hub joins a
  // cycle, and thousands of diagnostics appear and go with each edit.
  const cascadeResult = await measure(info.hub, (t) => t.replace(`  unlock(${info.hubLock});`, `  lock(L0); unlock(L0);\n  unlock(${info.hubLock});`));

  // Hovers and lenses on the leaf file, after it settled.
  await connection.sendRequest("lockorder/waitForIdle");
  const lines = leafText.split("\n");
  const hoverLine = lines.findIndex((l) => l.includes("lock(")) ;
  const hover = [];
  const lens = [];
  const resolve = [];
  for (let i = 0; i < edits * 2; i++) {
    let t = performance.now();
    await connection.sendRequest("textDocument/hover", { textDocument: { uri: leafResult.uri }, position: { line: hoverLine, character: lines[hoverLine].indexOf("lock(") + 6 } });
    hover.push(performance.now() - t);
    t = performance.now();
    const lenses = await connection.sendRequest("textDocument/codeLens", { textDocument: { uri: leafResult.uri } });
    lens.push(performance.now() - t);
    for (const l of lenses) {
      t = performance.now();
      await connection.sendRequest("codeLens/resolve", l);
      resolve.push(performance.now() - t);
    }
  }
  await stop();
  const second = await startServer(dir, env);
  await second.stop();
  const warm = { initialMs: second.initialMs, firstDiagnosticsMs: second.firstDiagnosticsMs };
  return { initialMs, firstDiagnosticsMs, warm, leaf: stats(leafResult.samples), hub: stats(hubResult.samples), cascade: stats(cascadeResult.samples), hover: stats(hover), lens: stats(lens), resolve: stats(resolve) };
}

module.exports = { serverLatency, startServer };

if (require.main === module) {
  const files = Number(process.argv[2] ?? 1000);
  const edits = Number(process.argv[3] ?? 20);
  const dir = path.join(os.tmpdir(), `lockorder-bench-server-${files}`);
  const info = generate(dir, files);
  const { benchCaches, warmCodeCache } = require("./caches");
  const caches = benchCaches();
  warmCodeCache(caches)
    .then(() => serverLatency(dir, info, edits, caches.freshCacheHome().env))
    .then((r) => {
      const row = (name, s) => `  ${name.padEnd(34)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms`;
      console.log(`server latency on a generated model of ${info.files} files, ${info.locks} locks (${edits * 2} edits each):`);
      console.log(`  initial load and analysis          ${r.initialMs.toFixed(0)} ms`);
      console.log(`  … again, the user cache warm       ${r.warm.initialMs.toFixed(0)} ms`);
      console.log(row("didChange → publishDiagnostics, leaf", r.leaf));
      console.log(row("didChange → publishDiagnostics, hub", r.hub));
      console.log(row("… hub, every device on a cycle", r.cascade));
      console.log(row("hover", r.hover));
      console.log(row("code lens (list)", r.lens));
      console.log(row("code lens resolve", r.resolve));
    })
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => caches.remove());
}
