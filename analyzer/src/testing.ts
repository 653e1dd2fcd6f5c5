/**
 * Checking models against their `// expect:` and `// expect-suppressed:` comments
 * (test-fixtures/README.md): finding the models of a fixture tree, writing its patched models out,
 * and comparing diagnostics, as `file:line code` multisets.
 *
 * Owns: the fixture conventions (a model is a directory with .ts files; a `name.patch` is a model
 * made of another by a unified diff; expectations are trailing comments). Must not: analyse;
 * callers pass what the analyzer or a server reported.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Where the patched models of a fixture tree are written (git-ignored). */
const GENERATED = ".generated";

/**
 * Every model below `root`, one per directory that directly contains .ts files, and one per
 * `name.patch` file: that model is written first to `root/.generated/` (the patch's folder
 * relative to `root`, then `name`), so that every suite checks it as a folder like the others.
 */
export function findModels(root: string): string[] {
  const models: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && isModelFile(e.name))) models.push(dir);
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isFile() && e.name.endsWith(".patch")) {
        const out = path.join(root, GENERATED, path.relative(root, dir), e.name.slice(0, -".patch".length));
        writePatchedModel(full, out, path.join(root, GENERATED));
        models.push(out);
      } else if (e.isDirectory() && e.name !== "node_modules" && full !== path.join(root, GENERATED)) {
        pending.push(full);
      }
    }
  }
  return models.sort();
}

function isModelFile(name: string): boolean {
  return name.endsWith(".ts") && !name.endsWith(".d.ts");
}

export function modelFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(isModelFile)
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * A random line edit of a model's text, as the incremental and cache tests make them: a line
 * removed, duplicated, or swapped with the next (`r` in [0, 1) chooses which, `pick` which line):
 * calls and acquisitions come and go, move, and sometimes make a file that does not type-check.
 * An edit that changes nothing appends a comment instead, so that every edit changes the text.
 */
export function randomLineEdit(text: string, r: number, pick: number, label: string): string {
  const lines = text.split("\n");
  const at = Math.floor(pick * (lines.length - 1));
  if (r < 0.4) lines.splice(at, 1);
  else if (r < 0.7) lines.splice(at, 0, lines[at]);
  else [lines[at], lines[at + 1]] = [lines[at + 1], lines[at]];
  const next = lines.join("\n");
  return next === text ? `${text}\n// ${label}` : next;
}

/**
 * A model's tsconfig.json, when it has one (config-error fixtures): passed to the analysis with the
 * files, and read for `// expect:` comments like them (a tsconfig allows comments).
 */
export function modelConfig(dir: string): string[] {
  const tsconfig = path.join(dir, "tsconfig.json");
  return fs.existsSync(tsconfig) ? [tsconfig] : [];
}

/** One file's part of a unified diff: the file it changes and its hunks, in order. */
interface FilePatch {
  base: string;
  hunks: { oldStart: number; oldLines: string[]; newLines: string[] }[];
}

/**
 * Writes into `out` the model a patch makes: every file of the base folder (the one the patch's
 * `---` paths name, relative to the patch's folder), with the patched files changed. Strict: a
 * hunk whose removed or context lines are not exactly at its line of the base throws, so a patch
 * that no longer fits its base fails the suites instead of checking something else. Files are
 * replaced by a rename and only when they differ, as test files run in parallel processes that may
 * be reading them.
 */
function writePatchedModel(patchFile: string, out: string, scratch: string): void {
  const patches = parsePatch(fs.readFileSync(patchFile, "utf8"), patchFile);
  const bases = new Set(patches.map((p) => path.dirname(p.base)));
  if (bases.size !== 1) throw new Error(`${patchFile}: a patch changes files of one folder, not ${[...bases].join(", ")}`);
  const baseDir = path.resolve(path.dirname(patchFile), [...bases][0]);
  const wanted = new Map<string, string>();
  for (const e of fs.readdirSync(baseDir, { withFileTypes: true })) {
    if (e.isFile()) wanted.set(e.name, fs.readFileSync(path.join(baseDir, e.name), "utf8"));
  }
  for (const p of patches) {
    const name = path.basename(p.base);
    const text = wanted.get(name);
    if (text === undefined) throw new Error(`${patchFile}: ${p.base} is not a file of ${baseDir}`);
    wanted.set(name, applyHunks(text, p, patchFile));
  }
  fs.mkdirSync(out, { recursive: true });
  for (const e of fs.readdirSync(out, { withFileTypes: true })) {
    if (!wanted.has(e.name)) fs.rmSync(path.join(out, e.name), { recursive: true, force: true });
  }
  for (const [name, text] of wanted) {
    const target = path.join(out, name);
    if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) continue;
    const temp = path.join(scratch, `.${process.pid}.${name}.tmp`);
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, target);
  }
}

/** The files of a unified diff; text outside the files' headers and hunks is a comment. */
function parsePatch(text: string, patchFile: string): FilePatch[] {
  const lines = text.split("\n");
  const files: FilePatch[] = [];
  const fail = (i: number, why: string): never => {
    throw new Error(`${patchFile}:${i + 1}: ${why}`);
  };
  // A header's path ends at a tab (diff -u puts the date after it).
  const pathOf = (line: string) => line.slice(4).split("\t")[0];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].startsWith("--- ")) {
      i++;
      continue;
    }
    if (!lines[i + 1]?.startsWith("+++ ")) fail(i + 1, "a `---` line is followed by a `+++` line");
    const base = pathOf(lines[i]);
    if (path.basename(pathOf(lines[i + 1])) !== path.basename(base)) fail(i + 1, "a patch changes files, it does not rename them");
    const file: FilePatch = { base, hunks: [] };
    files.push(file);
    i += 2;
    while (lines[i]?.startsWith("@@ ")) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(lines[i]) ?? fail(i, "a hunk header is `@@ -start,count +start,count @@`");
      const [oldCount, newCount] = [Number(m[2] ?? 1), Number(m[3] ?? 1)];
      const hunk = { oldStart: Number(m[1]), oldLines: [] as string[], newLines: [] as string[] };
      i++;
      while (hunk.oldLines.length < oldCount || hunk.newLines.length < newCount) {
        if (i >= lines.length) fail(i, "the hunk's lines do not agree with its header's counts");
        // An editor that trims trailing blanks leaves an empty context line empty.
        const line = lines[i] === "" ? " " : lines[i];
        const body = line.slice(1);
        if (line[0] !== "+" && line[0] !== "-" && line[0] !== " ") fail(i, 'not a hunk line (" ", "-" or "+"; "\\ No newline at end of file" is not supported)');
        if (line[0] !== "+") hunk.oldLines.push(body);
        if (line[0] !== "-") hunk.newLines.push(body);
        i++;
      }
      if (hunk.oldLines.length !== oldCount || hunk.newLines.length !== newCount) fail(i - 1, "the hunk's lines do not agree with its header's counts");
      file.hunks.push(hunk);
    }
    if (file.hunks.length === 0) fail(i, "a file's header is followed by its hunks");
  }
  if (files.length === 0) throw new Error(`${patchFile}: no file changed`);
  return files;
}

function applyHunks(text: string, patch: FilePatch, patchFile: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let next = 0;
  for (const hunk of patch.hunks) {
    // A hunk that adds to an empty range names the line before it.
    const at = hunk.oldLines.length === 0 ? hunk.oldStart : hunk.oldStart - 1;
    const found = lines.slice(at, at + hunk.oldLines.length);
    if (at < next || found.length !== hunk.oldLines.length || found.some((l, k) => l !== hunk.oldLines[k])) {
      throw new Error(`${patchFile}: the hunk at line ${hunk.oldStart} of ${patch.base} does not match it; make the patch again`);
    }
    out.push(...lines.slice(next, at), ...hunk.newLines);
    next = at + hunk.oldLines.length;
  }
  out.push(...lines.slice(next));
  return out.join("\n");
}

/** A marker after `file:line code` for a diagnostic silenced by a suppression comment. */
const SUPPRESSED = " (suppressed)";

/**
 * `file:line code` strings, one per expected diagnostic, sorted (a multiset): the `// expect:`
 * comments, which are what an editor shows. With `suppressed`, also the `// expect-suppressed:`
 * comments, as `file:line code (suppressed)`: the diagnostics a suppression comment silences,
 * which the analyzer and the JSON output keep (test-fixtures/README.md). Both may follow a
 * suppression comment on its line (a suppression's reason ends where ` //` begins another comment).
 */
export function expectedDiagnostics(files: readonly string[], relativeTo: string, options: { suppressed?: boolean } = {}): string[] {
  const out: string[] = [];
  const kinds = [{ comment: /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/, suffix: "" }];
  if (options.suppressed) kinds.push({ comment: /\/\/\s*expect-suppressed:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/, suffix: SUPPRESSED });
  for (const file of files) {
    const rel = path.relative(relativeTo, file).split(path.sep).join("/");
    fs.readFileSync(file, "utf8")
      // Lines as editors count them (lines.ts): U+2028 and U+2029 do not end a line.
      .split(/\r\n|\r|\n/)
      .forEach((text, i) => {
        for (const { comment, suffix } of kinds) {
          const m = comment.exec(text);
          if (m) for (const code of m[1].split(",")) out.push(`${rel}:${i + 1} ${code.trim()}${suffix}`);
        }
      });
  }
  return out.sort();
}

/** The reported diagnostics as expectedDiagnostics writes them (`suppressed` ones marked). */
export function actualDiagnostics(diagnostics: readonly { file: string; line: number; code: string; suppressed?: boolean }[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line} ${d.code}${d.suppressed ? SUPPRESSED : ""}`).sort();
}

/**
 * Writes the robustness tests' good model into `dir`: locks.ts declares `a` and `b`, abba.ts takes
 * them in both orders (lines 3 and 4: the two lock-order-inversion diagnostics), so a test can put
 * bad input beside it and check that the deadlock is still found.
 */
export function writeDeadlockModel(dir: string): void {
  fs.writeFileSync(path.join(dir, "locks.ts"), 'import { defineLock } from "lockorder";\nexport const a = defineLock("a");\nexport const b = defineLock("b");\n');
  fs.writeFileSync(
    path.join(dir, "abba.ts"),
    'import { lock, unlock } from "lockorder";\nimport { a, b } from "./locks";\n' +
      "export function ab(): void { lock(a); lock(b); unlock(b); unlock(a); }\n" +
      "export function ba(): void { lock(b); lock(a); unlock(a); unlock(b); }\n",
  );
}

/**
 * Makes below `dir` a chain of folders whose path is longer than the system's PATH_MAX (4,096 on
 * Linux), with `file` (if given) at its bottom: a folder even root cannot list by its path. Made
 * one level at a time from inside, so that no single path given to the system is too long.
 */
export function makePathTooLong(dir: string, file?: { name: string; text: string }): void {
  const saved = process.cwd();
  try {
    process.chdir(dir);
    for (let i = 0; i < 20; i++) {
      fs.mkdirSync("d".repeat(250));
      process.chdir("d".repeat(250));
    }
    if (file) fs.writeFileSync(file.name, file.text);
  } finally {
    process.chdir(saved);
  }
}
