/**
 * `--format json`: exactly the shape of SPEC section 7 (stable; tests and tools rely on it).
 *
 * Owns: the projection of the analysis result onto that shape.
 * Must not: compute anything the result does not already hold.
 */
import type { AnalysisResult } from "../model";

export function toJson(result: AnalysisResult): string {
  const doc = {
    version: 1,
    diagnostics: result.diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
    })),
    locks: result.locks,
    order: result.order,
    cycles: result.cycles,
    functions: result.functions,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
