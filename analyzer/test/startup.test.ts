/**
 * What makes a start cheaper must not change what a run says (docs/architecture.md#start-up):
 * the code cache of the compiler bundle (analyzer/src/codeCache.ts), whatever state its folder is
 * in, and the default lib without the DOM for a tsconfig that names no lib (README.md#command-line).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { ts } from "@ts-morph/common";
import { cacheFolder } from "../src/codeCache";
import { loadModel, resolveInputs } from "../src/index";
import { writeDeadlockModel } from "../src/testing";
import { REPO_ROOT } from "./paths";

const BIN = path.join(REPO_ROOT, "analyzer/bin/lockorder.js");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe("the code cache of the compiler bundle never changes a run", () => {
  let root: string;
  let model: string;
  let reference: Run;

  /** `lockorder check` on the deadlock model, with the cache in `env`'s folder. */
  const check = (env: NodeJS.ProcessEnv): Run => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LOCKORDER_")));
    const r = spawnSync(process.execPath, [BIN, "check", "."], { cwd: model, env: { ...clean, ...env }, encoding: "utf8", timeout: 120_000 });
    assert.equal(r.error, undefined, `the run did not finish: ${r.error}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const cacheFiles = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith(".v8cache")).sort() : []);

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-code-cache-"));
    model = path.join(root, "model");
    fs.mkdirSync(model);
    writeDeadlockModel(model);
    reference = check({ LOCKORDER_NO_CODE_CACHE: "1" });
    assert.equal(reference.status, 1, "the model's deadlock is an error");
    assert.match(reference.stdout, /lock-order-inversion/);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test("the first run writes the cache; a run from it says the same", () => {
    const folder = path.join(root, "fresh", "lockorder");
    assert.deepEqual(check({ LOCKORDER_CACHE_DIR: folder }), reference);
    const written = cacheFiles(folder);
    assert.deepEqual(
      written.map((f) => f.replace(/-\w+\.v8cache$/, "")),
      ["ts-morph-common.js", "typescript.js"],
      "one cache file for each file of the compiler bundle",
    );
    const sizes = written.map((f) => fs.statSync(path.join(folder, f)).size);
    assert.deepEqual(check({ LOCKORDER_CACHE_DIR: folder }), reference);
    assert.deepEqual(cacheFiles(folder), written, "a run from the cache leaves it as it is");
    assert.deepEqual(written.map((f) => fs.statSync(path.join(folder, f)).size), sizes);
  });

  test("corrupt cache files: the same output and exit status, and the files are written again", () => {
    const folder = path.join(root, "corrupt");
    check({ LOCKORDER_CACHE_DIR: folder });
    const written = cacheFiles(folder);
    assert.equal(written.length, 2);
    // Garbage, then a file with the right first line and a wrong body (what V8 must reject).
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    fs.writeFileSync(path.join(folder, written[0]), garbage);
    const valid = fs.readFileSync(path.join(folder, written[1]));
    const header = valid.subarray(0, valid.indexOf(10, valid.indexOf(10) + 1) + 1);
    fs.writeFileSync(path.join(folder, written[1]), Buffer.concat([header, garbage]));
    assert.deepEqual(check({ LOCKORDER_CACHE_DIR: folder }), reference);
    assert.deepEqual(cacheFiles(folder), written);
    for (const f of written) assert.ok(fs.statSync(path.join(folder, f)).size > garbage.length + header.length, `${f} is written again`);
    assert.deepEqual(check({ LOCKORDER_CACHE_DIR: folder }), reference);
  });

  test("a cache folder that cannot be made or written: the same output, nothing said about it", () => {
    // A regular file where a folder should be: unwritable even for root.
    const file = path.join(root, "not-a-folder");
    fs.writeFileSync(file, "");
    assert.deepEqual(check({ LOCKORDER_CACHE_DIR: path.join(file, "lockorder") }), reference);
    assert.deepEqual(check({ HOME: file, XDG_CACHE_HOME: "" }), reference, "a home folder that is not one");
  });

  test("the cache folder: LOCKORDER_CACHE_DIR, else the platform's place for caches", () => {
    assert.equal(cacheFolder({ LOCKORDER_CACHE_DIR: "/c/lo" }, "linux"), path.resolve("/c/lo"));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: "/x" }, "linux"), path.join("/x", "lockorder"));
    assert.equal(cacheFolder({ XDG_CACHE_HOME: "relative" }, "linux"), path.join(os.homedir(), ".cache", "lockorder"));
    assert.equal(cacheFolder({}, "darwin"), path.join(os.homedir(), "Library", "Caches", "lockorder"));
    assert.equal(cacheFolder({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local" }, "win32"), path.join("C:\\Users\\u\\AppData\\Local", "lockorder", "Cache"));
    assert.equal(cacheFolder({}, "win32"), undefined, "no LOCALAPPDATA, no cache");
  });
});

describe("a tsconfig without lib: the target's lib without the DOM", () => {
  let root: string;
  before(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-lib-"))));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** The lib files of the program for a model folder with this tsconfig. */
  const libsOf = (name: string, tsconfig: object): string[] => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    writeDeadlockModel(dir);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const inputs = resolveInputs([dir]);
    assert.deepEqual(inputs.problems, []);
    return libFiles(loadModel(inputs.files, inputs.options).program);
  };
  const libFiles = (program: ts.Program) =>
    program
      .getSourceFiles()
      .map((sf) => path.basename(sf.fileName))
      .filter((f) => /^lib\..*\.d\.ts$/.test(f))
      .sort();

  test("no lib: no DOM", () => {
    const libs = libsOf("no-lib", { compilerOptions: { target: "ES2022", strict: true } });
    assert.ok(libs.includes("lib.es2022.d.ts"), libs.join(" "));
    assert.deepEqual(
      libs.filter((f) => /dom|full|webworker|scripthost/.test(f)),
      [],
    );
  });

  test("a lib that names DOM: the DOM", () => {
    const libs = libsOf("dom-lib", { compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], strict: true } });
    assert.ok(libs.includes("lib.dom.d.ts"), libs.join(" "));
  });

  test("each target's lib without the DOM (ES5's and ES2015's default names differ)", () => {
    const file = path.join(root, "one.ts");
    fs.writeFileSync(file, "export const x = 1;\n");
    for (const [target, lib] of [
      [ts.ScriptTarget.ES5, "lib.es5.d.ts"],
      [ts.ScriptTarget.ES2015, "lib.es2015.d.ts"],
      [ts.ScriptTarget.ES2022, "lib.es2022.d.ts"],
      [ts.ScriptTarget.ESNext, "lib.esnext.d.ts"],
    ] as const) {
      const libs = libFiles(loadModel([file], { target, noEmit: true }).program);
      assert.ok(libs.includes(lib), `${target}: ${libs.join(" ")}`);
      assert.deepEqual(
        libs.filter((f) => /dom|full|webworker|scripthost|^lib\.d\.ts$|^lib\.es6\.d\.ts$/.test(f)),
        [],
        `${target}`,
      );
    }
  });
});
