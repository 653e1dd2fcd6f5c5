/**
 * The lock graph as a picture: Graphviz DOT, Mermaid, and SVG rendered offline (Graphviz compiled
 * to WebAssembly, @viz-js/viz), for `lockorder graph`, the generated document and the editor's
 * graph view.
 *
 * Owns: how the graph is drawn: locks as nodes in global order (the locks that share a rank, a
 * cycle's, boxed together), observed edges labelled with their count of sites, edges and locks on a
 * possible deadlock in red, interrupt-safe locks with a double orange border and their contexts,
 * edges on an interrupt-safe → unsafe path in orange, the declared order dashed; names escaped for
 * each format (escape.ts).
 * Must not: compute the graph.
 */
import type { AnalysisResult } from "../model";
import { dotText, mermaidText } from "./escape";

export interface GraphEdge {
  from: string;
  to: string;
  /** Sites of the edge in every mode. */
  sites: number;
  onCycle: boolean;
  /** On a path from an interrupt-safe to an interrupt-unsafe lock (irq-lock-inversion). */
  irqInversion: boolean;
  /** Declared order only (no observed site). */
  declaredOnly: boolean;
}

/** The interrupts a lock is taken in (lockdep's IN- usages): `hardirq`, `softirq`. */
export function irqSafety(lock: { usage?: { usage: string }[] }): string[] {
  const out: string[] = [];
  for (const irq of ["HARDIRQ", "SOFTIRQ"]) if (lock.usage?.some((u) => u.usage.startsWith(`IN-${irq}`))) out.push(irq.toLowerCase());
  return out;
}

/** The edges to draw: observed pairs (modes merged) and declared pairs not observed. */
export function graphEdges(result: AnalysisResult): GraphEdge[] {
  const onCycle = new Set<string>();
  for (const c of result.cycles) c.forEach((l, i) => onCycle.add(`${l}\u0000${c[(i + 1) % c.length]}`));
  const irqInversion = new Set<string>();
  for (const d of result.diagnostics) if (d.args.code === "irq-lock-inversion") irqInversion.add(`${d.args.held}\u0000${d.args.acquired}`);
  const byPair = new Map<string, GraphEdge>();
  for (const e of result.details.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const edge = byPair.get(key) ?? { from: e.from, to: e.to, sites: 0, onCycle: onCycle.has(key), irqInversion: irqInversion.has(key), declaredOnly: false };
    edge.sites += e.sites.length;
    byPair.set(key, edge);
  }
  for (const d of result.details.declared) {
    const key = `${d.before}\u0000${d.after}`;
    if (!byPair.has(key)) byPair.set(key, { from: d.before, to: d.after, sites: 0, onCycle: false, irqInversion: false, declaredOnly: true });
  }
  return [...byPair.values()];
}

const quote = (s: string) => `"${dotText(s)}"`;

export function toDot(result: AnalysisResult): string {
  const onCycle = new Set(result.cycles.flat());
  const lines = [
    "digraph lockorder {",
    '  graph [rankdir=TB, fontname="Helvetica", nodesep=0.4, ranksep=0.5];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10, color="#57606a"];',
  ];
  result.locks.forEach((l, i) => {
    const safe = irqSafety(l);
    const red = onCycle.has(l.name) ? ', color="#cf222e", fillcolor="#ffebe9", penwidth=2' : safe.length > 0 ? ', color="#bc4c00", penwidth=2' : "";
    const irq = safe.length > 0 ? `\\n${safe.join("-safe, ")}-safe` : "";
    // `\n` in a label is Graphviz's line break.
    lines.push(`  ${quote(l.name)} [id="lock${i}", label="${dotText(l.name)}\\n${l.kind} · rank ${l.rank}${irq}"${red}${safe.length > 0 ? ", peripheries=2" : ""}];`);
  });
  const byRank = new Map<number, string[]>();
  for (const l of result.locks) byRank.set(l.rank, [...(byRank.get(l.rank) ?? []), l.name]);
  // A box, not a row (`rank=same`): Graphviz draws the edges within a row flat, their labels on one another.
  for (const [rank, names] of byRank) {
    if (names.length > 1) lines.push(`  subgraph "cluster_rank${rank}" { label="rank ${rank}"; style="dashed,rounded"; color="#cf222e"; fontcolor="#cf222e"; fontsize=10; ${names.map(quote).join("; ")}; }`);
  }
  graphEdges(result).forEach((e, i) => {
    const attributes = [`id="edge${i}"`];
    if (e.declaredOnly) attributes.push('style=dashed', 'color="#8c959f"', 'label="declared"', 'fontcolor="#8c959f"');
    else attributes.push(`label="${e.sites}"`, `tooltip=${quote(`${e.from} → ${e.to}: ${e.sites} site${e.sites === 1 ? "" : "s"}`)}`);
    if (e.onCycle) attributes.push('color="#cf222e"', 'fontcolor="#cf222e"', "penwidth=2");
    else if (e.irqInversion) attributes.push('color="#bc4c00"', 'fontcolor="#bc4c00"', "penwidth=2");
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [${attributes.join(", ")}];`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

export function toMermaid(result: AnalysisResult): string {
  const ids = new Map(result.locks.map((l, i) => [l.name, `l${i}`]));
  const onCycle = new Set(result.cycles.flat());
  const lines = ["graph TD"];
  for (const l of result.locks) {
    const safe = irqSafety(l);
    lines.push(`  ${ids.get(l.name)}["${mermaidText(l.name)}<br/>${l.kind} · rank ${l.rank}${safe.length > 0 ? `<br/>${safe.join("-safe, ")}-safe` : ""}"]`);
  }
  const red: number[] = [];
  graphEdges(result).forEach((e, i) => {
    const arrow = e.declaredOnly ? `-. declared .->` : `-- ${e.sites} -->`;
    lines.push(`  ${ids.get(e.from)} ${arrow} ${ids.get(e.to)}`);
    if (e.onCycle) red.push(i);
  });
  for (const l of result.locks) if (onCycle.has(l.name)) lines.push(`  style ${ids.get(l.name)} stroke:#cf222e,stroke-width:2px,fill:#ffebe9`);
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} stroke:#cf222e,stroke-width:2px`);
  return lines.join("\n") + "\n";
}

/** SVG, rendered offline by Graphviz compiled to WebAssembly. */
export async function toSvg(result: AnalysisResult): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(toDot(result), { format: "svg", engine: "dot" });
}
