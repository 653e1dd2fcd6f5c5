/**
 * `lockorder order`: the global order, one lock a line with its rank and kind, cycles marked
 * (control characters in names shown as escapes, as in the text report).
 *
 * Owns: that listing. Must not: compute the order (lockGraph.ts does).
 */
import type { AnalysisResult } from "../model";
import { escapeControls } from "./escape";

export function toOrder(result: AnalysisResult): string {
  const onCycle = new Set(result.cycles.flat());
  const width = String(result.locks.length).length;
  const lines = result.locks.map(
    (l) => `${String(l.rank).padStart(width)}  ${escapeControls(l.name)}  (${l.kind})${onCycle.has(l.name) ? "  [on a cycle]" : ""}`,
  );
  return lines.join("\n") + (lines.length > 0 ? "\n" : "");
}
