/**
 * The server's log, sent as LSP `window/logMessage` (the connection's console), which
 * vscode-languageclient writes into the "Lockorder" output channel with each message's level:
 * - always: its version at start (with Node's, the client's and the workspace folders), each model
 *   when it is loaded or its files change (folder, files, locks), the diagnostics kept from the last
 *   start when they are published before the first analysis, each analysis in one line with its
 *   phases' times, and every error with its stack;
 * - with `lockorder.trace.server` at `verbose` (settings.ts; or the trace a client without
 *   configuration sends in `initialize`), each analysis's details too: its counts, what it looked at
 *   again, its diagnostics by code, its unresolved calls, and the model's files and locks. `messages`
 *   logs as `off` does (the client adds the protocol's messages).
 *
 * Owns: what is logged, at which level, in which words. Must not: decide anything, or change
 * what it is given (it reads snapshots).
 */
import * as path from "node:path";
import type { RemoteConsole } from "vscode-languageserver";
import type { TraceLevel } from "./settings";
import type { Snapshot } from "./workspace";

/** The server's version (its package's), as `initialize` reports it. */
export const SERVER_VERSION = "0.1.0";

/** How many unresolved calls a verbose analysis entry lists. */
const LISTED_UNRESOLVED = 10;

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export class Log {
  /** Per model folder, its files and locks as last logged, and the last analysis logged. */
  private readonly models = new Map<string, { key: string; generation: number }>();

  constructor(
    private readonly console: RemoteConsole,
    /** The trace level of the settings (undefined before they are read). */
    private readonly settingsTrace: () => TraceLevel | undefined,
    /** The trace the client sent in `initialize`. */
    private readonly clientTrace: string | undefined,
  ) {}

  private get verbose(): boolean {
    return this.settingsTrace() === "verbose" || this.clientTrace === "verbose";
  }

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  /** An error; its stack is part of the message when there is one. */
  error(message: string, error?: unknown): void {
    this.console.error(error === undefined ? message : `${message}: ${(error as Error)?.stack ?? String(error)}`);
  }

  /** The diagnostics kept from the last start were published for these folders, before their first analysis. */
  publishedKept(roots: readonly string[]): void {
    this.info(`published the diagnostics kept from the last start for ${roots.join(", ")} (nothing they were computed from changed); analysing`);
  }

  /** A detail, logged only at `verbose`. */
  detail(message: string): void {
    if (this.verbose) this.console.log(message);
  }

  started(folders: readonly string[], client: { name: string; version?: string } | undefined): void {
    const by = client ? `, for ${client.name}${client.version ? ` ${client.version}` : ""}` : "";
    this.info(`Lockorder server ${SERVER_VERSION} started (Node ${process.version}, pid ${process.pid}${by})`);
    this.info(folders.length > 0 ? `workspace folders: ${folders.join(", ")}` : "no workspace folder: open documents are analysed on their own");
  }

  /** An analysis of the model in `root`: the model if its files or locks changed, then the analysis. */
  analysed(root: string, snapshot: Snapshot): void {
    const r = snapshot.state.result;
    const previous = this.models.get(root);
    if (previous?.generation === snapshot.generation) {
      this.detail(`analysis of ${root} skipped: an open document does not parse, the last analysis (#${snapshot.generation}) stays`);
      return;
    }
    const files = r.details.files;
    const key = `${files.join("\n")}\n\n${r.locks.map((l) => l.name).sort().join("\n")}`;
    if (previous?.key !== key) {
      this.info(`model ${root}: ${plural(files.length, "file")}, ${plural(r.locks.length, "lock")}`);
      this.detail(`  files: ${files.map((f) => path.relative(root, f) || f).join(", ") || "none"}`);
      this.detail(`  locks: ${r.locks.map((l) => `${l.name} (${l.kind})`).join(", ") || "none"}`);
    }
    this.models.set(root, { key, generation: snapshot.generation });

    const errors = r.diagnostics.filter((d) => d.severity === "error" && !d.suppressed).length;
    const warnings = r.diagnostics.filter((d) => d.severity === "warning" && !d.suppressed).length;
    const stats = r.details.stats;
    const phases = Object.entries(stats.phases);
    // The time before the analyzer's phases: reading and parsing the files (the workspace's load).
    const load = snapshot.durationMs - phases.reduce((sum, [, t]) => sum + t, 0);
    const times = [...(load > 0 && !("load" in stats.phases) ? [["load", load] as const] : []), ...phases].map(([name, t]) => `${name} ${ms(t)}`).join(", ");
    this.info(
      `analysis #${snapshot.generation} of ${root}: ${plural(r.cycles.length, "possible deadlock")}, ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${ms(snapshot.durationMs)} (${times})`,
    );
    if (!this.verbose) return;
    this.detail(
      `  ${plural(stats.files, "file")}, ${plural(stats.functions, "function")}, ${plural(stats.locks, "lock")}, ${plural(stats.edges, "edge")}, ${plural(stats.calls, "call")} (${stats.unresolvedCalls} unresolved); ` +
        `summarised again ${stats.summarised}, linked ${stats.linked}, contributions recomputed ${stats.contributions}`,
    );
    const byCode = new Map<string, number>();
    for (const d of r.diagnostics) if (!d.suppressed) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    this.detail(`  diagnostics: ${[...byCode].map(([code, n]) => `${code} ${n}`).join(", ") || "none"}`);
    const suppressed = r.diagnostics.filter((d) => d.suppressed).length;
    if (suppressed > 0) this.detail(`  suppressed by comments: ${suppressed}`);
    if (stats.unresolved.length > 0) {
      const listed = stats.unresolved.slice(0, LISTED_UNRESOLVED).map((u) => `${path.relative(root, u.file) || u.file}:${u.line} ${u.callee}`);
      const more = stats.unresolved.length - listed.length;
      this.detail(`  unresolved calls: ${listed.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
    }
  }
}
