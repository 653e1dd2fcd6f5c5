/**
 * The acquisitions a reorder may permute (docs/diagnostics.md#fixes): the arguments of one
 * `@acquires` / `@tryAcquires` / `@returnsHolding` decorator, a run of consecutive `lock(X);`
 * statements with the run of `unlock(X);` statements that releases the same locks, and a run of
 * consecutive `using g = guard(X);` declarations (released at the block's end, in reverse).
 *
 * Owns: finding those runs in a file. Permuting whole arguments or whole statements keeps the
 * file parsing whenever it parsed before. Must not: decide an order or analyse anything.
 */
import { ts } from "@ts-morph/common";
import { lockorderExport } from "../imports";
import type { Site } from "../model";
import { forEachDescendant, siteOf, skipOuter } from "../tree";

const ORDERED_ANNOTATIONS = new Set(["acquires", "tryAcquires", "returnsHolding"]);

/** Consecutive units of one block (or one decorator's arguments), each naming one lock. */
export interface Run {
  /** What a permutation moves: whole statements, or decorator arguments. */
  readonly units: readonly ts.Node[];
  /** Each unit's lock reference. */
  readonly sites: readonly Site[];
}

export interface AcquisitionRun extends Run {
  readonly form: "decorator" | "lock" | "guard";
  /** For a `lock` run: the later `unlock` run of the same block that releases the same locks. */
  readonly releases?: Run;
}

/** Every acquisition run of two or more units in a file, in source order. */
export function acquisitionRuns(sf: ts.SourceFile, checker: ts.TypeChecker, lockAt: (site: Site) => number | undefined): AcquisitionRun[] {
  const runs: AcquisitionRun[] = [];
  forEachDescendant(sf, (node) => {
    if (ts.isDecorator(node)) {
      const call = node.expression;
      if (ts.isCallExpression(call) && call.arguments.length >= 2 && ORDERED_ANNOTATIONS.has(lockorderExport(call.expression, checker) ?? "")) {
        runs.push({ form: "decorator", units: call.arguments, sites: call.arguments.map((a) => siteOf(a, sf)) });
      }
    }
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const unlocks = statementRuns(node.statements, "unlock", checker);
      for (const run of statementRuns(node.statements, "lock", checker)) {
        const locks = run.sites.map(lockAt);
        const releases = unlocks.find((u) => u.units[0].pos > run.units[0].pos && sameLocks(u.sites.map(lockAt), locks));
        runs.push({ form: "lock", ...run, ...(releases ? { releases } : {}) });
      }
      for (const run of statementRuns(node.statements, "guard", checker)) runs.push({ form: "guard", ...run });
    }
  });
  return runs;
}

/** Maximal runs (2 or more) of consecutive `lock(X);`, `unlock(X);` or `using g = guard(X);` statements. */
export function statementRuns(statements: readonly ts.Statement[], which: "lock" | "unlock" | "guard", checker: ts.TypeChecker): Run[] {
  const runs: Run[] = [];
  let units: ts.Statement[] = [];
  let sites: Site[] = [];
  const close = () => {
    if (units.length >= 2) runs.push({ units, sites });
    units = [];
    sites = [];
  };
  for (const stmt of statements) {
    const call = primitiveCall(stmt, which);
    if (!call || lockorderExport(call.expression, checker) !== which) {
      close();
      continue;
    }
    units.push(stmt);
    sites.push(siteOf(call.arguments[0]));
  }
  close();
  return runs;
}

/** The primitive call a statement is: `lock(X);`, or `using g = guard(X);` for guards. */
function primitiveCall(stmt: ts.Statement, which: "lock" | "unlock" | "guard"): ts.CallExpression | undefined {
  let expr: ts.Expression | undefined;
  if (which === "guard") {
    const list = ts.isVariableStatement(stmt) ? stmt.declarationList : undefined;
    if (!list || (list.flags & ts.NodeFlags.Using) === 0 || list.declarations.length !== 1) return undefined;
    expr = list.declarations[0].initializer;
  } else if (ts.isExpressionStatement(stmt)) {
    expr = stmt.expression;
  }
  const call = expr && skipOuter(expr);
  return call && ts.isCallExpression(call) && call.arguments.length === 1 ? call : undefined;
}

function sameLocks(a: readonly (number | undefined)[], b: readonly (number | undefined)[]): boolean {
  return a.length === b.length && a.every((x) => x !== undefined && b.includes(x));
}
