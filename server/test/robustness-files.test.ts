/**
 * Files are read safely, in the language server (issue 11, item 3): one workspace folder per
 * class of bad input, each beside a file with a real ABBA deadlock. `initialize` answers within a
 * bound (a FIFO once blocked it forever), the deadlock's diagnostics are published, and so is the
 * bad file's (or folder's, or tsconfig's) diagnostic. A 38 MB document, opened and then edited,
 * gets the size diagnostic and the server keeps answering.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import { TestClient, uriOf } from "./client";
import { makePathTooLong, writeDeadlockModel } from "lockorder/testing";

const MiB = 1024 * 1024;
const ROOT_USER = process.getuid?.() === 0;

interface Case {
  /** The bad input, relative to the case's folder (a pattern where its depth depends on the temp folder's). */
  bad: string | RegExp;
  setup(dir: string): void | Promise<void>;
  code: "analysis-incomplete" | "config-error";
  message: RegExp;
}

const CASES: Record<string, Case> = {
  zero: { bad: "zero.ts", setup: (dir) => fs.symlinkSync("/dev/zero", path.join(dir, "zero.ts")), code: "analysis-incomplete", message: /^not analysed: 'zero\.ts' \(a symbolic link to '\/dev\/zero'\) is a character device, not a regular file$/ },
  fifo: { bad: "fifo.ts", setup: (dir) => void execFileSync("mkfifo", [path.join(dir, "fifo.ts")]), code: "analysis-incomplete", message: /^not analysed: 'fifo\.ts' is a FIFO, not a regular file$/ },
  socket: { bad: "x.ts", setup: (dir) => listen(path.join(dir, "x.ts")), code: "analysis-incomplete", message: /^not analysed: 'x\.ts' is a socket, not a regular file$/ },
  dangling: { bad: "dangling.ts", setup: (dir) => fs.symlinkSync("nowhere.ts", path.join(dir, "dangling.ts")), code: "analysis-incomplete", message: /^not analysed: dangling symbolic link to 'nowhere\.ts'$/ },
  loop: { bad: "loop.ts", setup: (dir) => fs.symlinkSync("loop.ts", path.join(dir, "loop.ts")), code: "analysis-incomplete", message: /^not analysed: symbolic link loop/ },
  folderLink: {
    bad: "folder.ts",
    setup: (dir) => {
      fs.mkdirSync(path.join(dir, "sub"));
      fs.symlinkSync("sub", path.join(dir, "folder.ts"));
    },
    code: "analysis-incomplete",
    message: /^not analysed: 'folder\.ts' \(a symbolic link to 'sub'\) is a directory, not a regular file$/,
  },
  big: { bad: "big.ts", setup: (dir) => fs.writeFileSync(path.join(dir, "big.ts"), `// ${"x".repeat(5 * MiB)}\n`), code: "analysis-incomplete", message: /^not analysed: 5 MiB, over the 4 MiB limit/ },
  binary: {
    // It imports lockorder, so that it belongs to the model (a folder without a tsconfig).
    bad: "binary.ts",
    setup: (dir) => fs.writeFileSync(path.join(dir, "binary.ts"), Buffer.concat([Buffer.from('import { lock } from "lockorder";\n'), crypto.randomBytes(2000), Buffer.alloc(16), crypto.randomBytes(2000)])),
    code: "analysis-incomplete",
    message: /^does not parse: .+; analysed as far as the compiler recovers$/,
  },
  deepFolder: {
    // The first folder whose path is longer than the system's PATH_MAX (4,096 on Linux).
    bad: /^(d{250}\/)+d{250}$/,
    setup: (dir) => makePathTooLong(dir),
    code: "analysis-incomplete",
    message: /^not analysed: this folder could not be listed: path too long for the system/,
  },
  solution: {
    bad: "dangling.ts",
    setup: (dir) => {
      fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "files": [], "references": [{ "path": "./sub" }] }\n');
      fs.symlinkSync("gone.ts", path.join(dir, "dangling.ts"));
    },
    code: "analysis-incomplete",
    message: /^not analysed: dangling symbolic link to 'gone\.ts'$/,
  },
  missingExtends: { bad: "tsconfig.json", setup: (dir) => fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "extends": "./missing.json" }\n'), code: "config-error", message: /missing\.json/ },
  unknownOption: { bad: "tsconfig.json", setup: (dir) => fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "noSuchOption": true } }\n'), code: "config-error", message: /^Unknown compiler option 'noSuchOption'\.$/ },
  jsonSyntax: { bad: "tsconfig.json", setup: (dir) => fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true,, } }\n'), code: "config-error", message: /^Property assignment expected\.$/ },
  // Root may list a folder of mode 000: for root, deepFolder fails the listing instead.
  ...(ROOT_USER
    ? {}
    : {
        private: {
          bad: "private",
          setup: (dir: string) => {
            fs.mkdirSync(path.join(dir, "private"));
            fs.chmodSync(path.join(dir, "private"), 0o000);
          },
          code: "analysis-incomplete" as const,
          message: /^not analysed: this folder could not be listed: permission denied$/,
        },
      }),
};

const sockets: net.Server[] = [];

function listen(file: string): Promise<void> {
  const server = net.createServer();
  sockets.push(server);
  return new Promise((resolve) => server.listen(file, resolve));
}

/** A model with a deadlock in a fresh folder below `root`. */
function model(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  writeDeadlockModel(dir);
  return dir;
}

/** The server within a bound: if it hangs (a FIFO opened), its process is ended and the test fails. */
async function startWithin(ms: number, folders: string[], initializationOptions?: unknown): Promise<TestClient> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The client's process is not reachable before `initialize` answers: end this test's children.
      execFileSync("pkill", ["-P", String(process.pid)]);
      reject(new Error(`the server did not initialize within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([TestClient.start(folders, undefined, initializationOptions), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function assertDeadlockPublished(client: TestClient, dir: string): void {
  const lines = (client.diagnostics.get(uriOf(path.join(dir, "abba.ts"))) ?? []).filter((d) => d.code === "lock-order-inversion").map((d) => d.range.start.line);
  assert.deepEqual(lines, [2, 3], "the deadlock in the good file is published");
}

function diagnosticsOf(client: TestClient, file: string): Diagnostic[] {
  return client.diagnostics.get(uriOf(file)) ?? [];
}

/** The diagnostics published for the paths below `dir` that match `relative`. */
function publishedMatching(client: TestClient, dir: string, relative: RegExp): Diagnostic[] {
  const prefix = `${uriOf(dir)}/`;
  return [...client.diagnostics].filter(([uri]) => uri.startsWith(prefix) && relative.test(uri.slice(prefix.length))).flatMap(([, list]) => list);
}

describe("the language server reads files safely", () => {
  let root: string;
  let client: TestClient;
  const dirs: Record<string, string> = {};

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-files-"));
    for (const [name, c] of Object.entries(CASES)) {
      dirs[name] = model(root, name);
      await c.setup(dirs[name]);
    }
    dirs.editor = model(root, "editor");
    client = await startWithin(120_000, Object.values(dirs));
  });

  after(async () => {
    await client?.stop();
    for (const s of sockets) s.close();
    if (!ROOT_USER && dirs.private) fs.chmodSync(path.join(dirs.private, "private"), 0o755);
    // rm copes with paths longer than PATH_MAX (deepFolder); fs.rmSync does not.
    execFileSync("rm", ["-rf", root]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    test(`${name}: the bad input's diagnostic and the deadlock are published`, () => {
      assertDeadlockPublished(client, dirs[name]);
      const published = typeof c.bad === "string" ? diagnosticsOf(client, path.join(dirs[name], c.bad)) : publishedMatching(client, dirs[name], c.bad);
      assert.equal(published.length, 1, JSON.stringify(published));
      assert.equal(published[0].code, c.code);
      assert.match(String(published[0].message), c.message);
    });
  }

  test("a 38 MB document, opened and edited, gets the size diagnostic and the server keeps answering", async () => {
    const big = path.join(dirs.editor, "big.ts");
    const text = 'import { lock } from "lockorder";\n' + `// ${"x".repeat(96)}\n`.repeat(380_000);
    await client.open(big, text);
    await client.idle();
    await client.change(big, `${text}// edited\n`);
    await client.idle();
    assert.ok(client.alive, "the server is still running");
    const [d, ...rest] = diagnosticsOf(client, big);
    assert.deepEqual(rest, []);
    assert.equal(d.code, "analysis-incomplete");
    assert.match(String(d.message), /^not analysed: 36\.\d MiB, over the 4 MiB limit/);
    const abba = path.join(dirs.editor, "abba.ts");
    await client.open(abba);
    const hover = await client.hover(abba, 2, 17);
    assert.ok(hover, "a hover on the good file is answered");
    assertDeadlockPublished(client, dirs.editor);
  });
});

test("lockorder.maxFileSize lowers the limit in the server", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-files-"));
  const dir = model(root, "limit");
  fs.writeFileSync(path.join(dir, "small.ts"), `// ${"x".repeat(600)}\n`);
  const client = await startWithin(60_000, [dir], { settings: { maxFileSize: 500 }, debounce: { minMs: 0, maxMs: 0 } });
  try {
    assertDeadlockPublished(client, dir);
    const [d] = diagnosticsOf(client, path.join(dir, "small.ts"));
    assert.match(String(d?.message), /^not analysed: 604 bytes, over the 500 bytes limit/);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true });
  }
});
