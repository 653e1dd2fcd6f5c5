/**
 * Lockdep's reports of interrupt problems (docs/diagnostics.md#irq-inconsistent-usage,
 * docs/diagnostics.md#irq-lock-inversion), for the text output and the editor's hovers: the usage
 * transition, where each usage was first seen with its calls from the entry, and the unsafe
 * scenario with `<Interrupt>` (and `local_irq_disable();` for an inversion), as lockdep's
 * print_usage_bug_scenario and print_irq_lock_scenario print them.
 *
 * Owns: that rendering, and which diagnostics share one report (one per lock and interrupt, one
 * per safe → unsafe pair).
 * Must not: compute anything the diagnostics do not already hold.
 */
import type { DiagnosticArgs, ResultDiagnostic } from "../model";

type UsageArgs = Extract<DiagnosticArgs<string>, { code: "irq-inconsistent-usage" }>;
type InversionArgs = Extract<DiagnosticArgs<string>, { code: "irq-lock-inversion" }>;

/** Lockdep's unsafe scenario of one interrupt diagnostic (JSON and SARIF carry it), or undefined for another code. */
export function irqScenario(d: ResultDiagnostic): string[] | undefined {
  if (d.args.code === "irq-inconsistent-usage") return usageScenario(d.args);
  if (d.args.code === "irq-lock-inversion") return inversionScenario(d.args);
  return undefined;
}

/** One report per distinct problem, in the diagnostics' order. */
export function irqReports(diagnostics: readonly ResultDiagnostic[]): string[][] {
  const seen = new Set<string>();
  const reports: string[][] = [];
  for (const d of diagnostics) {
    const args = d.args;
    if (args.code !== "irq-inconsistent-usage" && args.code !== "irq-lock-inversion") continue;
    const key = args.code === "irq-inconsistent-usage" ? `u\n${args.irq}\n${args.lock}` : `i\n${args.irq}\n${args.path[0]}\n${args.path[args.path.length - 1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reports.push(args.code === "irq-inconsistent-usage" ? usageReport(d, args) : inversionReport(d, args));
  }
  return reports;
}

function where(r: { file: string; line: number; column: number }): string {
  return `${r.file}:${r.line}:${r.column}`;
}

/** The usage transition, then the safe usage and the unsafe one (related information 0 and 1), each with its calls from the entry. */
function usageReport(d: ResultDiagnostic, args: UsageArgs): string[] {
  const [safe, unsafe] = d.related;
  return [
    `inconsistent {${args.safe}} -> {${args.unsafe}} usage: '${args.lock}'`,
    ...(safe ? [`  ${where(safe)}: ${safe.message}`] : []),
    `  ${where(d)}: ${unsafe?.message ?? `{${args.unsafe}}`}`,
    "",
    ...usageScenario(args),
  ];
}

/** The path, its two usages (related information 0 and 1), and each edge of the path in order (related 2…, this one among them). */
function inversionReport(d: ResultDiagnostic, args: InversionArgs): string[] {
  const [safe, unsafe, ...edges] = d.related;
  const irq = args.irq.toUpperCase();
  return [
    `${irq}-safe -> ${irq}-unsafe lock order detected: ${args.path.join(" → ")}`,
    ...(safe ? [`  ${where(safe)}: ${safe.message}`] : []),
    ...(unsafe ? [`  ${where(unsafe)}: ${unsafe.message}`] : []),
    ...edges.map((e) => `  ${where(e)}: ${e.message}`),
    "",
    ...inversionScenario(args),
  ];
}

/** Lockdep's print_usage_bug_scenario: the lock taken, then the interrupt that takes it again. */
export function usageScenario(args: UsageArgs): string[] {
  return [
    " Possible unsafe locking scenario:",
    "",
    "       CPU0",
    "       ----",
    `  lock(${args.lock});`,
    "  <Interrupt>",
    `    lock(${args.lock});`,
    "",
    " *** DEADLOCK ***",
  ];
}

/**
 * Lockdep's print_irq_lock_scenario: CPU0 holds the unsafe lock with interrupts on; CPU1 disables
 * them, takes the safe lock and then the next lock of the chain (the edge's, as lockdep's
 * middle_class); the interrupt on CPU0 takes the safe lock.
 */
export function inversionScenario(args: InversionArgs): string[] {
  const safe = args.path[0];
  const unsafe = args.path[args.path.length - 1];
  const middle = args.held === safe ? args.acquired : args.held;
  const col = (text: string) => " ".repeat(31) + text;
  return [
    ...(middle !== unsafe ? ["Chain exists of:", `  ${safe} --> ${middle} --> ${unsafe}`, ""] : []),
    " Possible interrupt unsafe locking scenario:",
    "",
    "       CPU0                    CPU1",
    "       ----                    ----",
    `  lock(${unsafe});`,
    col("local_irq_disable();"),
    col(`lock(${safe});`),
    col(`lock(${middle});`),
    "  <Interrupt>",
    `    lock(${safe});`,
    "",
    " *** DEADLOCK ***",
  ];
}
