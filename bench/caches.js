/**
 * The caches the benchmark's Lockorder processes see, so that every figure says which caches it
 * assumes and none depends on what earlier runs left in the user's cache folders.
 * Owns: one temporary folder per benchmark run; `LOCKORDER_CACHE_DIR` (the V8 code cache of the
 * compiler bundle) there, warmed once before anything is measured; `XDG_CACHE_HOME` there (the
 * user cache folder, where the language server keeps its summary cache), a fresh one per cold
 * server start; the warm-up itself, on a small model of its own.
 * Must not: measure anything, or touch the user's own cache folders.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { generate } = require("./generate");

const REPO = path.resolve(__dirname, "..");

/** A temporary folder for this run's caches and the environment of every measured child. */
function benchCaches() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-bench-caches-"));
  const codeCache = path.join(root, "code-cache");
  const env = { ...process.env, LOCKORDER_CACHE_DIR: codeCache, XDG_CACHE_HOME: path.join(root, "xdg") };
  let fresh = 0;
  return {
    root,
    codeCache,
    env,
    /** An environment whose XDG_CACHE_HOME is a new, empty folder (a cold user cache). */
    freshCacheHome() {
      const home = path.join(root, `xdg-${++fresh}`);
      fs.mkdirSync(home, { recursive: true });
      return { home, env: { ...env, XDG_CACHE_HOME: home } };
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Warms the code cache: one `lockorder check` (with the environment of the measured checks) and
 * one language-server start (with a user cache of its own) on a model of 20 devices in a folder
 * of its own, so that no summary of a measured model is cached.
 */
async function warmCodeCache(caches) {
  const { startServer } = require("./server-latency");
  const dir = path.join(caches.root, "warm-up");
  generate(dir, 20);
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  const r = spawnSync(process.execPath, [path.join(REPO, "analyzer/bin/lockorder.js"), "check", dir], { cwd: dir, env: caches.env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`lockorder check ${dir} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const server = await startServer(dir, caches.freshCacheHome().env);
  await server.stop();
}

/** Files and bytes under a folder (0 and 0 when it does not exist). */
function folderSize(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  if (fs.existsSync(dir)) {
    if (fs.statSync(dir).isDirectory()) walk(dir);
    else return { files: 1, bytes: fs.statSync(dir).size };
  }
  return { files, bytes };
}

module.exports = { benchCaches, warmCodeCache, folderSize };
