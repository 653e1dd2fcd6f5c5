/**
 * The kernel's fix for an inconsistent interrupt usage (docs/diagnostics.md#irq-inconsistent-usage):
 * take the lock with the interrupt disabled where it is taken with it enabled, `lock(L)` →
 * `lock(irqsave(L))` (spin_lock_irqsave) with each `unlock(L)` of the same function that follows
 * it → `unlock(irqsave(L))` (spin_unlock_irqrestore); for a softirq conflict `bh(L)`
 * (spin_lock_bh). A guard, `withLock` or decorator argument needs no matching release.
 *
 * Owns: finding the acquisition at a diagnostic's site and the releases that match it, and the
 * text edits (wrapping whole arguments, and the import the modifier needs).
 * Must not: decide whether the fix is safe (the caller verifies it by analysing the model with it
 * applied) or analyse anything.
 */
import { ts } from "@ts-morph/common";
import { lockorderExport, lockorderNames } from "../imports";
import type { TextEdit } from "../lines";
import type { IrqModifier, Location, Site } from "../model";
import { forEachDescendant, siteOf, skipOuter } from "../tree";

const ACQUIRING = new Set(["lock", "tryLock", "guard", "withLock", "acquires", "tryAcquires", "returnsHolding"]);

export interface IrqFixSite {
  /** The acquisition's lock reference (the diagnostic's range). */
  readonly site: Site;
  /** The lock it names, to find the releases of the same lock. */
  readonly lock: number;
  readonly modifier: IrqModifier;
}

/**
 * The edits that take the lock at `at` with `modifier`, and release it so in the function that
 * takes it; undefined when the reference is not a plain argument of an acquiring primitive or
 * annotation (or already has an interrupt modifier).
 */
export function irqModifierEdits(
  at: IrqFixSite,
  checker: ts.TypeChecker,
  lockAt: (site: Site) => number | undefined,
  loc: (site: Site) => Location,
  importEdit: (sf: ts.SourceFile, names: string[]) => TextEdit,
): TextEdit[] | undefined {
  const { sf } = at.site;
  const arg = argumentAt(sf, at.site);
  if (!arg) return undefined;
  const call = arg.parent as ts.CallExpression;
  const primitive = lockorderExport(call.expression, checker);
  if (!primitive || !ACQUIRING.has(primitive) || hasIrqModifier(arg, checker)) return undefined;
  const names = lockorderNames(sf);
  const local = names.get(at.modifier) ?? (names.namespace ? `${names.namespace}.${at.modifier}` : undefined);
  const wrap = (n: ts.Node): TextEdit => ({ range: loc(siteOf(n, sf)), newText: `${local ?? at.modifier}(${n.getText(sf)})` });
  const edits = [wrap(arg)];
  if (primitive === "lock" || primitive === "tryLock") {
    const body = enclosingFunction(call);
    forEachDescendant(body ?? sf, (n) => {
      if (!ts.isCallExpression(n) || n.pos < call.end || n.arguments.length !== 1) return;
      if (lockorderExport(n.expression, checker) !== "unlock") return;
      const released = n.arguments[0];
      if (lockAt(siteOf(released, sf)) === at.lock && !hasIrqModifier(released, checker)) edits.push(wrap(released));
    });
  }
  if (!local) edits.push(importEdit(sf, [at.modifier]));
  return edits;
}

/** The argument node exactly at a site. */
function argumentAt(sf: ts.SourceFile, site: Site): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  forEachDescendant(sf, (n) => {
    if (found || !ts.isCallExpression(n)) return;
    for (const a of n.arguments) if (a.getStart(sf) === site.start && a.end === site.end) found = a;
  });
  return found;
}

function hasIrqModifier(e: ts.Expression, checker: ts.TypeChecker): boolean {
  for (let n = skipOuter(e); ts.isCallExpression(n); n = skipOuter(n.arguments[0] ?? n.expression)) {
    const which = lockorderExport(n.expression, checker);
    if (which === "irq" || which === "irqsave" || which === "bh") return true;
    if (which !== "shared" && which !== "nested") return false;
    if (!n.arguments[0]) return false;
  }
  return false;
}

/** The function a call belongs to: a callback passed as an argument is its caller's (docs/annotations.md#callbacks). */
function enclosingFunction(n: ts.Node): ts.Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && !(ts.isCallExpression(p.parent) && p.parent.arguments.some((a) => skipOuter(a) === p))) return p;
  }
  return undefined;
}
