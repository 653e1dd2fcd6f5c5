/**
 * `--format text`: one `file:line:col: severity: message [code]` line per diagnostic, then for
 * each cycle (shortest first, as the result lists them) a lockdep-style report ending in the
 * two-CPU unsafe-scenario table, then for each interrupt problem lockdep's report of it
 * (irqReport.ts), then a summary: the errors, the warnings and the files that have
 * any. Diagnostics silenced by a suppression comment are neither printed nor counted, nor is the
 * report of a cycle that only silenced diagnostics name.
 * Written a line at a time; control characters in names and messages are shown as escapes, so
 * that nothing from the model reaches the terminal as an escape sequence or splits a line.
 *
 * Owns: the human-readable rendering, including lockdep's scenario table (shared with hovers).
 * Must not: compute anything the result does not already hold.
 */
import { cycleChain, listedCycleEdges } from "../diagnostics";
import type { CheckReport, ResultCycle, ResultDiagnostic, ResultEdge, ResultEdgeSite } from "../model";
import { escapeControls } from "./escape";
import { irqReports } from "./irqReport";

/** The text report as lines, each ending in a newline. */
export function* textOutput(result: CheckReport): Generator<string> {
  const shown = result.diagnostics.filter((d) => !d.suppressed);
  for (const d of shown) yield escapeControls(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`) + "\n";
  const silenced = silencedCycles(result.diagnostics);
  let first = shown.length === 0;
  for (const cycle of result.details.cycles) {
    if (silenced.size > 0 && silenced.has(cycleKey(cycle.locks))) continue;
    for (const line of [...(first ? [] : [""]), ...cycleReport(cycle)]) yield escapeControls(line) + "\n";
    first = false;
  }
  for (const report of irqReports(shown)) {
    for (const line of [...(first ? [] : [""]), ...report]) yield escapeControls(line) + "\n";
    first = false;
  }
  yield (first ? "" : "\n") + summaryLine(shown) + "\n";
}

/** The cycles that suppressed inversions name and no other inversion does (keys: cycleKey). */
function silencedCycles(diagnostics: readonly ResultDiagnostic[]): Set<string> {
  const silenced = new Set<string>();
  const shown = new Set<string>();
  for (const d of diagnostics) if (d.args.code === "lock-order-inversion") (d.suppressed ? silenced : shown).add(cycleKey(d.args.cycle));
  for (const key of shown) silenced.delete(key);
  return silenced;
}

/** A cycle's locks from its least name on: the same key for every rotation of it. */
function cycleKey(locks: readonly string[]): string {
  let start = 0;
  locks.forEach((l, i) => {
    if (l < locks[start]) start = i;
  });
  return [...locks.slice(start), ...locks.slice(0, start)].join("\n");
}

function summaryLine(diagnostics: readonly ResultDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Where an edge was observed, with the call chain down to the acquisition. */
function describeSite(site: ResultEdgeSite): string {
  const via = site.chain.length > 1 ? ` (via ${site.chain.slice(1).map((s) => `${s.function} at ${baseName(s.file)}:${s.line}`).join(" → ")})` : "";
  return `${site.file}:${site.line}:${site.column} in ${site.function}${via}`;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}

/** Lockdep's report of a circular dependency: the chain (bounded, as in messages) and the unsafe scenario. */
function cycleReport(cycle: ResultCycle): string[] {
  const out = [`possible circular locking dependency: ${cycleChain(cycle.locks)}`];
  const { indices, omitted } = listedCycleEdges(cycle.edges.length);
  for (const i of indices) {
    const e = cycle.edges[i];
    const where = e.sites[0] ? describeSite(e.sites[0]) : "(no site)";
    out.push(`  #${i} '${e.from}' → '${e.to}' [${e.mode}${e.wait ? ", wait" : ""}] at ${where}`);
  }
  if (omitted) out.push(`  ${omitted.note}`);
  out.push("", ...scenarioTable(cycle));
  return out;
}

/**
 * Lockdep's "Possible unsafe locking scenario" for a cycle L0 → L1 → … → Lk-1 → L0: CPU0 holds
 * L0 (the target) and wants L1 (the source); CPU1 holds Lk-1 (the parent) and wants L0. Wanting a
 * lock by a wait (waitFor, synchronize_srcu) is `wait(…)` (docs/annotations.md#waits).
 */
export function scenarioTable(cycle: ResultCycle): string[] {
  const names = cycle.locks;
  const first = cycle.edges[0];
  const closing = cycle.edges[cycle.edges.length - 1];
  // Lockdep prints `rlock(` for a read, whether held (S) or being acquired (shared).
  const verb = (edge: ResultEdge | undefined, side: "holder" | "acquirer") =>
    side === "acquirer" && edge?.wait ? "wait" : (side === "holder" ? edge?.mode[0] === "S" : edge?.read) ? "rlock" : "lock";
  const target = names[0];
  const source = names[1 % names.length];
  const parent = names[names.length - 1];
  const out: string[] = [];
  if (names.length > 2) out.push("Chain exists of:", `  ${source} --> ${parent} --> ${target}`, "");
  const col = (text: string) => " ".repeat(31) + text;
  out.push(
    " Possible unsafe locking scenario:",
    "",
    "       CPU0                    CPU1",
    "       ----                    ----",
    `  ${verb(first, "holder")}(${target});`,
    col(`${verb(closing, "holder")}(${parent});`),
    col(`${verb(closing, "acquirer")}(${target});`),
    `  ${verb(first, "acquirer")}(${source});`,
    "",
    " *** DEADLOCK ***",
  );
  return out;
}
