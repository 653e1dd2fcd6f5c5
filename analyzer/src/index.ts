/**
 * The analyzer's public API: what the CLI, the language server and tests build on.
 *
 * Owns: the list of exported entry points and types.
 * Must not: contain logic, or import anything LSP or VS Code.
 */
export { analyzePaths, analyzeProgram, Analyzer, type AnalyzeOptions, type AnalysisState } from "./analyze";
export { EditorQueries, type FunctionDetails, type HistoryPoint, type LockDetails, type NeighbourEdge, type UnresolvedCallPoint } from "./queries";
export { FixFinder, fixIsSafe, type Fix } from "./fixes";
export { suppressionFix } from "./suppressions";
export { cycleKey, FixEngine, fixUnattended, HostSession, type FixRun, type ModelSession } from "./fixes/engine";
export { morphLoaded } from "./fixes/morph";
export { applyEdits, LineMap, type TextEdit } from "./lines";
export { CODES, cycleChain, docsLink, listedCycleEdges, messages, usageWords, type DiagnosticCode } from "./diagnostics";
export { escapeControls, mdCode, mdFence, mdText } from "./output/escape";
export { LOCKORDER_MODULE } from "./imports";
export { compareOrdinal } from "./ordinal";
export { loadModel, resolveInputs, configuredFiles, readConfig, listSourceFiles, importedModules, importsLockorder, ModelHost, optionsFor, unresolvedLockorder, type ModelConfig, type ModelInputs } from "./program";
export { DEFAULT_MAX_FILE_SIZE, problemOf, readModelFile, textProblem, type FileProblem, type ReadLimits, type ReadResult } from "./files";
export { toJson } from "./output/json";
export { cachedAnswer, storeAnswer } from "./cache/resultCache";
export { cacheFolder } from "./codeCache";
export { VERSION } from "./cliArgs";
export { scenarioTable } from "./output/text";
export { toDot, toSvg, graphEdges, irqSafety, type GraphEdge } from "./output/graph";
export type * from "./model";
