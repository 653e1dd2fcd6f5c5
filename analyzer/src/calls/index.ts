/**
 * Call resolution (docs/annotations.md#dispatch) as the rest of the analyzer sees it, in two
 * halves. Per file, with the type checker (FileDispatch, for summary.ts and the flow walk): what
 * each call names, and which function values flow into which declarations (object-literal ops
 * tables, assignments, initialisers, class members implementing or overriding base members,
 * arguments into parameters, destructuring, return values `k()`, the elements `k[]` of arrays,
 * sets and maps; docs/annotations.md#function-values); flows between a body's own locals are
 * closed within the file and never leave it. At link time, without the checker (DispatchLinker,
 * for link.ts): the closure of the files' flows from a call's keys to every function it may
 * reach. Keys (keys.ts) instead of nodes let one file's summary survive another file's re-parse;
 * every walk (values, flows, closures) is iterative or bounded.
 *
 * The parts: fileDispatch.ts (a file's dispatch, the targets of calls), flowIndex.ts (which syntax
 * makes a flow), bindings.ts (how a value reaches its targets), values.ts (the keys an expression
 * stands for, what a callee names), symbols.ts (names through the checker), callable.ts (whether a
 * value may be a function), containers.ts (the standard containers), fileFlows.ts (a file's
 * recorded flows and what leaves the file), linker.ts (the link-time closure).
 *
 * Owns: nothing but the entry point. Must not: hold logic.
 */
export { FileDispatch } from "./fileDispatch";
export type { FileFlows } from "./fileFlows";
export { DispatchLinker } from "./linker";
