/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning annotations in CI. One rule per diagnostic code
 * (its description, help text and documentation link), results with locations, related locations
 * for the other sides of a cycle, code flows for the call chain of an edge acquired through
 * calls, and an in-source suppression with its justification for a diagnostic a comment silenced.
 *
 * Written one result at a time; artifact URIs are percent-encoded segment by segment.
 *
 * Owns: the projection of the result onto SARIF. Must not: compute anything.
 */
import { pathToFileURL } from "node:url";
import { CODES, DESCRIPTIONS, docsLink, type DiagnosticCode } from "../diagnostics";
import type { CheckReport, Location, ResultDiagnostic, ResultRelated } from "../model";
import { uriPath } from "./escape";
import { irqScenario } from "./irqReport";
import { jsonChunks, mapLazily } from "./stream";

const RULES = Object.keys(CODES) as DiagnosticCode[];

function physical(l: Location) {
  return {
    artifactLocation: { uri: uriPath(l.file), uriBaseId: "%SRCROOT%" },
    region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
  };
}

function scenarioOf(d: ResultDiagnostic): { properties?: { scenario: string[] } } {
  const scenario = irqScenario(d);
  return scenario ? { properties: { scenario } } : {};
}

const ruleName = (code: string) => code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());

/**
 * The SARIF log as chunks of about one result each. `cwd`: the directory the result's relative
 * paths start from (the `%SRCROOT%` base).
 */
export function* sarifOutput(result: CheckReport, version: string, cwd: string): Generator<string> {
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lockorder",
            version,
            informationUri: docsLink("").replace(/#$/, ""),
            rules: RULES.map((code) => ({
              id: code,
              name: ruleName(code),
              shortDescription: { text: DESCRIPTIONS[code] },
              fullDescription: { text: DESCRIPTIONS[code] },
              helpUri: docsLink(code),
              help: { text: `${DESCRIPTIONS[code]} See ${docsLink(code)}`, markdown: `${DESCRIPTIONS[code]} [How to fix it](${docsLink(code)}).` },
              defaultConfiguration: { level: CODES[code] },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(cwd.endsWith("/") ? cwd : `${cwd}/`).href } },
        results: mapLazily(result.diagnostics, (d) => ({
          ruleId: d.code,
          ruleIndex: RULES.indexOf(d.code as DiagnosticCode),
          level: d.severity,
          message: { text: d.message },
          locations: [{ physicalLocation: physical(d) }],
          ...(d.related.length > 0
            ? { relatedLocations: d.related.map((r: ResultRelated, i: number) => ({ id: i + 1, physicalLocation: physical(r), message: { text: r.message } })) }
            : {}),
          ...(d.flow && d.flow.length > 0
            ? { codeFlows: [{ threadFlows: [{ locations: d.flow.map((step) => ({ location: { physicalLocation: physical(step), message: { text: step.message } } })) }] }] }
            : {}),
          // Lockdep's unsafe scenario of an interrupt problem, as the text report prints it.
          ...scenarioOf(d),
          // A suppression comment in the source, with its reason (docs/annotations.md#suppressions).
          ...(d.suppressed ? { suppressions: [{ kind: "inSource", justification: d.justification ?? "" }] } : {}),
        })),
      },
    ],
  };
  // log → runs → the run → its results → one result.
  yield* jsonChunks(log, 4);
  yield "\n";
}
