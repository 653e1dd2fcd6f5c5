/**
 * The generic walk of a syntax tree, with an explicit stack: a file's nesting, however deep, costs
 * no call stack (TypeScript itself parses and checks far deeper chains than a recursive visitor
 * survives, e.g. `a + a + …` of 20,000 terms).
 *
 * Owns: the order of a walk (pre-order, children in source order, as a recursive
 * `ts.forEachChild` visitor would), one walk shared by several visitors (visitEach), and the
 * syntax helpers every phase shares: a node's site, an expression without its parentheses and
 * type assertions. Must not: know what the visitors look for, or anything about locks.
 */
import { ts } from "@ts-morph/common";
import type { Site } from "./model";

/**
 * Visits `root` and its descendants in pre-order. `visit` returning false skips the node's
 * children.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  // One callback for the whole walk, not a closure per node.
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    ts.forEachChild(node, collect);
    // Pushed last-first, so the first child is visited next.
    while (children.length > 0) stack.push(children.pop()!);
  }
}

/** One of several phases sharing a walk (visitEach): it sees every node until it throws, and is then told why. */
export interface Visitor {
  visit(node: ts.Node): void;
  failed(error: unknown): void;
}

/**
 * Visits `root` and its descendants in pre-order once for several visitors: one walk of a file
 * for the phases that look at all of it. A visitor that throws is told (`failed`) and sees no
 * more nodes; the others go on.
 */
export function visitEach(root: ts.Node, visitors: readonly Visitor[]): void {
  const live = [...visitors];
  forEachDescendant(root, (node) => {
    for (let i = 0; i < live.length; i++) {
      try {
        live[i].visit(node);
      } catch (error) {
        live[i].failed(error);
        live.splice(i--, 1);
      }
    }
  });
}

/** A node's site, from its first token (leading trivia excluded) to its end. */
export function siteOf(node: ts.Node, sf: ts.SourceFile = node.getSourceFile()): Site {
  return { sf, start: node.getStart(sf), end: node.getEnd() };
}

/** Strips parentheses, `as`, `satisfies` and `!`. */
export function skipOuter(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
    else return e;
  }
}

/** The node whose site is exactly `site` (the outermost of several), found by descending without recursion. */
export function nodeAtSite(site: Site): ts.Node | undefined {
  let node: ts.Node = site.sf;
  for (;;) {
    if (node !== site.sf && node.getStart(site.sf) === site.start && node.end === site.end) return node;
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (!next && child.getStart(site.sf) <= site.start && site.end <= child.end) next = child;
    });
    if (!next) return undefined;
    node = next;
  }
}
