/**
 * The (lock, kind) keys of the lock graph: how a function comes to acquire a lock, as one number,
 * so that sets of them are sorted arrays of numbers (closure.ts), or bitsets (releases.ts).
 *
 * Owns: the key encoding. Must not: know anything about functions or calls.
 */
import type { AcquireMode, HoldMode } from "../model";

/**
 * How a function comes to acquire a lock: N exclusively, r by a non-recursive read (N for the
 * strong-cycle rule, but lockdep prints it as a read), R by a recursive read, T by trylock.
 */
export type AcquireKind = "N" | "r" | "R" | "T";
const KINDS: readonly AcquireKind[] = ["N", "r", "R", "T"];

export function kindOf(use: { mode: HoldMode; acquire: AcquireMode }, how: "block" | "try"): AcquireKind {
  if (how === "try") return "T";
  return use.acquire === "R" ? "R" : use.mode === "S" ? "r" : "N";
}

/** A (lock, kind) pair as one number: lock * 4 + kind. */
export const keyOf = (lock: number, kind: AcquireKind) => lock * 4 + KINDS.indexOf(kind);
export const lockOfKey = (key: number) => key >> 2;
export const kindOfKey = (key: number): AcquireKind => KINDS[key & 3];
