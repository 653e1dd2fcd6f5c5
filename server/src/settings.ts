/**
 * The server's settings (section `lockorder` of the client's configuration, or the
 * initialization options for clients without workspace/configuration).
 *
 * Owns: their shape and defaults. Must not: read globals; each request reads the current value.
 */
import { DEFAULT_MAX_FILE_SIZE } from "lockorder/analyzer";

export type SeverityOverride = "error" | "warning" | "information" | "hint" | "off";

export interface Settings {
  enable: boolean;
  /** Analyse while typing, or only when a document is saved. */
  run: "onType" | "onSave";
  /** `functions`: the lenses above functions (sequence, possible deadlock); off keeps the lenses above locks. */
  codeLens: { enable: boolean; functions: boolean };
  /** Per-code severity overrides, e.g. { "declared-order-violation": "error" }. */
  severity: Record<string, SeverityOverride>;
  /** Files (and open documents) larger than this many bytes are not analysed; they get a diagnostic. */
  maxFileSize: number;
  /** `trace.server`: how much the server logs (log.ts); `verbose` adds each analysis's details. */
  trace: TraceLevel;
}

export type TraceLevel = "off" | "messages" | "verbose";

const DEFAULT_SETTINGS: Settings = { enable: true, run: "onType", codeLens: { enable: true, functions: true }, severity: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE, trace: "off" };

/** Merges a (possibly partial, possibly malformed) settings object over the defaults. */
export function readSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const codeLens = (r.codeLens && typeof r.codeLens === "object" ? r.codeLens : {}) as Record<string, unknown>;
  const trace = ((r.trace && typeof r.trace === "object" ? r.trace : {}) as Record<string, unknown>).server;
  const severity: Record<string, SeverityOverride> = {};
  if (r.severity && typeof r.severity === "object") {
    for (const [code, value] of Object.entries(r.severity as Record<string, unknown>)) {
      if (value === "error" || value === "warning" || value === "information" || value === "hint" || value === "off") severity[code] = value;
    }
  }
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === "onSave" ? "onSave" : "onType",
    codeLens: { enable: typeof codeLens.enable === "boolean" ? codeLens.enable : true, functions: typeof codeLens.functions === "boolean" ? codeLens.functions : true },
    severity,
    maxFileSize: typeof r.maxFileSize === "number" && Number.isSafeInteger(r.maxFileSize) && r.maxFileSize >= 0 ? r.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    trace: trace === "messages" || trace === "verbose" ? trace : "off",
  };
}
