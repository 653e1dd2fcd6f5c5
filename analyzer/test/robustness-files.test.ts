/**
 * Files are read safely (issue 11, item 3): each class of file that cannot or must not be read,
 * generated in a temp folder next to a file with a real ABBA deadlock, through `lockorder check
 * --format json` as a process. The run ends within a bound, the deadlock is still found, the bad
 * file (or folder, or tsconfig) has its diagnostic at line 1 or at the compiler's position, and
 * the exit status is honest: 1 for analysis-incomplete, 2 for a config-error.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "./paths";
import { makePathTooLong, writeDeadlockModel } from "../src/testing";

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");
const MiB = 1024 * 1024;

interface Doc {
  diagnostics: { file: string; line: number; column: number; code: string; message: string }[];
}

/** A temp folder with locks.ts and abba.ts (the deadlock); `setup` adds the bad input. */
async function withModel(setup: (dir: string) => void | Promise<void>, run: (dir: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-files-"));
  try {
    writeDeadlockModel(dir);
    await setup(dir);
    run(dir);
  } finally {
    // rm copes with paths longer than PATH_MAX (the deep folder below); fs.rmSync does not.
    execFileSync("rm", ["-rf", dir]);
  }
}

function check(dir: string, args: string[] = [], format = "json"): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, "check", "--format", format, ...args, "."], { cwd: dir, encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
  assert.equal(r.error, undefined, `the run did not finish: ${r.error}`);
  return r;
}

/** Runs the CLI and asserts what every case shares; returns the diagnostics of `file`. */
function checkBeside(dir: string, file: string, status: 1 | 2, args: string[] = []): Doc["diagnostics"] {
  const r = check(dir, args);
  assert.equal(r.status, status, r.stderr);
  const doc = JSON.parse(r.stdout) as Doc;
  const inversions = doc.diagnostics.filter((d) => d.code === "lock-order-inversion").map((d) => `${d.file}:${d.line}`);
  assert.deepEqual(inversions, ["abba.ts:3", "abba.ts:4"], "the deadlock in the good file is still found");
  return doc.diagnostics.filter((d) => d.file === file);
}

function assertNotRead(diagnostics: Doc["diagnostics"], message: RegExp): void {
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [d] = diagnostics;
  assert.equal(d.code, "analysis-incomplete");
  assert.equal(`${d.line}:${d.column}`, "1:1");
  assert.match(d.message, message);
}

function linkToFolder(dir: string): void {
  fs.mkdirSync(path.join(dir, "sub"));
  fs.symlinkSync("sub", path.join(dir, "folder.ts"));
}

describe("files that are not regular files are refused, never opened", () => {
  const cases: [string, string, (dir: string) => void | Promise<void>, RegExp][] = [
    ["a symbolic link to /dev/zero", "zero.ts", (dir) => fs.symlinkSync("/dev/zero", path.join(dir, "zero.ts")), /^not analysed: 'zero\.ts' \(a symbolic link to '\/dev\/zero'\) is a character device, not a regular file$/],
    ["a FIFO", "fifo.ts", (dir) => void execFileSync("mkfifo", [path.join(dir, "fifo.ts")]), /^not analysed: 'fifo\.ts' is a FIFO, not a regular file$/],
    ["a dangling symbolic link", "dangling.ts", (dir) => fs.symlinkSync("nowhere.ts", path.join(dir, "dangling.ts")), /^not analysed: dangling symbolic link to 'nowhere\.ts'$/],
    ["a symbolic link loop", "loop.ts", (dir) => fs.symlinkSync("loop.ts", path.join(dir, "loop.ts")), /^not analysed: symbolic link loop/],
    ["a symbolic link to a folder", "folder.ts", (dir) => linkToFolder(dir), /^not analysed: 'folder\.ts' \(a symbolic link to 'sub'\) is a directory, not a regular file$/],
  ];
  for (const [name, file, setup, message] of cases) {
    test(name, () => withModel(setup, (dir) => assertNotRead(checkBeside(dir, file, 1), message)));
  }

  test("a unix socket", async () => {
    let server: net.Server | undefined;
    try {
      await withModel(
        async (dir) => {
          const s = net.createServer();
          server = s;
          await new Promise<void>((resolve) => s.listen(path.join(dir, "x.ts"), resolve));
        },
        (dir) => assertNotRead(checkBeside(dir, "x.ts", 1), /^not analysed: 'x\.ts' is a socket, not a regular file$/),
      );
    } finally {
      server?.close();
    }
  });

  test("a FIFO reached only by an import is refused too (the compiler host reads safely)", () =>
    withModel(
      (dir) => {
        fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "files": ["abba.ts", "locks.ts", "uses.ts"] }\n');
        fs.writeFileSync(path.join(dir, "uses.ts"), 'import { x } from "./fifo";\nexport const y = x;\n');
        execFileSync("mkfifo", [path.join(dir, "fifo.ts")]);
      },
      (dir) => assertNotRead(checkBeside(dir, "fifo.ts", 1), /^not analysed: 'fifo\.ts' is a FIFO, not a regular file$/),
    ));

  test("a folder named dir.ts is a folder: walked, not read", () =>
    withModel(
      (dir) => {
        fs.mkdirSync(path.join(dir, "dir.ts"));
        fs.writeFileSync(path.join(dir, "dir.ts", "inner.ts"), "export const x = 1;\n");
      },
      (dir) => assert.deepEqual(checkBeside(dir, "dir.ts", 1), []),
    ));
});

describe("the size limit", () => {
  test("a 5 MiB file is over the default 4 MiB limit", () =>
    withModel(
      (dir) => fs.writeFileSync(path.join(dir, "big.ts"), `// ${"x".repeat(5 * MiB)}\n`),
      (dir) => assertNotRead(checkBeside(dir, "big.ts", 1), /^not analysed: 5 MiB, over the 4 MiB limit \(--max-file-size, lockorder\.maxFileSize\)$/),
    ));

  test("--max-file-size lowers it", () =>
    withModel(
      (dir) => fs.writeFileSync(path.join(dir, "small.ts"), `// ${"x".repeat(600)}\n`),
      (dir) => assertNotRead(checkBeside(dir, "small.ts", 1, ["--max-file-size", "500"]), /^not analysed: 604 bytes, over the 500 bytes limit/),
    ));

  test("--max-file-size takes a number of bytes", () =>
    withModel(
      () => {},
      (dir) => {
        const r = check(dir, ["--max-file-size", "4MB"]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /--max-file-size takes a number of bytes, not '4MB'/);
      },
    ));
});

describe("files that do not parse", () => {
  const binary = () => Buffer.concat([crypto.randomBytes(2000), Buffer.alloc(16), crypto.randomBytes(2000)]);

  test("a binary .ts beside the model is reported at its first syntax error", () =>
    withModel(
      (dir) => fs.writeFileSync(path.join(dir, "binary.ts"), binary()),
      (dir) => {
        const [d, ...rest] = checkBeside(dir, "binary.ts", 1);
        assert.deepEqual(rest, []);
        assert.equal(d.code, "analysis-incomplete");
        assert.match(d.message, /^does not parse: .+; analysed as far as the compiler recovers$/);
      },
    ));

  test("a folder holding only a binary .ts is an error, not `0 errors`", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-files-"));
    try {
      fs.writeFileSync(path.join(dir, "binary.ts"), binary());
      const r = check(dir, [], "text");
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stdout, /^binary\.ts:\d+:\d+: error: does not parse: /);
      assert.match(r.stdout, /^1 error, 0 warnings in 1 file$/m);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe("folders that cannot be listed", () => {
  // Root may list a folder of mode 000, so this runs only for other users; the next case fails
  // the listing in a way root cannot bypass.
  const root = process.getuid?.() === 0;
  test("a folder without read permission", { skip: root && "root reads a folder of mode 000" }, () =>
    withModel(
      (dir) => {
        fs.mkdirSync(path.join(dir, "private"));
        fs.writeFileSync(path.join(dir, "private", "hidden.ts"), "export const x = 1;\n");
        fs.chmodSync(path.join(dir, "private"), 0o000);
      },
      (dir) => {
        try {
          assertNotRead(checkBeside(dir, "private", 1), /^not analysed: this folder could not be listed: permission denied$/);
        } finally {
          fs.chmodSync(path.join(dir, "private"), 0o755);
        }
      },
    ));

  test("a folder whose path is longer than the system allows", () =>
    withModel(
      (dir) => makePathTooLong(dir, { name: "deep.ts", text: "export const x = 1;\n" }),
      (dir) => {
        const r = check(dir);
        assert.equal(r.status, 1, r.stderr);
        const doc = JSON.parse(r.stdout) as Doc;
        const incomplete = doc.diagnostics.filter((d) => d.code === "analysis-incomplete");
        assert.equal(incomplete.length, 1, JSON.stringify(incomplete));
        assert.match(incomplete[0].file, /^(d{250}\/)+d{250}$/);
        assert.match(incomplete[0].message, /^not analysed: this folder could not be listed: path too long for the system/);
        assert.equal(doc.diagnostics.filter((d) => d.code === "lock-order-inversion").length, 2);
      },
    ));
});

describe("tsconfig problems are config-errors in the compiler's wording; the model is still analysed", () => {
  test("a solution tsconfig beside a dangling symbolic link", () =>
    withModel(
      (dir) => {
        fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "files": [], "references": [{ "path": "./sub" }] }\n');
        fs.symlinkSync("gone.ts", path.join(dir, "dangling.ts"));
      },
      (dir) => assertNotRead(checkBeside(dir, "dangling.ts", 1), /^not analysed: dangling symbolic link to 'gone\.ts'$/),
    ));

  const configs: [string, string, RegExp, string][] = [
    ["an `extends` of a missing file", '{\n  "extends": "./missing.json",\n  "compilerOptions": { "strict": true }\n}\n', /missing\.json/, "2:14"],
    ["an unknown compiler option", '{\n  "compilerOptions": {\n    "noSuchOption": true\n  }\n}\n', /^Unknown compiler option 'noSuchOption'\.$/, "3:5"],
    ["a JSON syntax error", '{\n  "compilerOptions": {\n    "strict": true,,\n  }\n}\n', /^Property assignment expected\.$/, "3:20"],
  ];
  for (const [name, text, message, at] of configs) {
    test(name, () =>
      withModel(
        (dir) => fs.writeFileSync(path.join(dir, "tsconfig.json"), text),
        (dir) => {
          const [d] = checkBeside(dir, "tsconfig.json", 2);
          assert.equal(d.code, "config-error");
          assert.match(d.message, message);
          assert.equal(`${d.line}:${d.column}`, at);
        },
      ));
  }
});
