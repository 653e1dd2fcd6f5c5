/**
 * The Lockorder language server's protocol layer: capability negotiation, the LSP lifecycle, and
 * the handlers registered on the connection: documents and watched files, settings, diagnostics
 * pulled where supported, hover, code lenses, code actions, and the custom messages
 * (`lockorder/waitForIdle`, `lockorder/lockGraph`, `lockorder/status`, `lockorder/moduleNotFound`).
 *
 * Owns: the protocol and its lifecycle (no answers before `initialize` or after `shutdown`). Every
 * handler is guarded: an exception becomes a logged error and an empty answer, never a dead server.
 * Must not: keep the workspaces' state or analyse (session.ts), decide which diagnostics are sent
 * and when (publisher.ts), or format hovers/lenses (hover.ts, codeLens.ts).
 */
import {
  ErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions, FIX_ALL_KIND, resolveCodeAction, type EditSupport } from "./codeActions";
import { codeLenses, resolveCodeLens } from "./codeLens";
import { toPath } from "./convert";
import { FirstRun, MODULE_NOT_FOUND } from "./firstRun";
import { hoverText } from "./hover";
import { lockGraph } from "./lockGraph";
import { Log, SERVER_VERSION } from "./log";
import { Publisher, type PublishCapabilities } from "./publisher";
import type { DebouncePolicy } from "./scheduler";
import { Session } from "./session";
import { suppressActions } from "./suppressActions";
import type { Snapshot } from "./workspace";

/** Custom requests and notifications (shared with the VS Code client). */
const Requests = {
  /** Resolves once no analysis is pending; answers the analysis generation. For tests. */
  waitForIdle: "lockorder/waitForIdle",
  /** The lock graph of the workspace holding a document: locks, order, edges with their sites, cycles (lockGraph.ts). */
  lockGraph: "lockorder/lockGraph",
} as const;
const Notifications = {
  /** After each analysis: its folder and generation, locks, cycles, files, milliseconds. */
  status: "lockorder/status",
  /** A workspace's models import lockorder and TypeScript cannot resolve it (or, with no files, now can): firstRun.ts. */
  moduleNotFound: MODULE_NOT_FOUND,
} as const;

interface Capabilities extends PublishCapabilities {
  configuration: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  progress: boolean;
  resolveCodeAction: boolean;
  /** Snippet text edits in workspace edits (LSP 3.18): the suppress action's reason selected for typing. */
  snippetEdits: boolean;
  markdown: boolean;
  /** Workspace edits as versioned document changes (a fix may edit several files). */
  documentChanges: boolean;
}

function capabilitiesOf(c: ClientCapabilities): Omit<Capabilities, "showsTypeScriptProblems" | "docsBase"> {
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
    snippetEdits: c.workspace?.workspaceEdit?.snippetEditSupport === true && c.workspace.workspaceEdit.documentChanges === true,
    markdown: c.textDocument?.hover?.contentFormat?.includes("markdown") ?? true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
  };
}

export class LockorderServer {
  private readonly documents = new TextDocuments(TextDocument);
  private caps!: Capabilities;
  private publisher!: Publisher;
  private session!: Session;
  private log!: Log;
  private readonly firstRun = new FirstRun(
    (params) => void this.connection.sendNotification(Notifications.moduleNotFound, params),
    (message) => this.connection.console.error(message),
  );
  /** Where the server is in the LSP lifecycle. */
  private lifecycle: "starting" | "running" | "shut down" = "starting";

  constructor(private readonly connection: Connection) {
    connection.onInitialize((p) => this.initialize(p));
    connection.onInitialized(() => void this.notification("initialized", () => this.initialized())());
    connection.onShutdown(() => {
      this.lifecycle = "shut down";
      this.session?.dispose(); // none if shutdown came before initialize
    });
    connection.onDidChangeConfiguration(this.notification("configuration", async () => this.reloadSettings()));
    connection.onDidChangeWatchedFiles(this.notification("watched files", (p) => this.session.filesChanged(p.changes)));
    connection.onHover(this.request("hover", null, (p) => this.hover(p.textDocument.uri, p.position)));
    connection.onCodeLens(this.request("codeLens", [], (p) => this.codeLenses(p.textDocument.uri)));
    // A resolve request that cannot be served answers with the item it was given, never null.
    connection.onCodeLensResolve(this.request("codeLens/resolve", (lens) => lens, async (lens) => {
      await this.session.fresh();
      const file = (lens.data as { file?: string } | undefined)?.file;
      const snapshot = file ? this.session.workspaceOf(file)?.latest : undefined;
      return snapshot ? resolveCodeLens(snapshot, lens) : lens;
    }));
    connection.onCodeAction(this.request("codeAction", [], (p) => this.codeActions(p.textDocument.uri, p.range, p.context.diagnostics, p.context.only)));
    connection.onCodeActionResolve(this.request("codeAction/resolve", (action) => action, (action) => this.resolveAction(action)));
    connection.languages.diagnostics.on(this.request("diagnostic", { kind: DocumentDiagnosticReportKind.Full, resultId: "0", items: [] as Diagnostic[] }, async (p) => {
      await this.session.fresh();
      return this.publisher.pull(p.textDocument.uri, p.previousResultId, this.session.generation);
    }));
    connection.onRequest(Requests.waitForIdle, this.request("waitForIdle", 0, async () => {
      await this.session.fresh();
      return this.session.generation;
    }));
    connection.onRequest(Requests.lockGraph, this.request("lockGraph", null, async (p: { uri: string; svg?: boolean; fold?: boolean }) => {
      await this.session.fresh();
      const model = this.session.modelFor(p.uri ? toPath(p.uri) : undefined);
      if (!model) return null;
      return lockGraph(model.snapshot.state.result, { root: model.root, generation: model.snapshot.generation }, { svg: p.svg === true, fold: p.fold === true });
    }));

    this.documents.onDidOpen(this.notification("didOpen", (e) => this.session.documentChanged(e.document, true)));
    this.documents.onDidChangeContent(this.notification("didChange", (e) => this.session.documentChanged(e.document, false)));
    this.documents.onDidSave(this.notification("didSave", (e) => this.session.documentSaved(e.document)));
    this.documents.onDidClose(this.notification("didClose", (e) => this.session.documentClosed(e.document)));
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

  private initialize(params: InitializeParams): InitializeResult {
    if (this.lifecycle !== "starting") throw new ResponseError(ErrorCodes.InvalidRequest, "initialize was already sent");
    this.lifecycle = "running";
    const options = (params.initializationOptions ?? {}) as { settings?: unknown; debounce?: Partial<DebouncePolicy>; showsTypeScriptProblems?: boolean; docsBase?: string };
    this.caps = {
      ...capabilitiesOf(params.capabilities),
      showsTypeScriptProblems: options.showsTypeScriptProblems === true,
      // The client's own way to open the documentation (the VS Code extension's URI handler).
      docsBase: typeof options.docsBase === "string" ? options.docsBase : undefined,
    };
    const folders = params.workspaceFolders?.map((f) => toPath(f.uri)) ?? [params.rootUri ? toPath(params.rootUri) : params.rootPath ?? undefined];
    this.log = new Log(this.connection.console, () => this.session?.settings.trace, params.trace ?? undefined);
    this.publisher = new Publisher(this.connection, this.caps, () => this.session.settings, (uri) => this.documents.get(uri) !== undefined);
    this.session = new Session(
      this.publisher,
      {
        document: (uri) => this.documents.get(uri),
        log: (message) => this.log.error(message),
        analysed: (root, snapshot) => {
          this.log.analysed(root, snapshot);
          this.status(root, snapshot);
          this.firstRun.analysed(root, snapshot);
        },
        publishedKept: (roots) => this.log.publishedKept(roots),
      },
      folders.filter((f): f is string => !!f),
      options.settings,
      { minMs: options.debounce?.minMs ?? 50, maxMs: options.debounce?.maxMs ?? 500 },
    );
    this.log.started(folders.filter((f): f is string => !!f), params.clientInfo);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: true },
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: true },
        diagnosticProvider: { identifier: "lockorder", interFileDependencies: true, workspaceDiagnostics: false },
        workspace: { workspaceFolders: { supported: false } },
      },
      serverInfo: { name: "lockorder-server", version: SERVER_VERSION },
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
      await this.session.analyzeAll();
    } finally {
      progress?.done();
      this.session.ready();
    }
  }

  private async reloadSettings(): Promise<void> {
    this.session.configure(this.caps.configuration ? await this.connection.workspace.getConfiguration("lockorder") : undefined);
  }

  private status(root: string, snapshot: Snapshot): void {
    const r = snapshot.state.result;
    void this.connection.sendNotification(Notifications.status, {
      root,
      generation: snapshot.generation,
      files: r.details.files.length,
      locks: r.locks.length,
      cycles: r.cycles.length,
      errors: r.diagnostics.filter((d) => d.severity === "error" && !d.suppressed).length,
      warnings: r.diagnostics.filter((d) => d.severity === "warning" && !d.suppressed).length,
      milliseconds: Math.round(snapshot.durationMs),
    });
  }

  // ---- features ----

  private async hover(uri: string, position: { line: number; character: number }) {
    const at = await this.session.snapshotAt(uri);
    if (!at) return null;
    const offset = at.doc.offsetAt(position);
    const q = at.snapshot.queries;
    const lock = q.lockAt(at.file, offset);
    const value = hoverText({
      history: q.historyAt(at.file, offset),
      unresolved: q.unresolvedCallAt(at.file, offset),
      lock: lock ? q.lock(lock) : undefined,
      fn: () => q.functionAt(at.file, offset),
    });
    if (value === undefined) return null;
    return { contents: { kind: this.caps.markdown ? "markdown" : "plaintext", value } } as const;
  }

  private async codeLenses(uri: string) {
    if (!this.session.settings.codeLens.enable) return [];
    const at = await this.session.snapshotAt(uri);
    return at ? codeLenses(at.snapshot, at.file, { functions: this.session.settings.codeLens.functions }) : [];
  }

  private async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only: string[] | undefined) {
    const at = await this.session.snapshotAt(uri);
    if (!at) return [];
    const ws = this.session.workspaceOf(at.file);
    if (!ws) return [];
    const actions = codeActions(at.snapshot, ws, at.file, range, diagnostics, only, this.caps.resolveCodeAction, this.editSupport());
    const resolved = this.caps.resolveCodeAction ? actions : actions.map((a) => this.resolveNow(a, at.file));
    // "Suppress with a reason", on every diagnostic, after the fixes (never preferred).
    return [...resolved, ...suppressActions(at.snapshot, at.file, range, diagnostics, only, this.caps.snippetEdits, this.session.settings)];
  }

  private editSupport(): EditSupport {
    return { documentChanges: this.caps.documentChanges, showsTypeScriptProblems: this.caps.showsTypeScriptProblems, versionOf: (uri) => this.documents.get(uri)?.version ?? null };
  }

  private resolveNow(action: CodeAction, file: string) {
    const ws = this.session.workspaceOf(file);
    const snapshot = ws?.latest;
    return ws && snapshot ? resolveCodeAction(action, snapshot, ws, this.editSupport()) : action;
  }

  private async resolveAction(action: CodeAction) {
    await this.session.fresh();
    const file = (action.data as { file?: string } | undefined)?.file;
    return file ? this.resolveNow(action, file) : action;
  }
}
