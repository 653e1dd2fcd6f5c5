/**
 * Checking models against their `// expect:` comments (test-fixtures/README.md): finding the models of a
 * fixture tree and comparing diagnostics, as `file:line code` multisets.
 *
 * Owns: the fixture conventions (a model is a directory with .ts files; expectations are
 * trailing comments). Must not: analyse; callers pass what the analyzer or a server reported.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Every directory below `root` that directly contains .ts files: one model each. */
export function findModels(root: string): string[] {
  const models: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && isModelFile(e.name))) models.push(dir);
    for (const e of entries) if (e.isDirectory() && e.name !== "node_modules") pending.push(path.join(dir, e.name));
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
 * A model's tsconfig.json, when it has one (config-error fixtures): passed to the analysis with the
 * files, and read for `// expect:` comments like them (a tsconfig allows comments).
 */
export function modelConfig(dir: string): string[] {
  const tsconfig = path.join(dir, "tsconfig.json");
  return fs.existsSync(tsconfig) ? [tsconfig] : [];
}

/** `file:line code` strings, one per expected diagnostic, sorted (a multiset). */
export function expectedDiagnostics(files: readonly string[], relativeTo: string): string[] {
  const out: string[] = [];
  for (const file of files) {
    const rel = path.relative(relativeTo, file).split(path.sep).join("/");
    fs.readFileSync(file, "utf8")
      // Lines as editors count them (lines.ts): U+2028 and U+2029 do not end a line.
      .split(/\r\n|\r|\n/)
      .forEach((text, i) => {
        const m = /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/.exec(text);
        if (!m) return;
        for (const code of m[1].split(",")) out.push(`${rel}:${i + 1} ${code.trim()}`);
      });
  }
  return out.sort();
}

export function actualDiagnostics(diagnostics: readonly { file: string; line: number; code: string }[]): string[] {
  return diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`).sort();
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
