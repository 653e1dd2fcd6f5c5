/**
 * The Lockorder language server: capability negotiation, documents, workspace folders, the
 * analysis schedule, and the LSP features (diagnostics pushed to every client and pulled where
 * supported, hover, code lenses, code actions).
 *
 * Owns: the protocol and its lifecycle (no answers before `initialize` or after `shutdown`). Every
 * handler is guarded: an exception becomes a logged error and an empty answer, never a dead server;
 * a failed analysis leaves the last good diagnostics published. Must not: analyse (the analyzer does) or format hovers/lenses
 * (hover.ts, codeLens.ts).
 */
import * as path from "node:path";
import {
  CodeLensRefreshRequest,
  ErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ResultDiagnostic } from "lockorder/analyzer";
import { codeActions, FIX_ALL_KIND, resolveCodeAction } from "./codeActions";
import { codeLenses, resolveCodeLens } from "./codeLens";
import { toPath, toUri } from "./convert";
import { resultsByFile, toLspDiagnostics, type DiagnosticCapabilities } from "./diagnostics";
import { functionHover, historyHover, lockHover } from "./hover";
import { lockGraph } from "./lockGraph";
import { Scheduler, type DebouncePolicy } from "./scheduler";
import { DEFAULT_SETTINGS, readSettings, type Settings } from "./settings";
import { Workspace, type Snapshot } from "./workspace";

/** How many files' diagnostics are converted and pushed between two looks at the message queue. */
const PUBLISH_SLICE = 100;

/** Custom requests and notifications (shared with the VS Code client). */
const Requests = {
  /** Resolves once no analysis is pending; answers the analysis generation. For tests. */
  waitForIdle: "lockorder/waitForIdle",
  /** The lock graph of the workspace holding a document: locks, order, edges, cycles. */
  lockGraph: "lockorder/lockGraph",
} as const;
const Notifications = {
  /** After each analysis: locks, cycles, files, milliseconds. */
  status: "lockorder/status",
} as const;

interface Capabilities extends DiagnosticCapabilities {
  pull: boolean;
  pullRefresh: boolean;
  configuration: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  progress: boolean;
  resolveCodeAction: boolean;
  markdown: boolean;
  codeLensRefresh: boolean;
}

function capabilitiesOf(c: ClientCapabilities): Capabilities {
  const diag = c.textDocument?.publishDiagnostics;
  return {
    relatedInformation: diag?.relatedInformation === true,
    codeDescription: diag?.codeDescriptionSupport === true,
    pull: c.textDocument?.diagnostic !== undefined,
    pullRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    watchedFilesDynamic: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationDynamic: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    progress: c.window?.workDoneProgress === true,
    resolveCodeAction: c.textDocument?.codeAction?.resolveSupport?.properties.includes("edit") === true,
    markdown: c.textDocument?.hover?.contentFormat?.includes("markdown") ?? true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
  };
}

export class LockorderServer {
  private readonly documents = new TextDocuments(TextDocument);
  private workspaces: Workspace[] = [];
  private caps!: Capabilities;
  private settings: Settings = DEFAULT_SETTINGS;
  private initializationSettings: unknown;
  private scheduler!: Scheduler;
  /** What was last pushed for each URI, to send only what changed. */
  private readonly pushed = new Map<string, string>();
  /** The latest analyses' diagnostics by file (converted to LSP when sent). */
  private diagnostics = new Map<string, ResultDiagnostic[]>();
  /** Workspaces whose model changed since their last analysis. */
  private readonly dirty = new Set<Workspace>();

  constructor(private readonly connection: Connection) {
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => void this.notification("initialized", () => this.initialized())());
    connection.onShutdown(() => {
      this.lifecycle = "shut down";
      this.scheduler?.dispose();
    });
    connection.onDidChangeConfiguration(this.notification("configuration", async () => this.reloadSettings()));
    connection.onDidChangeWatchedFiles(this.notification("watched files", (p) => this.filesChanged(p.changes)));
    connection.onHover(this.request("hover", null, (p) => this.hover(p.textDocument.uri, p.position)));
    connection.onCodeLens(this.request("codeLens", [], (p) => this.codeLenses(p.textDocument.uri)));
    // A resolve request that cannot be served answers with the item it was given, never null.
    connection.onCodeLensResolve(this.request("codeLens/resolve", (lens) => lens, async (lens) => {
      await this.fresh();
      const file = (lens.data as { file?: string } | undefined)?.file;
      const snapshot = file ? this.workspaceOf(file)?.latest : undefined;
      return snapshot ? resolveCodeLens(snapshot, lens) : lens;
    }));
    connection.onCodeAction(this.request("codeAction", [], (p) => this.codeActions(p.textDocument.uri, p.range, p.context.diagnostics, p.context.only)));
    connection.onCodeActionResolve(this.request("codeAction/resolve", (action) => action, (action) => this.resolveAction(action)));
    connection.languages.diagnostics.on(this.request("diagnostic", { kind: DocumentDiagnosticReportKind.Full, resultId: "0", items: [] as Diagnostic[] }, (p) => this.pullDiagnostics(p.textDocument.uri, p.previousResultId)));
    connection.onRequest(Requests.waitForIdle, this.request("waitForIdle", 0, async () => {
      await this.fresh();
      return Math.max(0, ...this.workspaces.map((w) => w.latest?.generation ?? 0));
    }));
    connection.onRequest(Requests.lockGraph, this.request("lockGraph", null, async (p: { uri: string; svg?: boolean }) => {
      await this.fresh();
      const file = p.uri ? toPath(p.uri) : undefined;
      const snapshot = (file && this.workspaceOf(file)?.latest) || this.workspaces.find((w) => w.latest)?.latest;
      return snapshot ? lockGraph(snapshot.state.result, p.svg === true) : null;
    }));

    this.documents.onDidOpen(this.notification("didOpen", (e) => this.documentChanged(e.document, true)));
    this.documents.onDidChangeContent(this.notification("didChange", (e) => this.documentChanged(e.document, false)));
    this.documents.onDidSave(this.notification("didSave", (e) => {
      const file = toPath(e.document.uri);
      if (this.settings.run === "onSave" && file) this.changed(this.workspaceOf(file));
    }));
    this.documents.onDidClose(this.notification("didClose", (e) => this.documentClosed(e.document)));
    this.documents.listen(connection);
  }

  /**
   * Wraps a request handler: exceptions are logged and answered with `fallback` (a value, or a
   * function of the request's arguments). The LSP lifecycle is kept here: before `initialize` a
   * request is answered with ServerNotInitialized, after `shutdown` with InvalidRequest.
   */
  private request<A extends unknown[], R>(name: string, fallback: R | ((...args: A) => R), fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      if (this.lifecycle === "starting") throw new ResponseError(ErrorCodes.ServerNotInitialized, `${name} before initialize`);
      if (this.lifecycle === "shut down") throw new ResponseError(ErrorCodes.InvalidRequest, `${name} after shutdown`);
      try {
        return await fn(...args);
      } catch (error) {
        this.connection.console.error(`lockorder: ${name} failed: ${(error as Error).stack ?? error}`);
        return typeof fallback === "function" ? (fallback as (...args: A) => R)(...args) : fallback;
      }
    };
  }

  /** Wraps a notification handler: dropped outside the running server, exceptions logged. */
  private notification<A extends unknown[]>(name: string, fn: (...args: A) => unknown): (...args: A) => Promise<void> {
    return async (...args: A) => {
      if (this.lifecycle !== "running") return;
      try {
        await fn(...args);
      } catch (error) {
        this.connection.console.error(`lockorder: ${name} failed: ${(error as Error).stack ?? error}`);
      }
    };
  }

  /** Where the server is in the LSP lifecycle. */
  private lifecycle: "starting" | "running" | "shut down" = "starting";
  /** Settles when the first analysis after `initialized` has published (waitForIdle waits for it). */
  private started!: Promise<void>;
  private markStarted!: () => void;

  private initialize(params: InitializeParams): InitializeResult {
    if (this.lifecycle !== "starting") throw new ResponseError(ErrorCodes.InvalidRequest, "initialize was already sent");
    this.lifecycle = "running";
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.caps = capabilitiesOf(params.capabilities);
    const options = (params.initializationOptions ?? {}) as { settings?: unknown; debounce?: Partial<DebouncePolicy> };
    this.initializationSettings = options.settings;
    this.settings = readSettings(options.settings);
    this.scheduler = new Scheduler(() => this.analyze(), { minMs: options.debounce?.minMs ?? 50, maxMs: options.debounce?.maxMs ?? 500 });
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? [params.rootUri ? toPath(params.rootUri) : params.rootPath ?? undefined];
    this.workspaces = folders.filter((f): f is string => !!f).map((f) => new Workspace(f, this.settings.maxFileSize));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: true },
        diagnosticProvider: { identifier: "lockorder", interFileDependencies: true, workspaceDiagnostics: false },
        workspace: { workspaceFolders: { supported: false } },
      },
      serverInfo: { name: "lockorder-server", version: "0.1.0" },
    };
  }

  private async initialized(): Promise<void> {
    if (this.caps.watchedFilesDynamic) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{ts,tsx,mts,cts}" }, { globPattern: "**/tsconfig.json" }],
      });
    }
    if (this.caps.configurationDynamic) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: "lockorder" });
    await this.reloadSettings();
    const progress = this.caps.progress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin("Lockorder", undefined, "Analysing the lock order…");
    try {
      this.changed(...this.workspaces);
      await this.scheduler.flush();
    } finally {
      progress?.done();
      this.markStarted();
    }
  }

  private async reloadSettings(): Promise<void> {
    const raw = this.caps.configuration ? await this.connection.workspace.getConfiguration("lockorder") : this.initializationSettings;
    this.settings = readSettings(raw ?? this.initializationSettings);
    for (const ws of this.workspaces) ws.setMaxFileSize(this.settings.maxFileSize);
    this.changed(...this.workspaces);
  }

  // ---- documents and files ----

  private workspaceOf(file: string): Workspace | undefined {
    return this.workspaces.find((w) => w.contains(file)) ?? this.workspaces.find((w) => w.covers(file));
  }

  private documentChanged(doc: TextDocument, opened: boolean): void {
    const file = toPath(doc.uri);
    if (!file) return;
    let ws = this.workspaceOf(file);
    if (!ws) {
      ws = this.workspaces[0] ?? new Workspace(path.dirname(file), this.settings.maxFileSize);
      if (!this.workspaces.includes(ws)) this.workspaces.push(ws);
    }
    ws.setText(file, doc.getText());
    if (opened && this.caps.pull && this.pushed.has(doc.uri)) this.push(doc.uri, []);
    if (this.settings.run === "onType" || opened) this.changed(ws);
  }

  private documentClosed(doc: TextDocument): void {
    const file = toPath(doc.uri);
    if (!file) return;
    const ws = this.workspaceOf(file);
    ws?.setText(file, undefined);
    this.changed(ws);
  }

  private filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    for (const change of changes) {
      const file = toPath(change.uri);
      if (!file || this.documents.get(change.uri)) continue; // open documents win over the disk
      for (const ws of this.workspaces) {
        if (!ws.covers(file) && !ws.contains(file)) continue;
        ws.fileChanged(file);
        this.dirty.add(ws);
      }
    }
    this.scheduler.changed();
  }

  // ---- analysis and diagnostics ----

  private changed(...workspaces: (Workspace | undefined)[]): void {
    for (const ws of workspaces) if (ws) this.dirty.add(ws);
    this.scheduler?.changed();
  }

  /** Waits until the analysis reflects every change received so far, and its diagnostics were sent. */
  private async fresh(): Promise<void> {
    await this.started;
    await this.scheduler.flush();
    await this.scheduler.idle();
    for (let rest; rest !== this.publishingRest; ) await (rest = this.publishingRest);
  }

  private async analyze(): Promise<void> {
    const generation = this.scheduler.generation;
    // What is left of the previous publish gives way: this analysis publishes every file again.
    this.publishTurn++;
    if (!this.settings.enable) {
      this.dirty.clear();
      this.publishAll(new Map());
      return;
    }
    const byFile = new Map(this.diagnostics);
    const todo = [...this.dirty];
    this.dirty.clear();
    for (const ws of todo) {
      const previous = ws.latest;
      let snapshot: Snapshot;
      try {
        snapshot = ws.analyze();
      } catch (error) {
        // The diagnostics of the last good analysis stay: a failure of ours must not make the
        // user's warnings disappear. The next analysis starts afresh (Analyzer.analyze).
        this.logFailure(`analysis of ${ws.root} failed`, error);
        continue;
      }
      // The workspace's previous files lose their diagnostics unless the new analysis has them
      // (the files not read or not parsing too: the result lists them among its files).
      for (const f of previous?.state.result.details.files ?? []) byFile.delete(f);
      for (const e of snapshot.state.result.details.internalErrors) this.connection.console.error(`lockorder: internal error ${e}`);
      const files = snapshot.state.result.details.files;
      for (const [file, list] of resultsByFile(snapshot.state.result.diagnostics, files)) byFile.set(file, list);
      const r = snapshot.state.result;
      void this.connection.sendNotification(Notifications.status, {
        root: ws.root,
        files: r.details.files.length,
        locks: r.locks.length,
        cycles: r.cycles.length,
        errors: r.diagnostics.filter((d) => d.severity === "error").length,
        warnings: r.diagnostics.filter((d) => d.severity === "warning").length,
        milliseconds: Math.round(snapshot.durationMs),
      });
    }
    // Let queued edits arrive: results overtaken by a newer edit are dropped, not published.
    await new Promise((resolve) => setImmediate(resolve));
    if (generation !== this.scheduler.generation) {
      for (const ws of todo) this.dirty.add(ws);
      return;
    }
    this.publishAll(byFile);
  }

  /** Failures already logged with their stack: the same failure on every edit is logged once. */
  private readonly loggedFailures = new Set<string>();

  private logFailure(what: string, error: unknown): void {
    const stack = String((error as Error).stack ?? error);
    // The same failure: the same message thrown from the same place (the callers' frames vary).
    const key = stack.split("\n").slice(0, 2).join("\n");
    if (this.loggedFailures.has(key)) {
      this.connection.console.error(`lockorder: ${what} again: ${(error as Error).message ?? error} (stack above)`);
      return;
    }
    this.loggedFailures.add(key);
    this.connection.console.error(`lockorder: ${what}: ${stack}`);
  }

  private publishAll(byFile: Map<string, ResultDiagnostic[]>): void {
    this.diagnostics = byFile;
    const files = [...byFile.keys()].map((file) => {
      const uri = toUri(file);
      return { file, uri, open: this.documents.get(uri) !== undefined };
    });
    // Open documents get pull diagnostics where the client pulls; everything else is pushed.
    const publish = (f: { file: string; uri: string; open: boolean }) =>
      this.push(f.uri, this.caps.pull && f.open ? [] : toLspDiagnostics(byFile.get(f.file)!, this.caps, this.settings));
    // Open documents first, where the user looks; the others once those messages have been
    // written, unless a newer analysis publishes before.
    const sent = files.filter((f) => f.open).map(publish);
    if (this.caps.pull && this.caps.pullRefresh) void this.connection.languages.diagnostics.refresh();
    // Lenses asked for before this analysis (or against an older one) are asked for again.
    if (this.caps.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type);
    const turn = ++this.publishTurn;
    const rest = files.filter((f) => !f.open);
    this.publishingRest = Promise.all(sent).then(async () => {
      // In slices, so that an edit arriving meanwhile is not kept waiting (its analysis publishes
      // everything again).
      for (let i = 0; i < rest.length; i += PUBLISH_SLICE) {
        if (turn !== this.publishTurn) return;
        for (const f of rest.slice(i, i + PUBLISH_SLICE)) publish(f);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (turn !== this.publishTurn) return;
      const seen = new Set(files.map((f) => f.uri));
      for (const uri of [...this.pushed.keys()]) if (!seen.has(uri)) this.push(uri, []);
    });
  }

  /** Bumped by each analysis and publish; a publish whose turn passed stops pushing the other files. */
  private publishTurn = 0;
  /** Settles when the latest publishAll pushed the files that are not open. */
  private publishingRest: Promise<void> = Promise.resolve();

  /** Sends a file's diagnostics unless they are what was last sent; settles when written. */
  private push(uri: string, list: Diagnostic[]): Promise<void> | undefined {
    const json = JSON.stringify(list);
    if ((this.pushed.get(uri) ?? "[]") === json && this.pushed.has(uri) === (list.length > 0)) return undefined;
    if (list.length === 0) this.pushed.delete(uri);
    else this.pushed.set(uri, json);
    return this.connection.sendDiagnostics({ uri, diagnostics: list }).catch(() => undefined);
  }

  private async pullDiagnostics(uri: string, previousResultId: string | undefined) {
    await this.fresh();
    const file = toPath(uri);
    const generation = String(Math.max(0, ...this.workspaces.map((w) => w.latest?.generation ?? 0)));
    if (previousResultId === generation) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: generation } as const;
    return { kind: DocumentDiagnosticReportKind.Full, resultId: generation, items: toLspDiagnostics((file && this.diagnostics.get(file)) || [], this.caps, this.settings) } as const;
  }

  // ---- features ----

  private async snapshotAt(uri: string): Promise<{ snapshot: Snapshot; file: string; doc: TextDocument } | undefined> {
    await this.fresh();
    const file = toPath(uri);
    const doc = this.documents.get(uri);
    const snapshot = file ? this.workspaceOf(file)?.latest : undefined;
    if (!file || !doc || !snapshot || !snapshot.queries.files().includes(file)) return undefined;
    return { snapshot, file, doc };
  }

  private async hover(uri: string, position: { line: number; character: number }) {
    const at = await this.snapshotAt(uri);
    if (!at) return null;
    const offset = at.doc.offsetAt(position);
    const q = at.snapshot.queries;
    const parts: string[] = [];
    const history = q.historyAt(at.file, offset);
    if (history) parts.push(historyHover(history));
    const lock = q.lockAt(at.file, offset);
    const details = lock ? q.lock(lock) : undefined;
    if (details) parts.push(lockHover(details));
    if (parts.length === 0) {
      const fn = q.functionAt(at.file, offset);
      if (fn) parts.push(functionHover(fn));
    }
    if (parts.length === 0) return null;
    return { contents: { kind: this.caps.markdown ? "markdown" : "plaintext", value: parts.join("\n\n---\n\n") } } as const;
  }

  private async codeLenses(uri: string) {
    if (!this.settings.codeLens.enable) return [];
    const at = await this.snapshotAt(uri);
    return at ? codeLenses(at.snapshot, at.file) : [];
  }

  private async codeActions(uri: string, range: import("vscode-languageserver").Range, diagnostics: Diagnostic[], only: string[] | undefined) {
    const at = await this.snapshotAt(uri);
    if (!at) return [];
    const ws = this.workspaceOf(at.file);
    if (!ws) return [];
    const actions = codeActions(at.snapshot, ws, at.file, at.doc.getText(), range, diagnostics, only, this.caps.resolveCodeAction);
    return this.caps.resolveCodeAction ? actions : actions.map((a) => this.resolveNow(a, at.file, at.doc));
  }

  private resolveNow(action: import("vscode-languageserver").CodeAction, file: string, doc: TextDocument) {
    const ws = this.workspaceOf(file);
    const snapshot = ws?.latest;
    return ws && snapshot ? resolveCodeAction(action, snapshot, ws, doc.getText()) : action;
  }

  private async resolveAction(action: import("vscode-languageserver").CodeAction) {
    await this.fresh();
    const file = (action.data as { file?: string } | undefined)?.file;
    const doc = file ? this.documents.get(toUri(file)) : undefined;
    return file && doc ? this.resolveNow(action, file, doc) : action;
  }
}

