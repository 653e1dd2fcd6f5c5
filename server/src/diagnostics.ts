/**
 * The analysis's diagnostics as LSP diagnostics: source, code, a codeDescription link to the
 * code's documentation, related information for the other sides of a cycle and, for a diagnostic
 * at a call, the call chain down to the acquisition it leads to (one entry per call, at the call;
 * folded into the message for clients that cannot show related information), and the user's
 * severity overrides. A diagnostic
 * silenced by a suppression comment is not sent (docs/annotations.md#suppressions).
 *
 * Owns: that conversion. Must not: decide what is reported (the analyzer does).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import { docsLink, type ResultDiagnostic, type ResultRelated } from "lockorder/analyzer";
import { toLspLocation, toRange } from "./convert";
import type { Settings } from "./settings";

export interface DiagnosticCapabilities {
  relatedInformation: boolean;
  codeDescription: boolean;
  /**
   * The client shows TypeScript's own problems (VS Code with its TypeScript support says so in its
   * initialization options): an unknown-lock on a name TypeScript reports as unresolved would only
   * repeat it, and is left out (docs/diagnostics.md#unknown-lock).
   */
  showsTypeScriptProblems: boolean;
  /**
   * Where the client opens the documentation pages (initialization option `docsBase`, e.g. the VS
   * Code extension's `vscode://lockorder.lockorder-vscode/docs/`, which opens the rendered
   * section): a code links to `${docsBase}diagnostics.md#code`. Without it, see codeLink.
   */
  docsBase?: string;
}

/** Whether the initialization option `docsBase` is a URI of a folder (`scheme://…/`); anything else is ignored. */
function isFolderUri(raw: unknown): raw is string {
  return typeof raw === "string" && /^[a-z][a-z0-9+.-]*:\/\/[^\s#?]*\/$/i.test(raw);
}

/** An unknown-lock on a name that TypeScript reports too ("Cannot find name"). */
export function echoesTypeScript(d: ResultDiagnostic): boolean {
  return d.args.code === "unknown-lock" && d.args.unresolved === true;
}

/**
 * The documentation of the codes: the client's own (docsBase) where it has one; else the
 * repository's docs/diagnostics.md when the server runs from a checkout (or a package that ships
 * it), a file: URL any editor opens; else the published page.
 */
const LOCAL_DOCS = [path.resolve(__dirname, "../../../docs/diagnostics.md"), path.resolve(__dirname, "../docs/diagnostics.md")].find((p) => fs.existsSync(p));

function codeLink(code: string, docsBase?: string): string {
  if (isFolderUri(docsBase)) return `${docsBase}diagnostics.md#${code}`;
  return LOCAL_DOCS ? `${pathToFileURL(LOCAL_DOCS).href}#${code}` : docsLink(code);
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** A result's diagnostics by file (absolute paths), with an entry for each of `files`. */
export function resultsByFile(results: readonly ResultDiagnostic[], files: readonly string[]): Map<string, ResultDiagnostic[]> {
  const byFile = new Map<string, ResultDiagnostic[]>(files.map((f) => [f, []]));
  for (const d of results) {
    let list = byFile.get(d.file);
    if (!list) byFile.set(d.file, (list = []));
    list.push(d);
  }
  return byFile;
}

/** How many steps of a call chain are listed: the first ones and the acquisition at its end. */
const LISTED_CHAIN_STEPS = 8;

/** The steps of a diagnostic's call chain (`f calls g`, …, `h acquires 'L'`); a very long one loses its middle. */
function chainSteps(flow: readonly ResultRelated[]): readonly ResultRelated[] {
  return flow.length <= LISTED_CHAIN_STEPS ? flow : [...flow.slice(0, LISTED_CHAIN_STEPS - 1), flow[flow.length - 1]];
}

/** One file's diagnostics as LSP diagnostics. */
export function toLspDiagnostics(results: readonly ResultDiagnostic[], caps: DiagnosticCapabilities, settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of results) {
    const override = settings.severity[d.code];
    if (override === "off" || d.suppressed || (caps.showsTypeScriptProblems && echoesTypeScript(d))) continue;
    const severity = SEVERITY[override ?? d.severity];
    const notes = [...d.related, ...chainSteps(d.flow ?? [])];
    const related = notes.map((r) => ({ location: toLspLocation(r), message: r.message }));
    const message =
      caps.relatedInformation || related.length === 0 ? d.message : `${d.message}\n${notes.map((r) => `  ${r.file}:${r.line}:${r.column}: ${r.message}`).join("\n")}`;
    const diagnostic: Diagnostic = {
      range: toRange(d),
      severity,
      source: "lockorder",
      code: d.code,
      message,
      ...(caps.codeDescription ? { codeDescription: { href: codeLink(d.code, caps.docsBase) } } : {}),
      ...(caps.relatedInformation && related.length > 0 ? { relatedInformation: related } : {}),
    };
    out.push(diagnostic);
  }
  return out;
}
