/**
 * Outputs stay linear in the result and escape what they embed (issue 11, items 5 and 8), through
 * the CLI as a process on models generated in a temp folder: a 1,000- and a 2,000-lock cycle in
 * every `check` format (bounded time, size and message length, parseable output, exit 1), a reader
 * that stops early (and, in process, JSON and SARIF writers that build no more records once their
 * reader has gone), did-you-mean over thousands of unknown names, and lock names and a file name
 * built to break Markdown, Mermaid, DOT, SVG, SARIF and terminals.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { editDistance, FULL_CYCLE_LENGTH } from "../src/diagnostics";
import { analyzePaths, toJson, type AnalysisResult } from "../src/index";
import { mdCode, mdFence } from "../src/output/escape";
import { jsonOutput } from "../src/output/json";
import { sarifOutput } from "../src/output/sarif";
import { collect, StreamWriter } from "../src/output/stream";
import { REPO_ROOT } from "./paths";

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");
const HEAD = 'import { defineLock, lock, unlock } from "lockorder";';

function tempModel(prefix: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs the CLI as a process; fails the test if it does not finish within `timeout` ms. */
function cli(args: string[], cwd: string, timeout = 120_000): { status: number | null; stdout: string; stderr: string; ms: number } {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout, maxBuffer: 256 << 20 });
  assert.equal(r.error, undefined, `lockorder ${args.join(" ")} did not finish: ${r.error}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start };
}

/** A cycle lock_0 → lock_1 → … → lock_{n-1} → lock_0, one edge per function. */
function cycleModel(n: number): string {
  const lines = [HEAD];
  for (let i = 0; i < n; i++) lines.push(`const l${i} = defineLock("lock_${i}");`);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    lines.push(`export function f${i}(): void { lock(l${i}); lock(l${j}); unlock(l${j}); unlock(l${i}); }`);
  }
  return lines.join("\n") + "\n";
}

interface JsonDoc {
  diagnostics: { code: string; message: string; related: { message: string }[] }[];
  cycles: string[][];
}

for (const n of [1000, 2000]) {
  describe(`a ${n}-lock cycle`, () => {
    let dir = "";
    before(() => (dir = tempModel("lockorder-cycle-", { "cycle.ts": cycleModel(n) })));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const chain = new RegExp(
      `^possible deadlock: acquiring mutex 'lock_1' while holding 'lock_0'; elsewhere 'lock_2' is acquired while holding 'lock_1', … ${n - 3} more …, and 'lock_0' while holding 'lock_${n - 1}' \\(cycle lock_0 → lock_1 → … ${n - 3} more … → lock_${n - 1} → lock_0\\)$`,
    );

    test("JSON: the message names the ends and the length, related information is capped, the chain is listed once", () => {
      const r = cli(["check", "--format", "json", "cycle.ts"], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, "");
      assert.ok(r.stdout.length < 4000 * n, `${r.stdout.length} bytes for ${n} locks`);
      const doc = JSON.parse(r.stdout) as JsonDoc;
      assert.deepEqual(doc.cycles, [Array.from({ length: n }, (_, i) => `lock_${i}`)]);
      assert.equal(doc.diagnostics.length, n);
      assert.match(doc.diagnostics[0].message, chain);
      for (const d of doc.diagnostics) {
        assert.equal(d.code, "lock-order-inversion");
        assert.ok(d.message.length < 300, d.message);
        assert.equal(d.related.length, FULL_CYCLE_LENGTH);
        assert.equal(d.related.at(-1)!.message, `… and ${n - FULL_CYCLE_LENGTH} more edges on this cycle (see the cycles list)`);
      }
    });

    test("SARIF: parseable, one result per diagnostic, related locations capped", () => {
      const r = cli(["check", "--format", "sarif", "cycle.ts"], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.length < 8000 * n, `${r.stdout.length} bytes for ${n} locks`);
      const results = (JSON.parse(r.stdout) as { runs: { results: { message: { text: string }; relatedLocations: unknown[] }[] }[] }).runs[0].results;
      assert.equal(results.length, n);
      for (const result of results) {
        assert.ok(result.message.text.length < 300);
        assert.equal(result.relatedLocations.length, FULL_CYCLE_LENGTH);
      }
    });

    test("text: one line per diagnostic, and a cycle report naming the ends and the first edges", () => {
      const r = cli(["check", "cycle.ts"], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.length < 1000 * n, `${r.stdout.length} bytes for ${n} locks`);
      const lines = r.stdout.split("\n");
      assert.equal(lines.filter((l) => l.endsWith("[lock-order-inversion]")).length, n);
      assert.ok(Math.max(...lines.map((l) => l.length)) < 400);
      assert.ok(lines.includes(`possible circular locking dependency: lock_0 → lock_1 → … ${n - 3} more … → lock_${n - 1} → lock_0`));
      assert.ok(lines.includes(`  … and ${n - FULL_CYCLE_LENGTH + 1} more edges on this cycle (see the cycles list)`));
      assert.ok(lines.includes(`${n} errors, 0 warnings in 1 file`));
    });
  });
}

test("a reader that stops early (`| head`) ends the output without an error or a stack trace", async () => {
  const dir = tempModel("lockorder-pipe-", { "cycle.ts": cycleModel(1000) });
  try {
    const child = spawn(process.execPath, [BIN, "check", "--format", "json", "cycle.ts"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    const first = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString())));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    clearTimeout(timer);
    assert.match(first, /^\{\n/);
    assert.equal(stderr, "");
    assert.equal(status, 1, "the exit status still says errors were found");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe("JSON and SARIF are produced as they are written", () => {
  let dir = "";
  let result: AnalysisResult;
  before(() => {
    dir = tempModel("lockorder-records-", { "cycle.ts": cycleModel(1000) });
    result = analyzePaths([path.join(dir, "cycle.ts")], { cwd: dir });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** An output's chunks, counting the characters produced so far. */
  function counted(chunks: Iterable<string>): { produced: () => number; chunks: Iterable<string> } {
    let chars = 0;
    return {
      produced: () => chars,
      chunks: (function* () {
        for (const chunk of chunks) {
          chars += chunk.length;
          yield chunk;
        }
      })(),
    };
  }

  const outputs: Record<string, () => Iterable<string>> = { json: () => jsonOutput(result), sarif: () => sarifOutput(result, "0.1.0", dir) };
  for (const [format, output] of Object.entries(outputs)) {
    test(`${format}: a reader that closes after the first write gets no more, and no more records are built`, async () => {
      const whole = collect(output()).length;
      const stream = { destroyed: false, writes: 0, write: () => ((stream.writes += 1), (stream.destroyed = true)) };
      const { produced, chunks } = counted(output());
      await new StreamWriter(stream).write(chunks);
      assert.equal(stream.writes, 1);
      assert.ok(produced() < whole / 4, `${produced()} of ${whole} characters produced`);
    });

    test(`${format}: a reader that closes while the writer waits for it to drain ends the output`, async () => {
      const stream = Object.assign(new EventEmitter(), {
        destroyed: false,
        writes: 0,
        write(): boolean {
          stream.writes += 1;
          // Full: the reader goes instead of draining it.
          setImmediate(() => ((stream.destroyed = true), stream.emit("close")));
          return false;
        },
      });
      const whole = collect(output()).length;
      const { produced, chunks } = counted(output());
      await new StreamWriter(stream).write(chunks);
      assert.equal(stream.writes, 1);
      assert.ok(produced() < whole / 4, `${produced()} of ${whole} characters produced`);
      assert.equal(stream.listenerCount("drain") + stream.listenerCount("close"), 0, "no listener left behind");
    });
  }

  test("result.functions, read after the JSON was written, is the list the JSON has; the JSON from the list is the same", () => {
    const fresh = analyzePaths([path.join(dir, "cycle.ts")], { cwd: dir });
    const written = toJson(fresh);
    assert.equal(fresh.functions.length, 1000);
    assert.deepEqual(JSON.parse(written).functions, fresh.functions);
    assert.equal(toJson(fresh), written);
  });
});

describe("did-you-mean", () => {
  /** The suggestion rule, naively: the first candidate closest within max(2, ⌊length/3⌋) edits. */
  function naive(word: string, candidates: readonly string[]): string | undefined {
    const full = (a: string, b: string) => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length];
    };
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const c of candidates) {
      const d = full(word.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return best;
  }

  test("the bounded edit distance is exact within its limit", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const word = () => Array.from({ length: Math.floor(random() * 12) }, () => "abc"[Math.floor(random() * 3)]).join("");
    for (let k = 0; k < 3000; k++) {
      const [a, b, limit] = [word(), word(), Math.floor(random() * 5)];
      const exact = editDistance(a, b);
      const bounded = editDistance(a, b, limit);
      if (exact <= limit) assert.equal(bounded, exact, `${a} ${b} ${limit}`);
      else assert.ok(bounded > limit, `${a} ${b} ${limit}`);
    }
  });

  test("suggestions on a small model are the naive rule's", () => {
    const locks = ["kvm->lock", "matrix_dev->guests_lock", "matrix_dev->mdevs_lock", "ap_perms_mutex", "Group_Lock", "a", "ab"];
    const unknown = ["kvm->lokc", "matrix_dev->guest_lock", "matrix_dev->mdev_lock", "ap_perms_mutx", "group_lock", "b", "zz", "kvm", "totally_else", "AP_PERMS_MUTEX_X"];
    const lines = [HEAD, ...locks.map((l, i) => `const l${i} = defineLock(${JSON.stringify(l)});`), "export function f(): void {"];
    for (const u of unknown) lines.push(`  lock(${JSON.stringify(u)}); unlock(${JSON.stringify(u)});`);
    lines.push("}");
    const dir = tempModel("lockorder-dym-", { "m.ts": lines.join("\n") + "\n" });
    try {
      const doc = JSON.parse(cli(["check", "--format", "json", "m.ts"], dir).stdout) as JsonDoc;
      const messages = doc.diagnostics.filter((d) => d.code === "unknown-lock").map((d) => d.message);
      const expected = unknown.flatMap((u) => {
        const s = naive(u, locks);
        return Array(2).fill(`'${u}' is not a declared lock` + (s ? `; did you mean '${s}'?` : ""));
      });
      assert.deepEqual(messages, expected);
      assert.ok(messages.some((m) => m.includes("did you mean 'kvm->lock'")), "the rule does suggest");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("2,000 locks × 5,000 distinct unknown names finish quickly, with the right suggestions", () => {
    const locks = 2000;
    const names = 5000;
    const lines = [HEAD];
    for (let i = 0; i < locks; i++) lines.push(`const l${i} = defineLock("lock_${i}");`);
    lines.push("export function f(): void {");
    for (let i = 0; i < names; i++) lines.push(`  lock("lokc_${i}"); unlock("lokc_${i}");`);
    lines.push("}");
    const dir = tempModel("lockorder-dym-", { "m.ts": lines.join("\n") + "\n" });
    try {
      const r = cli(["check", "--format", "json", "m.ts"], dir, 90_000);
      assert.ok(r.ms < 45_000, `${r.ms} ms`);
      const unknown = (JSON.parse(r.stdout) as JsonDoc).diagnostics.filter((d) => d.code === "unknown-lock");
      assert.equal(unknown.length, 2 * names);
      for (let i = 0; i < locks; i++) assert.equal(unknown[2 * i].message, `'lokc_${i}' is not a declared lock; did you mean 'lock_${i}'?`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("names that would break an output are escaped", () => {
  const ESC = "\u001b";
  const NAMES = ["a`b", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", 'q"uote|pipe', `${ESC}[31mred${ESC}[0m`, "``lead", "x & y &lt; z"];
  const FILE = "a #b ü.ts";
  let dir = "";
  before(() => {
    const lines = [HEAD, ...NAMES.map((n, i) => `const l${i} = defineLock(${JSON.stringify(n)});`)];
    NAMES.forEach((_, i) => {
      const j = (i + 1) % NAMES.length;
      lines.push(`export function f${i}(): void { lock(l${i}); lock(l${j}); unlock(l${j}); unlock(l${i}); }`);
    });
    dir = tempModel("lockorder-escape-", { [FILE]: lines.join("\n") + "\n" });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** CommonMark code spans of a line: their contents, and the text outside them. */
  function codeSpans(line: string): { spans: string[]; outside: string } {
    const spans: string[] = [];
    let outside = "";
    let i = 0;
    while (i < line.length) {
      const open = /`+/.exec(line.slice(i));
      if (!open) break;
      outside += line.slice(i, i + open.index);
      const start = i + open.index + open[0].length;
      const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`).exec(line.slice(start));
      assert.ok(close, `an unclosed code span in: ${line}`);
      const content = line.slice(start, start + close.index);
      spans.push(/^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content);
      i = start + close.index + open[0].length;
    }
    return { spans, outside: outside + line.slice(i) };
  }

  test("Markdown helpers: code spans longer than any backtick run, fences no line can close", () => {
    assert.equal(mdCode("a`b"), "``a`b``");
    assert.equal(mdCode("``lead"), "``` ``lead ```");
    assert.deepEqual(codeSpans(`x ${mdCode("a ``` b`")} y`).spans, ["a ``` b`"]);
    assert.deepEqual(mdFence("text", ["```", "ok"]), ["````text", "```", "ok", "````"]);
  });

  test("lockorder doc: every name in a balanced code span, no live HTML, no ESC byte", () => {
    const r = cli(["doc", FILE], dir);
    assert.equal(r.stderr, "");
    assert.ok(!r.stdout.includes(ESC));
    const spans = new Set<string>();
    let fence: string | undefined;
    for (const line of r.stdout.split("\n")) {
      const marker = /^(`{3,})(\w*)$/.exec(line);
      if (fence !== undefined) {
        if (marker && marker[1] === fence && marker[2] === "") fence = undefined;
        continue;
      }
      if (marker) {
        fence = marker[1];
        continue;
      }
      const { spans: found, outside } = codeSpans(line);
      found.forEach((s) => spans.add(s));
      assert.doesNotMatch(outside, /<(script|img)/i, line);
    }
    assert.equal(fence, undefined, "every fence is closed");
    for (const name of NAMES) assert.ok(spans.has(name.replace(/\u001b/g, "\\x1b")), `${JSON.stringify(name)} is shown in a code span`);
    assert.match(r.stdout, /^\| 1 \| `q"uote\\\|pipe` \|/m, "a | in a table cell is escaped");
    assert.match(r.stdout, /^\| 1 \| ``a`b`` \| mutex \| — \| a \\#b ü\.ts:2 \|$/m);
  });

  test("graph --format mermaid: quoted labels with entity codes, no HTML, no backticks", () => {
    const r = cli(["graph", "--format", "mermaid", FILE], dir);
    const nodes = r.stdout.split("\n").filter((l) => /^ {2}l\d+\[/.test(l));
    assert.equal(nodes.length, NAMES.length);
    for (const node of nodes) assert.match(node, /^ {2}l\d+\["[^"`<]*<br\/>[^"`<]*"\]$/);
    assert.ok(r.stdout.includes('l3["q#quot;uote|pipe<br/>'));
    assert.ok(r.stdout.includes('l1["#lt;script>alert(1)#lt;/script><br/>'));
    assert.ok(!r.stdout.includes(ESC));
  });

  test("graph --format dot and svg: quoted ids and labels; Graphviz escapes the SVG", () => {
    const dot = cli(["graph", FILE], dir).stdout;
    const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
    const nodes = dot.split("\n").filter((l) => /\[id="lock\d+"/.test(l));
    assert.equal(nodes.length, NAMES.length);
    for (const node of nodes) assert.match(node, new RegExp(`^  ${quoted} \\[id="lock\\d+", label=${quoted}[,\\]]`));
    assert.ok(dot.includes(String.raw`"q\"uote|pipe" [id=`));
    assert.ok(dot.includes('"x &amp; y &amp;lt; z" [id='), "Graphviz would decode an entity in a name");
    assert.ok(!dot.includes(ESC));
    const svg = cli(["graph", "--format", "svg", FILE], dir).stdout;
    assert.match(svg, /<\/svg>\s*$/);
    assert.doesNotMatch(svg, /<(script|img)/i);
    assert.ok(svg.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(svg.includes("x &amp; y &amp;lt; z"));
    assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, "no control character (not XML)");
  });

  test("text and order: control characters as escapes, one line per diagnostic", () => {
    const text = cli(["check", FILE], dir);
    assert.equal(text.status, 1);
    assert.ok(!text.stdout.includes(ESC));
    assert.ok(text.stdout.includes(String.raw`'\x1b[31mred\x1b[0m'`));
    const json = JSON.parse(cli(["check", "--format", "json", FILE], dir).stdout) as JsonDoc;
    assert.equal(text.stdout.split("\n").filter((l) => l.startsWith(`${FILE}:`)).length, json.diagnostics.length);
    const order = cli(["order", FILE], dir).stdout;
    assert.ok(!order.includes(ESC));
    assert.ok(order.includes(String.raw`\x1b[31mred\x1b[0m  (mutex)`));
  });

  test("SARIF: artifact URIs percent-encode each path segment", () => {
    const r = cli(["check", "--format", "sarif", FILE], dir);
    const uris = new Set([...r.stdout.matchAll(/"uri": "([^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith("file:")));
    assert.deepEqual([...uris], ["a%20%23b%20%C3%BC.ts"]);
  });
});
