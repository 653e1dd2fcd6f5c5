/**
 * One file's dispatch (docs/annotations.md#dispatch), made once per file summary with the type
 * checker: it indexes which function values flow into which declarations (FileFlows), and tells
 * the flow walk what each call names: the keys of the declarations its callee resolves to (a
 * CallTarget), or "outside" when only the standard library or declaration files. The keys it
 * hands out have the file's locals closed, so they are keys other files' summaries can hold.
 *
 * Owns: FileDispatch (composing the parts for a file; the targets of calls, `new` and `super`
 * included, of callbacks passed by reference and of accessors). Must not: look at locks.
 */
import { ts } from "@ts-morph/common";
import { declKey } from "../keys";
import { constructorRun } from "../names";
import type { CallTarget } from "../model";
import { FlowTable, type FileFlows } from "./fileFlows";
import { FlowIndex } from "./flowIndex";
import { FileSymbols } from "./symbols";
import { ValueKeys, type CallResolution } from "./values";

export class FileDispatch {
  private readonly table = new FlowTable();
  private readonly symbols: FileSymbols;
  private readonly values: ValueKeys;

  constructor(private readonly checker: ts.TypeChecker) {
    this.symbols = new FileSymbols(checker, this.table);
    this.values = new ValueKeys(this.symbols);
  }

  /** What records every flow of a function value in the file, node by node, as the file's one walk (summary.ts) visits them. */
  flowIndex(): { visit(node: ts.Node): void } {
    return new FlowIndex(this.checker, this.table, this.symbols, this.values);
  }

  /** The file's flows, once every node was visited: what leaves the file. */
  fileFlows(): FileFlows {
    return this.table.fileFlows();
  }

  /**
   * What a call names, and the declarations it resolves to directly (whose annotations change the
   * caller's held set); "outside" when it names only functions outside the model, undefined when
   * it names nothing at all (an unresolved call).
   */
  target(call: ts.CallExpression | ts.NewExpression): CallResolution | undefined {
    const isSuper = call.expression.kind === ts.SyntaxKind.SuperKeyword;
    if (ts.isNewExpression(call) || isSuper) {
      // The constructor from the syntax when certain: resolving a signature checks the arguments.
      const known = constructorRun(call, this.checker);
      const decl = known ? known.declaration : this.checker.getResolvedSignature(call)?.declaration;
      // A class without a constructor of its own runs none; a callee of no known class is unresolved.
      if (!decl) return isSuper || (this.symbols.symbolOf(call.expression)?.declarations ?? []).some(ts.isClassLike) ? "outside" : undefined;
      if (ts.isJSDocSignature(decl) || decl.getSourceFile().isDeclarationFile) return "outside";
      return { target: { keys: [declKey(decl)], exact: true }, direct: [decl] };
    }
    const resolution = this.values.calleeTarget(call.expression);
    return resolution === undefined || resolution === "outside" ? resolution : { ...resolution, target: { ...resolution.target, keys: this.table.closeLocals(resolution.target.keys) } };
  }

  /** The target of calling a function-valued expression (a callback passed by reference). */
  valueTarget(expr: ts.Expression): CallTarget {
    return { keys: this.table.closeLocals(this.values.valueKeys(expr)) };
  }

  /** The target of a property read or write that runs accessors. */
  accessorTarget(accessors: readonly ts.Node[]): CallTarget {
    return { keys: accessors.map(declKey) };
  }
}
