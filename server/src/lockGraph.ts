/**
 * The answer to `lockorder/lockGraph`: the lock graph of a model for the editor's graph view,
 * drawn offline (Graphviz in WebAssembly) when asked, with the first site of each drawn edge so
 * that a click can open it.
 *
 * Owns: that answer's shape. Must not: draw (the analyzer's output/graph does).
 */
import { graphEdges, toDot, toSvg, type AnalysisResult } from "lockorder/analyzer";

export async function lockGraph(result: AnalysisResult, svg: boolean) {
  const edges = graphEdges(result).map((e) => {
    const first = result.details.edges.find((x) => x.from === e.from && x.to === e.to)?.sites[0];
    return { ...e, ...(first ? { site: { file: first.file, line: first.line, column: first.column } } : {}) };
  });
  return {
    locks: result.locks,
    order: result.order,
    cycles: result.cycles,
    edges,
    dot: toDot(result),
    ...(svg ? { svg: await toSvg(result) } : {}),
  };
}
