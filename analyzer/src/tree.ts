/**
 * The generic walk of a syntax tree, with an explicit stack: a file's nesting, however deep, costs
 * no call stack (TypeScript itself parses and checks far deeper chains than a recursive visitor
 * survives, e.g. `a + a + …` of 20,000 terms).
 *
 * Owns: the order of a walk (pre-order, children in source order, as a recursive
 * `ts.forEachChild` visitor would). Must not: know what the visitors look for.
 */
import { ts } from "@ts-morph/common";

/**
 * Visits `root` and its descendants in pre-order. `visit` returning false skips the node's
 * children.
 */
export function forEachDescendant(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    // Pushed last-first, so the first child is visited next.
    while (children.length > 0) stack.push(children.pop()!);
  }
}
