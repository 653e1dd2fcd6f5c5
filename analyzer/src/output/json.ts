/**
 * `--format json`: exactly the shape of README.md#json-output (stable; tests and tools rely on it),
 * written one diagnostic, lock, cycle and function at a time.
 *
 * Owns: the projection of the analysis result onto that shape.
 * Must not: compute anything the result does not already hold.
 */
import type { AnalysisResult, ResultDiagnostic } from "../model";
import { recordsOf } from "../records";
import { irqScenario } from "./irqReport";
import { collect, jsonChunks, mapLazily } from "./stream";

/** The JSON document as chunks of about one record each. */
export function* jsonOutput(result: AnalysisResult): Generator<string> {
  const doc = {
    version: 1,
    diagnostics: mapLazily(result.diagnostics, (d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
      // Only an interrupt diagnostic has the key: lockdep's unsafe scenario, as the text report prints it.
      ...scenarioOf(d),
      // Only a suppressed diagnostic has the key (docs/annotations.md#suppressions).
      ...(d.suppressed ? { suppressed: true } : {}),
    })),
    locks: result.locks,
    order: result.order,
    cycles: result.cycles,
    // Built one record at a time as it is written, unless `result.functions` was read already.
    functions: recordsOf(result, "functions"),
  };
  yield* jsonChunks(doc, 2);
  yield "\n";
}

function scenarioOf(d: ResultDiagnostic): { scenario?: string[] } {
  const scenario = irqScenario(d);
  return scenario ? { scenario } : {};
}

export function toJson(result: AnalysisResult): string {
  return collect(jsonOutput(result));
}
