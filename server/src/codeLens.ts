/**
 * Code lenses, resolved lazily: above each function with lock effects its acquisition sequence
 * (`guests_lock → kvm->lock → mdevs_lock`) and a warning when it takes part in a possible
 * deadlock; above each `defineLock` its rank and how many functions take it, opening the list of
 * acquisition sites.
 *
 * A title is plain text, not Markdown: names go in with their control characters escaped and
 * VS Code's `$(icon)` syntax escaped, and a long cycle is written by its ends and length.
 *
 * Owns: the lenses' text and data. Must not: compute analysis facts (queries do).
 */
import { cycleChain, escapeControls } from "lockorder/analyzer";
import type { CodeLens } from "vscode-languageserver";
import { toLspLocation, toRange, toUri } from "./convert";
import type { Snapshot } from "./workspace";

interface LensData {
  kind: "sequence" | "deadlock" | "lock";
  file: string;
  name: string;
  line: number;
}

/** Command the VS Code client turns into a references peek (other clients show the title). */
const SHOW_LOCATIONS = "lockorder.showLocations";

export function codeLenses(snapshot: Snapshot, file: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const f of snapshot.queries.functionsIn(file)) {
    const data: LensData = { kind: "sequence", file, name: f.name, line: f.location.line };
    lenses.push({ range: toRange(f.location), data });
    if (f.deadlocks.length > 0) lenses.push({ range: toRange(f.location), data: { ...data, kind: "deadlock" } });
  }
  for (const l of snapshot.queries.locksIn(file)) {
    lenses.push({ range: toRange(l.location), data: { kind: "lock", file, name: l.name, line: l.location.line } satisfies LensData });
  }
  return lenses;
}

export function resolveCodeLens(snapshot: Snapshot, lens: CodeLens): CodeLens {
  const data = lens.data as LensData;
  const title = (text: string, command = "", args?: unknown[]) => ({ ...lens, command: { title: titleText(text), command, ...(args ? { arguments: args } : {}) } });
  if (data.kind === "lock") {
    const l = snapshot.queries.locksIn(data.file).find((x) => x.name === data.name);
    if (!l) return title("lock order: (stale)");
    const taken = `taken by ${l.takenBy.length} function${l.takenBy.length === 1 ? "" : "s"}`;
    return title(`lock order ${l.rank} of ${l.ranks} · ${taken}`, SHOW_LOCATIONS, [toUri(data.file), lens.range.start, l.acquisitions.map(toLspLocation)]);
  }
  const f = snapshot.queries.functionsIn(data.file).find((x) => x.name === data.name && x.location.line === data.line);
  if (!f) return title("locks: (stale)");
  if (data.kind === "deadlock") {
    const cycles = f.deadlocks.map((c) => cycleChain(c));
    return title(`⚠ possible deadlock: ${cycles.join("; ")}`);
  }
  const held = f.requires.length > 0 ? ` (holding ${f.requires.join(", ")})` : "";
  return title(f.sequence.length > 0 ? `${f.sequence.join(" → ")}${held}` : `no acquisitions${held}`);
}

/** A lens title as plain text: no control characters, and a `$(name)` in a lock name shown, not drawn as an icon. */
function titleText(text: string): string {
  return escapeControls(text).replace(/\$\(/g, "\\$(");
}
