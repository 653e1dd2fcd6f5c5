/**
 * What each function may acquire (lockGraph/closure.ts) on a model where many functions call the
 * same dispatched member with a large lock set, as every device of a driver calls its bus's ops:
 * those unions are computed once and shared (SharedUnions), and each function still has exactly its
 * own locks besides. Seen through the edges from a lock held around a call of each: they go to
 * everything the callee may acquire, checked against the sets written out by hand.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { analyzePathsState } from "../src/analyze";

const IMPLEMENTATIONS = 300;
const CALLERS = 6;

/**
 * A bus whose ops have IMPLEMENTATIONS implementations, each taking a lock of its own; CALLERS
 * callers of the ops, half of them taking a lock of their own first; and for each caller, a
 * function that calls it holding a lock.
 */
function busModel(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-mayacquire-"));
  const lines = ['import { defineLock, lock, unlock } from "lockorder";', "", "export interface BusOps { probe(): void }", ""];
  for (let i = 0; i < IMPLEMENTATIONS; i++) lines.push(`export const dev${i} = defineLock("dev${i}");`);
  for (let c = 0; c < CALLERS; c++) lines.push(`export const caller${c} = defineLock("caller${c}");`, `export const outer${c} = defineLock("outer${c}");`);
  for (let i = 0; i < IMPLEMENTATIONS; i++) lines.push(`export class Dev${i} implements BusOps {`, "  probe(): void {", `    lock(dev${i});`, `    unlock(dev${i});`, "  }", "}");
  for (let c = 0; c < CALLERS; c++) {
    const own = c % 2 === 0 ? [`  lock(caller${c});`, `  unlock(caller${c});`] : [];
    lines.push(`export function probeAll${c}(ops: BusOps): void {`, ...own, "  ops.probe();", "}");
    lines.push(`export function outerProbe${c}(ops: BusOps): void {`, `  lock(outer${c});`, `  probeAll${c}(ops);`, `  unlock(outer${c});`, "}");
  }
  fs.writeFileSync(path.join(dir, "bus.ts"), lines.join("\n") + "\n");
  return dir;
}

test("callers of the same large dispatched set each may acquire all of it, and their own locks only", () => {
  const dir = busModel();
  const result = analyzePathsState([dir], { cwd: dir }).result;
  const devices = Array.from({ length: IMPLEMENTATIONS }, (_, i) => `dev${i}`);
  for (let c = 0; c < CALLERS; c++) {
    const acquiredUnder = result.details.edges.filter((e) => e.from === `outer${c}`).map((e) => e.to);
    const expected = [...devices, ...(c % 2 === 0 ? [`caller${c}`] : [])].sort();
    assert.deepEqual(acquiredUnder.sort(), expected, `what probeAll${c} may acquire, as the edges from outer${c}`);
  }
});
