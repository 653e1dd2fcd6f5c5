/**
 * Code lenses, resolved lazily, each with a command:
 * - above each function with acquisitions, its acquisition sequence (`guests_lock → kvm->lock →
 *   mdevs_lock`, and what it holds on entry), opening its lock history: each lock it takes, in
 *   order, with the call chain to it and the place it is taken (`lockorder.showLockHistory`, a
 *   quick pick in VS Code);
 * - above each function that takes part in a possible deadlock, through calls too, a warning with
 *   the cycle, opening the other sides: the sites of the cycles' edges it takes no part in
 *   (`lockorder.showLocations`, the references peek in VS Code);
 * - above each `defineLock`, its rank, or the locks it is on a cycle with ("lock order 1 of 1"
 *   would read like a bug), and how many functions take it, opening their acquisition sites.
 * A function with nothing to show gets no lens (a `@requires` method that takes nothing: the
 * decorator above it says it all), nor does a function nested in another (an arrow function in a
 * method): its effects are its container's to show. With `codeLens.functions` off, only the lock
 * lenses are shown.
 *
 * A title is plain text, not Markdown: names go in with their control characters escaped and
 * VS Code's `$(icon)` syntax escaped; a long sequence or cycle is cut in its middle, the whole of
 * it in the lens's tooltip.
 *
 * Owns: the lenses' text, data and command arguments. Must not: compute analysis facts (queries do).
 */
import { cycleChain, escapeControls, type FunctionDetails, type Location } from "lockorder/analyzer";
import type { CodeLens, Command } from "vscode-languageserver";
import { toLspLocation, toRange, toUri } from "./convert";
import { cycleWithText } from "./hover";
import type { Snapshot } from "./workspace";

interface LensData {
  kind: "sequence" | "deadlock" | "lock";
  file: string;
  name: string;
  line: number;
}

/** Command the VS Code client turns into a references peek (other clients show the title). */
const SHOW_LOCATIONS = "lockorder.showLocations";
/** Command the VS Code client turns into a quick pick of a function's acquisitions (other clients show the title). */
const SHOW_LOCK_HISTORY = "lockorder.showLockHistory";

/** How many cycles a warning lens's tooltip lists. */
const TOOLTIP_CYCLES = 8;

/** The longest sequence or cycle a title shows whole (characters); past it, its middle is cut. */
const TITLE_CHAIN_LENGTH = 100;

/** The arguments of `lockorder.showLockHistory`: what the VS Code client lists. */
export interface LockHistoryArguments {
  title: string;
  items: { label: string; description: string; detail: string; location: ReturnType<typeof toLspLocation> }[];
}

export function codeLenses(snapshot: Snapshot, file: string, options: { functions: boolean } = { functions: true }): CodeLens[] {
  const lenses: CodeLens[] = [];
  if (options.functions) {
    for (const f of snapshot.queries.functionsIn(file)) {
      if (f.nested) continue;
      const data: LensData = { kind: "sequence", file, name: f.name, line: f.location.line };
      if (f.sequence.length > 0) lenses.push({ range: toRange(f.location), data });
      if (f.cycles.length > 0) lenses.push({ range: toRange(f.location), data: { ...data, kind: "deadlock" } });
    }
  }
  for (const l of snapshot.queries.locksIn(file)) {
    lenses.push({ range: toRange(l.location), data: { kind: "lock", file, name: l.name, line: l.location.line } satisfies LensData });
  }
  return lenses;
}

export function resolveCodeLens(snapshot: Snapshot, lens: CodeLens): CodeLens {
  const data = lens.data as LensData;
  const titled = (text: string, command: Omit<Command, "title"> = { command: "" }): CodeLens => ({ ...lens, command: { title: titleText(text), ...command } });
  if (data.kind === "lock") {
    const l = snapshot.queries.locksIn(data.file).find((x) => x.name === data.name);
    if (!l) return titled("lock order: (stale)");
    const taken = `taken by ${l.takenBy.length} function${l.takenBy.length === 1 ? "" : "s"}`;
    const order = l.cycleWith.length > 0 ? cycleWithText(l.cycleWith) : `lock order ${l.rank} of ${l.ranks}`;
    const tooltip = [
      l.cycleWith.length > 0 ? `${l.name} is on a possible deadlock with ${l.cycleWith.join(", ")}.` : `${l.name} is number ${l.rank} of the ${l.ranks} ranks of the lock order.`,
      `Taken by ${l.takenBy.join(", ") || "no function"}.`,
      `Click to see its ${l.acquisitions.length} acquisition site${l.acquisitions.length === 1 ? "" : "s"}.`,
    ].join("\n");
    return titled(`${order} · ${taken}`, { command: SHOW_LOCATIONS, tooltip: tooltipText(tooltip), arguments: [toUri(data.file), lens.range.start, l.acquisitions.map(toLspLocation)] });
  }
  const f = snapshot.queries.functionsIn(data.file).find((x) => x.name === data.name && x.location.line === data.line);
  if (!f) return titled("locks: (stale)");
  if (data.kind === "deadlock") {
    const [first, ...rest] = f.cycles;
    if (!first) return titled("⚠ possible deadlock: (stale)");
    const more = rest.length > 0 ? ` and ${rest.length} more` : "";
    // Every edge of a cycle can be the function's own (it takes both orders): then its sites are the sides.
    const sides = f.otherSides.length > 0 ? f.otherSides : first.edges.flatMap((e) => e.sites);
    const tooltip = [
      `${f.name} takes part in ${f.cycles.length === 1 ? "a possible deadlock" : `${f.cycles.length} possible deadlocks`}:`,
      ...f.cycles.slice(0, TOOLTIP_CYCLES).map((c) => `  ${cycleChain(c.locks, undefined, Infinity)}`),
      ...(f.cycles.length > TOOLTIP_CYCLES ? [`  … and ${f.cycles.length - TOOLTIP_CYCLES} more`] : []),
      `Click to see the other side${sides.length === 1 ? "" : "s"} (${sides.length} site${sides.length === 1 ? "" : "s"}).`,
    ].join("\n");
    return titled(`⚠ possible deadlock: ${elided([...first.locks, first.locks[0]])}${more}`, {
      command: SHOW_LOCATIONS,
      tooltip: tooltipText(tooltip),
      arguments: [toUri(data.file), lens.range.start, sides.map((s: Location) => toLspLocation(s))],
    });
  }
  const held = f.requires.length > 0 ? ` (holding ${f.requires.join(", ")})` : "";
  const whole = `${f.sequence.join(" → ")}${held}`;
  const tooltip = `${f.name} takes ${whole}.\nClick to see where it takes each lock, and through which calls.`;
  return titled(`${elided(f.sequence)}${held}`, { command: SHOW_LOCK_HISTORY, tooltip: tooltipText(tooltip), arguments: [lockHistory(f, whole)] });
}

/** The acquisitions of a function in the order it takes them, each with its call chain and place. */
function lockHistory(f: FunctionDetails, whole: string): LockHistoryArguments {
  const name = (file: string) => file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  return {
    title: tooltipText(`${f.name}: ${whole}`),
    items: f.mayAcquire.map((m, i) => ({
      label: titleText(`${i + 1}. ${m.lock}${m.trylock ? " (trylock)" : ""}`),
      description: titleText(m.chain.length === 0 ? "directly" : `via ${m.chain.slice(1).map((s) => s.function).join(" → ")}`),
      detail: titleText(m.chain.length === 0 ? `${name(m.location.file)}:${m.location.line}` : m.chain.map((s) => `${s.function} (${name(s.file)}:${s.line})`).join(" → ")),
      location: toLspLocation(m.location),
    })),
  };
}

/**
 * A chain of names joined by arrows; past TITLE_CHAIN_LENGTH characters, its middle is cut (`a → b
 * → … 5 more … → y → z`), keeping as many names at both ends as fit, and always the two ends.
 */
export function elided(names: readonly string[]): string {
  const whole = names.join(" → ");
  const n = names.length;
  if (whole.length <= TITLE_CHAIN_LENGTH || n <= 3) return whole;
  let text = whole;
  for (let keep = n - 1; keep >= 2; keep--) {
    const head = Math.ceil(keep / 2);
    text = [...names.slice(0, head), `… ${n - keep} more …`, ...names.slice(n - (keep - head))].join(" → ");
    if (text.length <= TITLE_CHAIN_LENGTH) break;
  }
  return text;
}

/** A lens title as plain text: no control characters, and a `$(name)` in a lock name shown, not drawn as an icon. */
function titleText(text: string): string {
  return escapeControls(text).replace(/\$\(/g, "\\$(");
}

/** A tooltip as plain text: line breaks kept, other control characters escaped. */
function tooltipText(text: string): string {
  return text.split("\n").map(escapeControls).join("\n");
}
