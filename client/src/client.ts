/**
 * The language client: how the bundled server is started (IPC, the user's execArgv outside
 * Restricted Mode), which documents it sees, and the server's custom messages.
 *
 * Owns: the LanguageClient's lifecycle. Must not: know about webviews or commands.
 */
import * as vscode from "vscode";
import { DidChangeWatchedFilesNotification, FileChangeType, LanguageClient, TransportKind, type FileEvent, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { docsBase } from "./docs";
import type { LockGraphAnswer as LockGraph } from "lockorder-server/dist/src/lockGraph";
import type { StatusItem } from "./status";

/** `lockorder/status`: after each analysis of a workspace. */
export interface AnalysisStatus {
  root: string;
  generation: number;
  locks: number;
  cycles: number;
  errors: number;
  warnings: number;
  milliseconds: number;
  files: number;
}

/** `lockorder/lockGraph`'s answer (server/src/lockGraph.ts, whose types these are), with the SVG. */
export type { LockGraphAnswer as LockGraph, LockGraphSite } from "lockorder-server/dist/src/lockGraph";

/** `lockorder/moduleNotFound`: a workspace's models import lockorder and TypeScript cannot resolve it (count 0: now it can). */
export interface ModuleNotFound {
  root: string;
  files: string[];
  count: number;
}

export class LockorderClient {
  private client: LanguageClient | undefined;
  private readonly analysed = new vscode.EventEmitter<AnalysisStatus>();
  /** After each analysis of a workspace (`lockorder/status`): the lock graph view redraws. */
  readonly onDidAnalyse = this.analysed.event;
  private readonly moduleNotFound = new vscode.EventEmitter<ModuleNotFound>();
  readonly onModuleNotFound = this.moduleNotFound.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    // The server's bundle (dist/server.js) through a loader that keeps its compiled code in V8's code cache.
    const module = this.context.asAbsolutePath("dist/serverStart.js");
    // Node options are honoured only in trusted workspaces (they influence what runs).
    const execArgv = vscode.workspace.isTrusted ? vscode.workspace.getConfiguration("lockorder").get<string[]>("server.execArgv", []) : [];
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, "--nolazy", "--inspect=6009"] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Files on disk and, in virtual workspaces, whatever documents are open.
      documentSelector: [
        { language: "typescript" },
        { language: "typescriptreact" },
      ],
      outputChannel: this.output,
      revealOutputChannelOn: 4 /* never */,
      // VS Code shows TypeScript's problems: the server leaves out what would only repeat them.
      initializationOptions: {
        settings: vscode.workspace.getConfiguration("lockorder"),
        showsTypeScriptProblems: true,
        // Codes link to the extension's URI handler, which opens the rendered section (docs.ts).
        docsBase: docsBase(this.context),
      },
    };
    this.client = new LanguageClient("lockorder", "Lockorder", serverOptions, clientOptions);
    this.client.onNotification("lockorder/moduleNotFound", (p: ModuleNotFound) => this.moduleNotFound.fire(p));
    this.client.onNotification("lockorder/status", (s: AnalysisStatus) => {
      this.status.update(s);
      this.analysed.fire(s);
    });
    this.status.starting();
    await this.client.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop();
  }

  /** Tells the server of files the extension wrote that its file watcher may not report (node_modules). */
  filesChanged(files: readonly { uri: vscode.Uri; created: boolean }[]): void {
    const changes = files.map((f): FileEvent => ({ uri: f.uri.toString(), type: f.created ? FileChangeType.Created : FileChangeType.Changed }));
    void this.client?.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The lock graph of the model holding a document, drawn by the server; folded, without the locks on no cycle. */
  async lockGraph(uri: vscode.Uri | undefined, fold = false): Promise<LockGraph | null> {
    if (!this.client) return null;
    return this.client.sendRequest<LockGraph | null>("lockorder/lockGraph", { uri: uri?.toString() ?? "", svg: true, fold });
  }
}
