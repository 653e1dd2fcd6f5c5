/**
 * The shared walk of a file (tree.ts visitEach): every phase sees every node in the order a
 * recursive visitor would, and a phase that fails stops alone, so a bug or deep input in one
 * phase costs the file that phase only (summary.ts reports it as analysis-incomplete).
 */
import * as assert from "node:assert/strict";
import { test } from "node:test";
import { ts } from "@ts-morph/common";
import { forEachDescendant, visitEach } from "../src/tree";

const sf = ts.createSourceFile("m.ts", "export function f(a: number): number { return g(a) + 1; }\nconst x = { k: () => 2 };\n", ts.ScriptTarget.Latest, true);

test("every visitor of a shared walk sees every node, in pre-order", () => {
  const expected: ts.SyntaxKind[] = [];
  forEachDescendant(sf, (node) => {
    expected.push(node.kind);
  });
  const first: ts.SyntaxKind[] = [];
  const second: ts.SyntaxKind[] = [];
  visitEach(sf, [
    { visit: (node) => first.push(node.kind), failed: () => assert.fail("no failure") },
    { visit: (node) => second.push(node.kind), failed: () => assert.fail("no failure") },
  ]);
  assert.deepEqual(first, expected);
  assert.deepEqual(second, expected);
  assert.ok(expected.length > 20);
});

test("a visitor that throws is told once and sees no more nodes; the others see them all", () => {
  let all = 0;
  forEachDescendant(sf, () => {
    all++;
  });
  let seenByFailing = 0;
  const failures: unknown[] = [];
  let seenByOther = 0;
  visitEach(sf, [
    {
      visit: (node) => {
        seenByFailing++;
        if (ts.isReturnStatement(node)) throw new RangeError("Maximum call stack size exceeded");
      },
      failed: (error) => failures.push(error),
    },
    { visit: () => seenByOther++, failed: () => assert.fail("no failure") },
  ]);
  assert.equal(failures.length, 1);
  assert.ok(failures[0] instanceof RangeError);
  assert.ok(seenByFailing < all, `the failing visitor stopped (${seenByFailing} of ${all})`);
  assert.equal(seenByOther, all);
});
