/**
 * The lock graph view: a webview showing the global lock graph that the server draws offline
 * (Graphviz compiled to WebAssembly): locks in global order, edges with their counts, cycles in
 * red, interrupt-safe locks and the edges of interrupt inversions in orange, the declared order
 * dashed. Clicking an edge opens its first site.
 *
 * Owns: the webview and its messages. Must not: compute or draw the graph.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LockGraph, LockorderClient } from "./client";

export class LockGraphView {
  private panel: vscode.WebviewPanel | undefined;
  private graph: LockGraph | null = null;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LockorderClient,
  ) {}

  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel("lockorder.graph", "Lock Graph", vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.context.subscriptions);
      this.panel.webview.onDidReceiveMessage((m: { open?: number }) => this.open(m.open), undefined, this.context.subscriptions);
    }
    this.graph = await this.client.lockGraph(uri);
    this.panel.webview.html = this.html(this.graph);
    this.panel.reveal(undefined, true);
  }

  private async open(index: number | undefined): Promise<void> {
    const site = index === undefined ? undefined : this.graph?.edges[index]?.site;
    if (!site) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(site.file));
    const position = new vscode.Position(site.line - 1, site.column - 1);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  private html(graph: LockGraph | null): string {
    const nonce = randomBytes(16).toString("base64");
    const body = graph
      ? `<p class="legend">${graph.locks.length} locks · ${graph.cycles.length} possible deadlock${graph.cycles.length === 1 ? "" : "s"} · <span class="red">red</span>: on a cycle · <span class="orange">orange</span>: interrupt-safe lock (double border) or edge from one to an interrupt-unsafe lock · dashed: declared order · click an edge to open its first site</p><div id="graph">${graph.svg}</div>`
      : `<p>No Lockorder model is open.</p>`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  #graph { background: #ffffff; border-radius: 6px; padding: 8px; overflow: auto; }
  #graph g.edge { cursor: pointer; }
  #graph g.edge:hover path { stroke-width: 3; }
  .legend { font-size: 12px; opacity: 0.85; }
  .red { color: #cf222e; font-weight: bold; }
  .orange { color: #bc4c00; font-weight: bold; }
</style></head>
<body>${body}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.querySelectorAll("g.edge").forEach((g) => {
    g.addEventListener("click", () => vscode.postMessage({ open: Number(g.id.replace("edge", "")) }));
  });
</script></body></html>`;
  }
}
