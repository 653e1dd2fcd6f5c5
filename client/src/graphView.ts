/**
 * The lock graph view: a webview showing the lock graph of the model that holds a document, as
 * the server draws it offline (Graphviz compiled to WebAssembly). It follows the model: after each
 * analysis of it (`lockorder/status`) the view asks for the graph again and redraws, and while an
 * edit is not yet analysed it says so. It opens what the page asks for: a site (a cycle's, an
 * edge's when it has one), a quick pick of an edge's sites (previewed as they are selected, the
 * references peek a button away), a lock's definition; it asks for the graph folded (without the
 * locks on no cycle) when the user says so, or by itself on a large model (decided from the
 * model's status before anything is drawn: Graphviz takes long on large graphs, and the server
 * draws none with more than 200 edges). While the view is hidden it asks for nothing, and catches
 * up when shown. The page's script and
 * style are files of the extension (dist/graphPage.js from graphPage.ts, media/graphView.css)
 * under a Content-Security-Policy that allows nothing else: nonce'd, no inline code.
 *
 * Owns: the panel, when it asks for the graph, what it sends to the page, and opening what the
 * page asks for. Must not: compute or draw the graph (the server does) or lay out the page
 * (graphPage.ts does).
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import * as vscode from "vscode";
import type { AnalysisStatus, LockGraph, LockGraphSite, LockorderClient } from "./client";

/** On a model with more locks than this and a cycle, the view starts with the locks on no cycle folded away. */
export const FOLD_ABOVE = 60;

/** A place to open: 1-based, as the server's locations. */
export interface SiteRef {
  file: string;
  line: number;
  column: number;
}

/** Messages from the extension to the page. */
export type ToPage = { type: "graph"; graph: LockGraph | null; stale?: string } | { type: "stale"; stale?: string };

/** Messages from the page to the extension. */
export type FromPage =
  | { type: "ready" }
  | { type: "open"; site: SiteRef }
  | { type: "openSites"; title: string; sites: LockGraphSite[] }
  | { type: "fold"; fold: boolean };

export class LockGraphView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** A document of the model shown. */
  private uri: vscode.Uri | undefined;
  private graph: LockGraph | null = null;
  /** The user's choice; undefined: folded on a model with more than FOLD_ABOVE locks and a cycle. */
  private fold: boolean | undefined;
  /** Edits to the shown model's documents (counted), and how many the graph shown reflects. */
  private edits = 0;
  private drawnEdits = 0;
  /** The last request failed: why. */
  private failure: string | undefined;
  /** The last status of each model folder: its size, before the view asks for its graph. */
  private readonly statuses = new Map<string, AnalysisStatus>();
  /** An analysis came while the view was hidden: it asks again when shown. */
  private outdated = false;
  private requesting = false;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LockorderClient,
  ) {
    this.disposables.push(
      client.onDidAnalyse((s) => this.analysed(s)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.edited(e.document, "changed")),
      vscode.workspace.onDidSaveTextDocument((d) => this.edited(d, "saved")),
    );
    context.subscriptions.push(this);
  }

  /** Opens the view (or brings it forward) on the model holding `uri` (else the one shown, else the first). */
  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (uri && uri.scheme !== "output") this.uri = uri;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel("lockorder.graph", "Lock Graph", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, "media"), vscode.Uri.joinPath(this.context.extensionUri, "dist")],
      });
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.graph = null;
      });
      panel.onDidChangeViewState(() => void (panel.visible && this.outdated && this.refresh()));
      panel.webview.onDidReceiveMessage((m: FromPage) => void this.received(m));
      panel.webview.html = this.html(panel.webview);
      this.panel = panel;
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.refresh();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  // ---- following the model ----

  private inModel(document: vscode.TextDocument): boolean {
    if (!this.graph || document.uri.scheme !== "file" || !["typescript", "typescriptreact"].includes(document.languageId)) return false;
    const relative = path.relative(this.graph.root, document.uri.fsPath);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  }

  /** An edit (or a save) in the model shown: the drawing is out of date until the next analysis. */
  private edited(document: vscode.TextDocument, what: "changed" | "saved"): void {
    if (!this.panel || !this.inModel(document)) return;
    // With lockorder.run onSave, a save is what the next analysis will reflect.
    if (what === "changed" || this.onSave()) this.edits++;
    this.post({ type: "stale", stale: this.staleText() });
  }

  private onSave(): boolean {
    return vscode.workspace.getConfiguration("lockorder", this.uri).get<string>("run") === "onSave";
  }

  private analysed(s: AnalysisStatus): void {
    this.statuses.set(s.root, s);
    if (!this.panel || (this.graph && s.root !== this.graph.root)) return;
    if (this.graph && s.generation === this.graph.generation && this.edits === this.drawnEdits) return;
    if (this.panel.visible) void this.refresh();
    else this.outdated = true;
  }

  /** The last status of the model shown, or of the one holding the document asked about. */
  private statusOfModel(): AnalysisStatus | undefined {
    if (this.graph) return this.statuses.get(this.graph.root);
    const file = this.uri?.scheme === "file" ? this.uri.fsPath : undefined;
    const holding = [...this.statuses.values()].filter((s) => file && !path.relative(s.root, file).startsWith(".."));
    return holding.sort((a, b) => b.root.length - a.root.length)[0] ?? (this.statuses.size === 1 ? [...this.statuses.values()][0] : undefined);
  }

  /** Folded: the user's choice, or, on a large model with a possible deadlock, by itself. */
  private folding(): boolean {
    if (this.fold !== undefined) return this.fold;
    const size = this.graph ?? this.statusOfModel();
    if (!size) return false;
    const locks = "lockCount" in size ? size.lockCount : size.locks;
    const cycles = typeof size.cycles === "number" ? size.cycles : size.cycles.length;
    return locks > FOLD_ABOVE && cycles > 0;
  }

  private staleText(): string | undefined {
    if (this.failure) return `The graph could not be updated: ${this.failure}`;
    if (this.onSave() && vscode.workspace.textDocuments.some((d) => d.isDirty && this.inModel(d))) return "The model has changed; the graph is redrawn when it is saved.";
    return this.edits !== this.drawnEdits ? "The model has changed; updating…" : undefined;
  }

  /** Asks for the graph and sends it to the page; one request at a time, again if something changed meanwhile. */
  private async refresh(): Promise<void> {
    if (this.requesting) {
      this.again = true;
      return;
    }
    this.requesting = true;
    try {
      do {
        this.again = false;
        this.outdated = false;
        const edits = this.edits;
        const fold = this.folding();
        let graph: LockGraph | null;
        try {
          graph = await this.client.lockGraph(this.uri, fold);
          this.failure = undefined;
        } catch (error) {
          this.failure = (error as Error).message ?? String(error);
          this.post({ type: "stale", stale: this.staleText() });
          return;
        }
        if (!this.panel) return;
        this.graph = graph;
        // The server answered once every change it had received was analysed (edits still
        // queued in the client may be newer: the next status notification brings them).
        this.drawnEdits = edits;
        // Too large to draw, or larger than the status said: folded, if folding leaves anything.
        const foldable = graph !== null && (graph.cycles.length > 0 || graph.edges.some((e) => e.irqInversion));
        if (graph && this.fold === undefined && !graph.folded && foldable && (graph.tooLarge || this.folding())) this.again = true;
        this.post({ type: "graph", graph, stale: this.staleText() });
      } while (this.again && this.panel);
    } finally {
      this.requesting = false;
    }
  }

  private post(message: ToPage): void {
    void this.panel?.webview.postMessage(message);
  }

  // ---- what the page asks for ----

  private async received(m: FromPage): Promise<void> {
    switch (m.type) {
      case "ready":
        // A page (re)loaded, e.g. when the view comes back from behind another tab.
        if (this.graph) this.post({ type: "graph", graph: this.graph, stale: this.staleText() });
        if (!this.graph || this.outdated) await this.refresh();
        break;
      case "open":
        await this.open(m.site, false);
        break;
      case "openSites":
        if (m.sites.length === 1) await this.open(m.sites[0], false);
        else if (m.sites.length > 1) await this.pick(m.title, m.sites);
        break;
      case "fold":
        this.fold = m.fold;
        await this.refresh();
        break;
    }
  }

  /** The editor column beside the view's. */
  private column(): vscode.ViewColumn {
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  private async open(site: SiteRef, preview: boolean): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(site.file));
    const position = new vscode.Position(site.line - 1, site.column - 1);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.column(), selection: new vscode.Range(position, position), preserveFocus: preview, preview });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private relative(file: string): string {
    return this.graph ? path.relative(this.graph.root, file) || path.basename(file) : path.basename(file);
  }

  /** An edge's sites in a quick pick: each previewed as it is selected, opened when chosen; a button shows them all in the references peek. */
  private async pick(title: string, sites: LockGraphSite[]): Promise<void> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { site: LockGraphSite }>();
    pick.title = title;
    pick.placeholder = `${sites.length} sites: choose one to open (each is previewed as you move)`;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = sites.map((site) => ({
      label: `$(symbol-function) ${site.function}`,
      description: `${this.relative(site.file)}:${site.line}`,
      detail: site.via.length > 0 ? `calls ${site.via.join(" → ")}` : "takes the lock itself",
      site,
    }));
    const peek = { iconPath: new vscode.ThemeIcon("references"), tooltip: "Show all in the references peek" };
    pick.buttons = [peek];
    pick.onDidChangeActive(([item]) => void (item && this.open(item.site, true)));
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      pick.hide();
      if (item) void this.open(item.site, false);
    });
    pick.onDidTriggerButton(async () => {
      pick.hide();
      const first = sites[0];
      const at = new vscode.Position(first.line - 1, first.column - 1);
      await this.open(first, false);
      const locations = sites.map((s) => new vscode.Location(vscode.Uri.file(s.file), new vscode.Range(s.line - 1, s.column - 1, s.endLine - 1, s.endColumn - 1)));
      await vscode.commands.executeCommand("editor.action.showReferences", vscode.Uri.file(first.file), at, locations);
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }

  // ---- the page ----

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString("base64");
    const file = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts)).toString();
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${file("media", "graphView.css")}">
<title>Lock Graph</title>
</head>
<body>
<header>
  <p class="legend" id="legend"></p>
  <div class="tools" role="toolbar" aria-label="Lock graph">
    <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <span id="zoom-level" aria-live="polite"></span>
    <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="fit" type="button" title="Fit the whole graph in the view (0)">Fit</button>
    <label title="Leave out the locks on no cycle and no interrupt inversion (and their edges)"><input type="checkbox" id="fold"> <span id="fold-text">Hide locks on no cycle</span></label>
  </div>
  <p id="stale" role="status" hidden></p>
</header>
<main>
  <aside id="side">
    <section>
      <h2 id="cycles-title">Possible deadlocks</h2>
      <ol id="cycles"></ol>
      <div id="sites" hidden></div>
    </section>
    <section id="irq-section" hidden>
      <h2>Interrupts</h2>
      <ul id="irq"></ul>
    </section>
    <section id="key">
      <h2>Legend</h2>
      <ul>
        <li><span class="swatch red"></span>lock or edge on a cycle (a possible deadlock)</li>
        <li><span class="swatch orange double"></span>interrupt-safe lock (taken in an interrupt handler)</li>
        <li><span class="swatch orange"></span>edge from an interrupt-safe to an interrupt-unsafe lock</li>
        <li><span class="swatch dashed"></span>declared order, not observed</li>
        <li><span class="swatch box"></span>locks of one rank: a cycle</li>
        <li>Edge labels count the sites; hover an edge to list them, click to open them.</li>
      </ul>
    </section>
  </aside>
  <div id="graph" tabindex="0" aria-label="Lock graph drawing: drag to pan, wheel to zoom"></div>
</main>
<div id="tip" role="tooltip" hidden></div>
<script nonce="${nonce}" src="${file("dist", "graphPage.js")}"></script>
</body></html>`;
  }
}
