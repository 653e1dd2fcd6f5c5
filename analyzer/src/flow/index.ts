/**
 * The flow-sensitive walk of one function body, as the rest of the analysis sees it
 * (summary.ts walks each function with walkFunction). The parts: heldSet.ts (the held-set domain),
 * walker.ts (statements, expressions, calls), primitives.ts (the lock primitives),
 * guardedFields.ts (@guardedBy checks), conditions.ts (the boolean forms a trylock result passes
 * through), context.ts (what they share).
 *
 * Owns: nothing but the entry point. Must not: hold logic.
 */
export type { FlowContext } from "./context";
export { walkFunction, type WalkedFunction } from "./walker";
