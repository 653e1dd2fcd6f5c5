/**
 * Early cutoff for a warm `lockorder check --cache` (docs/architecture.md#the-result-cache), as build
 * systems cut a rebuild short when a step rebuilt gives what it gave before: when every file the
 * check summarised again says what its kept summary said, only moved by the lines its edit added
 * or removed, the whole analysis is the last one moved the same way, so the last run's report, its
 * locations moved, is the answer, without decoding the other summaries, linking them or building
 * the lock graph.
 *
 * Moves are by whole lines. An edit is the lines between the longest run of lines the old and new
 * texts share at their start and the longest they share at their end: lines before it keep their
 * place, lines after it move by the difference in line count, their columns unchanged and their
 * offsets moved by the difference in length. Anything a summary or the report places on an edited
 * line, or across one, stops the cutoff: its text, or what a suppression comment there silences,
 * may have changed.
 *
 * Owns: LineShift, comparing a kept file's encoded data, moved, with a new one, and moving a kept
 * report. Must not: answer when unsure: a shape it does not know is left as it is, and then
 * compares unequal (the caller then links and builds the graph as without it).
 */
import * as v8 from "node:v8";
import { LineMap } from "../lines";
import { referenceKey } from "../locks";
import type { CheckReport } from "../model";
import type { FileData } from "./summaryStore";

/** Where an old text's lines are in a new text (see the header). */
export class LineShift {
  private readonly oldLines: LineMap;
  /** Old lines before this one are unchanged, in place. */
  private readonly before: number;
  /** Old lines from this one on are unchanged and move by lineDelta lines, offsetDelta code units. */
  private readonly after: number;
  private readonly lineDelta: number;
  private readonly offsetDelta: number;

  constructor(oldText: string, newText: string) {
    const oldLines = new LineMap(oldText);
    const newLines = new LineMap(newText);
    const shared = Math.min(oldLines.lineCount, newLines.lineCount);
    let before = 0;
    while (before < shared && oldLines.lineText(before) === newLines.lineText(before)) before++;
    let tail = 0;
    while (tail < shared - before && oldLines.lineText(oldLines.lineCount - 1 - tail) === newLines.lineText(newLines.lineCount - 1 - tail)) tail++;
    this.oldLines = oldLines;
    this.before = before;
    this.after = oldLines.lineCount - tail;
    this.lineDelta = newLines.lineCount - oldLines.lineCount;
    this.offsetDelta = newText.length - oldText.length;
  }

  /** 0-based old lines `first` to `last`, moved; undefined when any is edited or the edit lies between them. */
  lines(first: number, last: number): [number, number] | undefined {
    const side = this.side(first, last);
    return side === undefined ? undefined : side === "before" ? [first, last] : [first + this.lineDelta, last + this.lineDelta];
  }

  /** An old range of offsets, moved; undefined as for lines. */
  offsets(start: number, end: number): [number, number] | undefined {
    const side = this.side(this.oldLines.position(start).line, this.oldLines.position(end).line);
    return side === undefined ? undefined : side === "before" ? [start, end] : [start + this.offsetDelta, end + this.offsetDelta];
  }

  private side(first: number, last: number): "before" | "after" | undefined {
    if (last < this.before) return "before";
    if (first >= this.after) return "after";
    return undefined;
  }
}

/** A site as encode (summaryCodec.ts) writes it: its file a placeholder. */
interface EncodedSite {
  sf: { $sf?: unknown };
  start: number;
  end: number;
}

function isEncodedSite(v: Record<string, unknown>): v is Record<string, unknown> & EncodedSite {
  const sf = v.sf as { $sf?: unknown } | null | undefined;
  return typeof sf === "object" && sf !== null && typeof sf.$sf === "string" && typeof v.start === "number" && typeof v.end === "number";
}

/** A suppression comment (suppressions.ts Suppression) as encoded: a site with the line it silences and where each code stands. */
interface EncodedSuppression extends EncodedSite {
  line: number;
  codes: { start: number; end: number }[];
}

/**
 * Whether a file summarised again says what its kept summary said, moved by `shifts` (keyed by
 * file name: its own edit, and those of the files its sites lie in). Both are compared as
 * serialised after the same round trip (a deserialised array serialises in another form than one
 * built by push), without the lock references that lie in other files: those serve the editor only,
 * and a kept summary's may have gone stale with an earlier edit of their file.
 */
export function saysTheSame(kept: Uint8Array, now: Uint8Array, shifts: ReadonlyMap<string, LineShift>): boolean {
  const before = v8.deserialize(kept) as FileData;
  const after = v8.deserialize(now) as FileData;
  if (!moveFileData(before, shifts)) return false;
  return v8.serialize(ownReferences(before)).equals(v8.serialize(ownReferences(after)));
}

/** The data with the summary's lock references keyed anew by where each starts (locks.ts referenceKey), those in other files dropped. */
function ownReferences(data: FileData): FileData {
  const summary = data.summary as { sf?: { $sf?: unknown }; references?: unknown };
  if (summary.references instanceof Map) {
    const entries = [...(summary.references as Map<string, { site: EncodedSite }>).values()];
    summary.references.clear();
    for (const ref of entries) if (ref.site.sf.$sf === summary.sf?.$sf) summary.references.set(referenceKey(String(ref.site.sf.$sf), ref.site.start), ref);
  }
  return data;
}

/**
 * Moves, in place, every site in a kept file's decoded data that lies in a file of `shifts` (keyed
 * by file name: its own, or one its references lie in), and the lines and codes of its suppression
 * comments; false when one lies on or across an edit (the data is then partly moved, and to be
 * dropped).
 */
function moveFileData(data: FileData, shifts: ReadonlyMap<string, LineShift>): boolean {
  for (const s of data.suppressions as EncodedSuppression[]) {
    const shift = shifts.get(String(s.sf.$sf));
    if (shift === undefined) continue;
    const line = shift.lines(s.line, s.line);
    if (line === undefined) return false;
    s.line = line[0];
    for (const code of s.codes) {
      const moved = shift.offsets(code.start, code.end);
      if (moved === undefined) return false;
      [code.start, code.end] = moved;
    }
  }
  const seen = new Set<object>();
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v) || v instanceof Set) for (const item of v) pending.push(item);
    else if (v instanceof Map) for (const [k, item] of v) pending.push(k, item);
    else {
      const record = v as Record<string, unknown>;
      const shift = isEncodedSite(record) ? shifts.get(String(record.sf.$sf)) : undefined;
      if (shift) {
        const moved = shift.offsets(record.start as number, record.end as number);
        if (moved === undefined) return false;
        [record.start, record.end] = moved;
      }
      for (const k of Object.keys(record)) pending.push(record[k]);
    }
  }
  return true;
}

/** A location of the report: a file and 1-based lines (a chain step has no end). */
interface ReportLocation {
  file: string;
  line: number;
  endLine?: number;
}

function isReportLocation(v: Record<string, unknown>): v is Record<string, unknown> & ReportLocation {
  return typeof v.file === "string" && typeof v.line === "number";
}

/**
 * Moves, in place, every location of a kept report in a file of `shifts` (keyed by the report's
 * file names); false when one lies on or across that file's edit.
 */
export function moveReport(report: CheckReport, shifts: ReadonlyMap<string, LineShift>): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [report.diagnostics, report.details.cycles, report.details.stats.unresolved];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) pending.push(item);
      continue;
    }
    const record = v as Record<string, unknown>;
    if (isReportLocation(record) && !moveLocation(record, shifts.get(record.file))) return false;
    for (const k of Object.keys(record)) pending.push(record[k]);
  }
  return true;
}

/** Moves a location by its file's shift, if it has one; false when it lies on or across the edit. */
function moveLocation(location: ReportLocation, shift: LineShift | undefined): boolean {
  if (shift === undefined) return true;
  const moved = shift.lines(location.line - 1, (location.endLine ?? location.line) - 1);
  if (moved === undefined) return false;
  location.line = moved[0] + 1;
  if (location.endLine !== undefined) location.endLine = moved[1] + 1;
  return true;
}
