/**
 * The syntactic answer to "what does this name refer to" (names.ts) is the checker's wherever it
 * gives one: on every identifier of every fixture model, the scopes' symbol, when there is one,
 * is the very symbol `getSymbolAtLocation` returns. And it answers for most of the names the
 * analysis asks about (what makes it worth having).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { ts } from "@ts-morph/common";
import { loadModel, resolveInputs } from "../src/program";
import { constructorRun, scopedSymbol } from "../src/names";
import { findModels, modelConfig, modelFiles } from "../src/testing";
import { forEachDescendant } from "../src/tree";
import { FIXTURES } from "./paths";

test("the scopes' answer equals the checker's on every identifier, and the constructor run on every `new` and `super(…)`, of every fixture", () => {
  let identifiers = 0;
  let answered = 0;
  let calls = 0;
  let runs = 0;
  const disagreements: string[] = [];
  for (const dir of findModels(FIXTURES)) {
    const inputs = resolveInputs([...modelFiles(dir), ...modelConfig(dir)]);
    const { program, files } = loadModel(inputs.files, inputs.options);
    const checker = program.getTypeChecker();
    for (const sf of files) {
      forEachDescendant(sf, (node) => {
        if (ts.isNewExpression(node) || (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword)) {
          calls++;
          const run = constructorRun(node, checker);
          if (run) {
            runs++;
            const expected = checker.getResolvedSignature(node)?.declaration;
            if (run.declaration !== expected) disagreements.push(`${path.relative(FIXTURES, sf.fileName)}: ${node.getText(sf).slice(0, 40)}: syntax ${run.declaration?.kind}, checker ${expected?.kind}`);
          }
        }
        if (!ts.isIdentifier(node)) return;
        identifiers++;
        const scoped = scopedSymbol(node, checker);
        if (!scoped) return;
        answered++;
        const expected = checker.getSymbolAtLocation(node);
        if (scoped !== expected) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          disagreements.push(`${path.relative(FIXTURES, sf.fileName)}:${line + 1} ${node.text}: scopes ${describe(scoped)}, checker ${describe(expected)}`);
        }
      });
    }
  }
  assert.deepEqual(disagreements, []);
  // Most identifiers are declarations, property names and types, which the scopes leave to the
  // checker; of the rest, the references, a large part is answered.
  assert.ok(answered > identifiers / 10, `answered ${answered} of ${identifiers} identifiers`);
  // Most constructor calls in the fixtures make standard containers (`new Map()`), which the checker answers.
  assert.ok(runs > calls / 10, `answered ${runs} of ${calls} constructor calls`);
});

function describe(symbol: ts.Symbol | undefined): string {
  if (!symbol) return "nothing";
  const decl = symbol.declarations?.[0];
  return decl ? `${symbol.name} (${ts.SyntaxKind[decl.kind]} in ${path.basename(decl.getSourceFile().fileName)})` : symbol.name;
}
