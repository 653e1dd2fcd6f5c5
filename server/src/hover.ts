/**
 * Hovers as Markdown: a lock (kind, rank, the locks taken before and after it with one evidence
 * chain each, lockdep's CPU0/CPU1 scenario for each cycle through it, its interrupt usage in words
 * with where each was first seen, and lockdep's report of each interrupt problem it is part of), a function (its lock sets
 * with call chains), the lock history at an acquisition or call (lockdep's "locks held"), and a
 * call that reaches no function of the model (unresolved: no lock effect).
 *
 * Names are shown exactly, in code spans no backtick in a name can end (the analyzer's escape
 * helpers); a long cycle is written by its ends and length, as in the analyzer's reports.
 *
 * Owns: the wording and layout of hovers. Must not: compute analysis facts (queries do).
 */
import {
  cycleChain,
  listedCycleEdges,
  mdCode as code,
  mdFence,
  mdText,
  messages,
  scenarioTable,
  type ChainStep,
  type FunctionDetails,
  type HistoryPoint,
  type LockDetails,
  type NeighbourEdge,
  type ResultUsage,
  type UnresolvedCallPoint,
} from "lockorder/analyzer";
import { markdownLink } from "./convert";

/** `via g (file:line) → h (file:line)`: each step is where that function calls the next or acquires. */
function chainText(chain: readonly ChainStep[], from = 1): string {
  return chain.length > from ? ` via ${chain.slice(from).map((s) => `${code(s.function)} (${markdownLink(s)})`).join(" → ")}` : "";
}

function neighbour(e: NeighbourEdge): string {
  return `- ${code(e.lock)} \\[${e.mode}\\] in ${code(e.site.function)} at ${markdownLink(e.site)}${chainText(e.site.chain)}`;
}

export function lockHover(d: LockDetails): string {
  const lines = [
    `**${d.kind}** ${code(d.name)} · lock order **${d.rank}** of ${d.ranks}${d.onCycle ? " · ⚠ on a cycle" : ""}`,
    "",
    `Declared at ${markdownLink(d.declaration)}; acquired at ${d.acquisitions.length} site${d.acquisitions.length === 1 ? "" : "s"}.`,
  ];
  if (d.takenAfter.length > 0) lines.push("", `**Taken after** (held when ${code(d.name)} is acquired):`, ...d.takenAfter.map(neighbour));
  if (d.takenBefore.length > 0) lines.push("", `**Taken before** (acquired while ${code(d.name)} is held):`, ...d.takenBefore.map(neighbour));
  for (const cycle of d.cycles) {
    lines.push("", `**Possible deadlock:** ${code(cycleChain(cycle.locks))}`);
    const { indices, omitted } = listedCycleEdges(cycle.edges.length);
    for (const i of indices) {
      const e = cycle.edges[i];
      const site = e.sites[0];
      if (site) lines.push(`- ${code(e.from)} → ${code(e.to)}${e.wait ? " (a wait)" : ""} in ${code(site.function)} at ${markdownLink(site)}${chainText(site.chain)}`);
    }
    if (omitted) lines.push(`- ${mdText(omitted.note)}`);
    lines.push("", ...mdFence("text", scenarioTable(cycle)));
  }
  if (d.usage.length > 0) lines.push("", "**Interrupt usage:**", ...d.usage.map(usageLine));
  for (const report of d.interruptReports) lines.push("", ...mdFence("text", report));
  return lines.join("\n");
}

/** `IN-HARDIRQ-W`: taken in hardirq context, in `handler` at file:line (from `a` → `handler`). */
function usageLine(u: ResultUsage): string {
  const irq = u.usage.includes("HARDIRQ") ? "hardirq" : "softirq";
  const how = u.usage.endsWith("-R") ? "read" : "taken";
  const words = u.usage.startsWith("IN-") ? `${how} in ${irq} context` : u.enabling ? `held where ${irq}s are enabled` : `${how} with ${irq}s enabled`;
  const from = u.entry.length > 1 ? ` (from ${u.entry.map(code).join(" → ")})` : "";
  return `- ${code(u.usage)}: ${words}, in ${code(u.function)} at ${markdownLink(u)}${from}`;
}

export function functionHover(f: FunctionDetails): string {
  const list = (xs: readonly string[]) => (xs.length > 0 ? xs.map(code).join(", ") : "—");
  const lines = [`**function** ${code(f.name)}`, ""];
  if (f.sequence.length > 0) lines.push(`Lock sequence: ${f.sequence.map(code).join(" → ")}`, "");
  lines.push(
    `- requires: ${list(f.requires)}`,
    `- excludes: ${list(f.excludes)}`,
    `- acquires (direct, in order): ${list(f.acquires)}`,
    `- may acquire: ${f.mayAcquire.length > 0 ? "" : "—"}`,
    ...f.mayAcquire.map((m) => `  - ${code(m.lock)}${m.trylock ? " (trylock)" : ""}${m.chain.length === 0 ? " directly" : chainText(m.chain, 0)}`),
    `- held at exit: ${list(f.heldAtExit)}`,
    `- releases: ${list(f.releases)}`,
  );
  for (const cycle of f.deadlocks) lines.push("", `⚠ Takes part in a possible deadlock: ${code(cycleChain(cycle))}`);
  return lines.join("\n");
}

export function historyHover(h: HistoryPoint): string {
  const what = h.acquiring !== undefined ? `acquiring ${code(h.acquiring)}` : `calling ${(h.calling ?? []).map(code).join(", ")}`;
  const lines = [`**Lock history** in ${code(h.function)}, ${what}`, ""];
  if (h.held.length === 0) lines.push("No locks held.");
  else {
    lines.push(`${h.held.length} lock${h.held.length === 1 ? "" : "s"} held:`);
    h.held.forEach((e, i) => lines.push(`- #${i}: ${code(e.lock)}${e.mode === "S" ? " (read)" : ""}, acquired at ${markdownLink(e.location)}`));
  }
  return lines.join("\n");
}

export function unresolvedCallHover(u: UnresolvedCallPoint): string {
  return [`**Unresolved call** ${code(u.callee)} in ${code(u.function)}`, "", mdText(messages.unresolvedCall())].join("\n");
}
