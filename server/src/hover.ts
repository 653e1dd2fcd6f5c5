/**
 * Hovers as Markdown, the possible deadlock first: when what is under the cursor is on a cycle,
 * the hover opens with the cycle in one line, lockdep's CPU0/CPU1 scenario table and one evidence
 * site per edge; the other cycles through it follow one line each ("3 more possible deadlocks
 * through …"), each linked to its closing edge's site, past 8 counted. Then, for a lock, its interrupt usage in
 * words with where each was first seen and lockdep's report of each interrupt problem it is part
 * of, and its kind, rank (or the locks it is on a cycle with), the locks taken before and after it
 * with one evidence chain each (long lists cut, the rest counted); for a function, its lock sets
 * with call chains; at an acquisition or call, the lock history there (lockdep's "locks held");
 * and a call that reaches no function of the model (unresolved: no lock effect).
 *
 * The parts under one cursor (the history at an acquisition and the lock it takes, say) are
 * composed by `hoverText`: a cycle shown by one part is not shown again by the next.
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
  type ResultCycle,
  type ResultUsage,
  type UnresolvedCallPoint,
  usageWords,
} from "lockorder/analyzer";
import { markdownLink } from "./convert";

/** How many neighbours of a lock are listed before the rest is counted. */
const LISTED_NEIGHBOURS = 8;
/** How many other cycles are listed, one line each, before the rest is counted. */
const LISTED_CYCLES = 8;

/** The cycles already shown in a hover (by their edges, whatever lock they start at). */
export type ShownCycles = Set<string>;

const cycleId = (c: ResultCycle) => c.edges.map((e) => `${e.from}\u0000${e.to}`).sort().join("\u0001");

/** `via g (file:line) → h (file:line)`: each step is where that function calls the next or acquires. */
function chainText(chain: readonly ChainStep[], from = 1): string {
  return chain.length > from ? ` via ${chain.slice(from).map((s) => `${code(s.function)} (${markdownLink(s)})`).join(" → ")}` : "";
}

function neighbour(e: NeighbourEdge): string {
  return `- ${code(e.lock)} \\[${e.mode}\\] in ${code(e.site.function)} at ${markdownLink(e.site)}${chainText(e.site.chain)}`;
}

function neighbours(list: readonly NeighbourEdge[]): string[] {
  const lines = list.slice(0, LISTED_NEIGHBOURS).map(neighbour);
  if (list.length > LISTED_NEIGHBOURS) lines.push(`- … and ${list.length - LISTED_NEIGHBOURS} more (Lockorder: Show Lock Graph shows them all)`);
  return lines;
}

/**
 * The possible deadlocks through `subject`, not yet shown: the first (the shortest) in full, its
 * scenario table and one site per edge; the others one line each. Marks them shown.
 */
function deadlocks(cycles: readonly ResultCycle[], subject: string, shown: ShownCycles): string[] {
  const fresh = cycles.filter((c) => !shown.has(cycleId(c)));
  for (const c of fresh) shown.add(cycleId(c));
  const [first, ...rest] = fresh;
  if (!first) return [];
  const lines = [`⚠ **Possible deadlock:** ${code(cycleChain(first.locks))}`, "", ...mdFence("text", scenarioTable(first)), ""];
  const { indices, omitted } = listedCycleEdges(first.edges.length);
  for (const i of indices) {
    const e = first.edges[i];
    const site = e.sites[0];
    if (site) lines.push(`- ${code(e.from)} → ${code(e.to)}${e.wait ? " (a wait)" : ""} in ${code(site.function)} at ${markdownLink(site)}${chainText(site.chain)}`);
  }
  if (omitted) lines.push(`- ${mdText(omitted.note)}`);
  if (rest.length > 0) {
    lines.push("", `**${rest.length} more possible deadlock${rest.length === 1 ? "" : "s"}** through ${subject}:`);
    for (const c of rest.slice(0, LISTED_CYCLES)) {
      const closing = c.edges[c.edges.length - 1]?.sites[0];
      lines.push(`- ${code(cycleChain(c.locks))}${closing ? ` (${markdownLink(closing)})` : ""}`);
    }
    if (rest.length > LISTED_CYCLES) lines.push(`- … and ${rest.length - LISTED_CYCLES} more (Lockorder: Show Lock Graph lists them all)`);
  }
  return lines;
}

/** `on a cycle with a, b and 2 more` (plain text, for lenses too). */
export function cycleWithText(locks: readonly string[], format: (name: string) => string = (n) => n, listed = 3): string {
  const names = locks.slice(0, listed).map(format);
  const more = locks.length - names.length;
  const list = more > 0 ? `${names.join(", ")} and ${more} more` : names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
  return `on a cycle with ${list}`;
}

export function lockHover(d: LockDetails, shown: ShownCycles = new Set()): string {
  const lines = deadlocks(d.cycles, code(d.name), shown);
  if (d.usage.length > 0) lines.push(...(lines.length > 0 ? [""] : []), "**Interrupt usage:**", ...d.usage.map(usageLine));
  for (const report of d.interruptReports) lines.push(...(lines.length > 0 ? [""] : []), ...mdFence("text", report));
  const order = d.cycleWith.length > 0 ? `⚠ ${cycleWithText(d.cycleWith, code)}` : `lock order **${d.rank}** of ${d.ranks}${d.onCycle ? " · ⚠ on a cycle" : ""}`;
  lines.push(
    ...(lines.length > 0 ? [""] : []),
    `**${d.kind}** ${code(d.name)} · ${order}`,
    "",
    `Declared at ${markdownLink(d.declaration)}; acquired at ${d.acquisitions.length} site${d.acquisitions.length === 1 ? "" : "s"}.`,
  );
  if (d.takenAfter.length > 0) lines.push("", `**Taken after** (held when ${code(d.name)} is acquired):`, ...neighbours(d.takenAfter));
  if (d.takenBefore.length > 0) lines.push("", `**Taken before** (acquired while ${code(d.name)} is held):`, ...neighbours(d.takenBefore));
  return lines.join("\n");
}

/** `IN-HARDIRQ-W`: taken in hardirq context, in `handler` at file:line (from `a` → `handler`). */
function usageLine(u: ResultUsage): string {
  const words = usageWords(u.usage, u.enabling);
  const from = u.entry.length > 1 ? ` (from ${u.entry.map(code).join(" → ")})` : "";
  return `- ${code(u.usage)}: ${words}, in ${code(u.function)} at ${markdownLink(u)}${from}`;
}

export function functionHover(f: FunctionDetails, shown: ShownCycles = new Set()): string {
  const list = (xs: readonly string[]) => (xs.length > 0 ? xs.map(code).join(", ") : "—");
  const lines = deadlocks(f.cycles, code(f.name), shown);
  lines.push(...(lines.length > 0 ? [""] : []), `**function** ${code(f.name)}`, "");
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
  return lines.join("\n");
}

export function historyHover(h: HistoryPoint, shown: ShownCycles = new Set()): string {
  const what = h.acquiring !== undefined ? `acquiring ${code(h.acquiring)}` : `calling ${(h.calling ?? []).map(code).join(", ")}`;
  const lines = deadlocks(h.cycles, "here", shown);
  lines.push(...(lines.length > 0 ? [""] : []), `**Lock history** in ${code(h.function)}, ${what}`, "");
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

/**
 * The hover under a cursor from its parts: the lock history at an acquisition or call, an
 * unresolved call, the lock referenced there; the function only when none of those is. A part on
 * a possible deadlock opens with it; a cycle a part has shown is not shown again.
 */
export function hoverText(parts: { history?: HistoryPoint; unresolved?: UnresolvedCallPoint; lock?: LockDetails; fn: () => FunctionDetails | undefined }): string | undefined {
  const shown: ShownCycles = new Set();
  const texts: string[] = [];
  if (parts.history) texts.push(historyHover(parts.history, shown));
  if (parts.unresolved) texts.push(unresolvedCallHover(parts.unresolved));
  if (parts.lock) texts.push(lockHover(parts.lock, shown));
  const fn = texts.length === 0 ? parts.fn() : undefined;
  if (fn) texts.push(functionHover(fn, shown));
  return texts.length > 0 ? texts.join("\n\n---\n\n") : undefined;
}
