/**
 * The guarded-field checks of the flow walk (docs/annotations.md#guarded-fields): a read of a
 * `@guardedBy(L)` field needs L held, a write needs it held exclusively. Reads are property
 * accesses and destructuring; writes are assignments to a property, `delete`, `++` and `--`.
 *
 * Owns: which property an expression writes, which declarations an access reaches, and the
 * guarded-access diagnostic.
 * Must not: walk statements or expressions, or change the held set (the walker hands each access
 * over with the state at that point; an accessor's call is the walker's).
 */
import { ts } from "@ts-morph/common";
import { messages } from "../diagnostics";
import { heldInMode, type FunctionInfo, type Site } from "../model";
import { siteOf, skipOuter } from "../tree";
import type { FlowContext } from "./context";
import type { State } from "./heldSet";

export type Access = "read" | "write";

/** The property `delete o.x`, `o.x++`, `--o.x` write, if the operand is a property access. */
export function writtenProperty(n: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression | ts.DeleteExpression): ts.PropertyAccessExpression | undefined {
  const operand = skipOuter(ts.isDeleteExpression(n) ? n.expression : n.operand);
  const writes = ts.isDeleteExpression(n) || n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken;
  return writes && ts.isPropertyAccessExpression(operand) ? operand : undefined;
}

/**
 * Checks a read or write of `obj.x` against the field's guards; returns the declarations in the
 * model that it reaches (none when no guarded field or accessor has the name).
 */
export function checkAccess(ctx: FlowContext, fn: FunctionInfo, access: ts.PropertyAccessExpression, st: State, how: Access): readonly ts.Declaration[] {
  if (!ctx.watchesMember(access.name.text)) return [];
  const decls = (ctx.checker.getSymbolAtLocation(access.name)?.declarations ?? []).filter((d) => !d.getSourceFile().isDeclarationFile);
  if (decls.length > 0) checkGuards(ctx, fn, decls, access.name.text, how, st, siteOf(access));
  return decls;
}

/** `const { x } = obj` reads `obj.x`. */
export function checkDestructuring(ctx: FlowContext, fn: FunctionInfo, pattern: ts.ObjectBindingPattern, source: ts.Expression, st: State): void {
  const type = ctx.checker.getTypeAtLocation(source);
  for (const element of pattern.elements) {
    const key = element.propertyName ?? element.name;
    if (!ts.isIdentifier(key) || !ctx.watchesMember(key.text)) continue;
    const decls = type.getProperty(key.text)?.declarations ?? [];
    checkGuards(ctx, fn, decls, key.text, "read", st, siteOf(element));
  }
}

function checkGuards(ctx: FlowContext, fn: FunctionInfo, decls: readonly ts.Node[], field: string, how: Access, st: State, site: Site): void {
  // Like Clang, constructors are not checked: the object is not shared yet.
  if (ts.isConstructorDeclaration(fn.node)) return;
  for (const decl of decls) {
    for (const guard of ctx.guardsOf(decl)) {
      const held = st.held.find((e) => e.lock === guard.lock);
      if (heldInMode(held?.mode, how === "write" ? "E" : "S")) continue;
      ctx.sink.add(site, { code: "guarded-access", field, lock: ctx.locks.byId(guard.lock), write: how === "write" }, [
        { site: guard.site, message: messages.guardedHere(field) },
      ]);
    }
  }
}
