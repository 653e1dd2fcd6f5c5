/**
 * The language client: how the bundled server is started (IPC, the user's execArgv outside
 * Restricted Mode), which documents it sees, and the server's custom messages.
 *
 * Owns: the LanguageClient's lifecycle. Must not: know about webviews or commands.
 */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import type { StatusItem } from "./status";

export interface LockGraph {
  svg: string;
  edges: { from: string; to: string; sites: number; site?: { file: string; line: number; column: number } }[];
  locks: { name: string; rank: number }[];
  cycles: string[][];
}

export class LockorderClient {
  private client: LanguageClient | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath("dist/server.js");
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
      initializationOptions: { settings: vscode.workspace.getConfiguration("lockorder"), showsTypeScriptProblems: true },
    };
    this.client = new LanguageClient("lockorder", "Lockorder", serverOptions, clientOptions);
    this.client.onNotification("lockorder/status", (s: { locks: number; cycles: number; errors: number; warnings: number; milliseconds: number; files: number }) => this.status.update(s));
    this.status.starting();
    await this.client.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** The lock graph of the model holding a document, drawn by the server. */
  async lockGraph(uri: vscode.Uri | undefined): Promise<LockGraph | null> {
    if (!this.client) return null;
    return this.client.sendRequest<LockGraph | null>("lockorder/lockGraph", { uri: uri?.toString() ?? "", svg: true });
  }
}
