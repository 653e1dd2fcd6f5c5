/**
 * A real LSP client for tests: spawns the built server (`bin/lockorder-server.js --stdio`) and
 * talks JSON-RPC to it with vscode-languageserver-protocol. No fixed sleeps: tests wait with the
 * server's `lockorder/waitForIdle` request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { applyEdits } from "lockorder/analyzer";
import { createConnection as createServerConnection } from "vscode-languageserver/node";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type ProtocolConnection,
  type Range,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { LockorderServer } from "../src/server";

export const SERVER_BIN = path.resolve(__dirname, "../../bin/lockorder-server.js");

export const uriOf = (file: string) => pathToFileURL(file).href;

export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    hover: { contentFormat: ["markdown", "plaintext"] },
    codeAction: { resolveSupport: { properties: ["edit"] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } } },
    codeLens: {},
  },
  workspace: { workspaceFolders: true },
};

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  /** The server's window/logMessage notifications with their type (1 error, 2 warning, 3 info, 4 log). */
  readonly logMessages: { type: number; message: string }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exited = false;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process?: ChildProcess,
  ) {
    process?.on("exit", () => (this.exited = true));
  }

  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Spawns the built server. Its user cache folder (the diagnostics it keeps for its next start,
   * the compiler's code cache) is a fresh one unless `cacheFolder` names one: a test sees what its
   * own servers left, not an earlier test's or the user's.
   */
  static async start(folders: readonly string[], capabilities: ClientCapabilities = PUSH_CAPABILITIES, initializationOptions: unknown = { debounce: { minMs: 0, maxMs: 0 } }, cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-cache-"))): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, LOCKORDER_CACHE_DIR: cacheFolder } });
    const client = new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
    child.stderr!.on("data", (d) => client.logs.push(String(d)));
    return client.initialize(folders, capabilities, initializationOptions);
  }

  /**
   * A server in this process, over in-memory streams: a test can then reach into its modules
   * (to make an analysis fail, say) and still talk to it only through the protocol.
   */
  static async startInProcess(folders: readonly string[]): Promise<TestClient> {
    // As start: a cache folder of its own (the server reads the variable when it keeps or looks for diagnostics).
    process.env.LOCKORDER_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-server-cache-"));
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createServerConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    new LockorderServer(server);
    server.listen();
    const client = new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
    client.disposeServer = () => server.dispose();
    return client.initialize(folders, PUSH_CAPABILITIES, { debounce: { minMs: 0, maxMs: 0 } });
  }

  private disposeServer: (() => void) | undefined;

  /** Listens, answers the server's requests, and runs `initialize` and `initialized`. */
  private async initialize(folders: readonly string[], capabilities: ClientCapabilities, initializationOptions: unknown): Promise<TestClient> {
    const connection = this.connection;
    connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
    });
    connection.onNotification("window/logMessage", (p: { type: number; message: string }) => {
      this.logs.push(p.message);
      this.logMessages.push(p);
    });
    connection.onNotification("lockorder/status", (params: unknown) => {
      this.notifications.push({ method: "lockorder/status", params });
    });
    connection.onNotification("lockorder/moduleNotFound", (params: unknown) => {
      this.notifications.push({ method: "lockorder/moduleNotFound", params });
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/configuration", () => [null]);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => null);
    connection.listen();
    await connection.sendRequest("initialize", {
      // In process, no parent to watch: the library would poll it with a timer that never ends.
      processId: this.process ? process.pid : null,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities,
      initializationOptions,
    });
    await connection.sendNotification("initialized", {});
    await this.idle();
    return this;
  }

  idle(): Promise<number> {
    return this.connection.sendRequest("lockorder/waitForIdle");
  }

  textOf(file: string): string {
    return this.texts.get(file) ?? fs.readFileSync(file, "utf8");
  }

  async open(file: string, text = fs.readFileSync(file, "utf8")): Promise<void> {
    this.versions.set(file, 1);
    this.texts.set(file, text);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(file), languageId: "typescript", version: 1, text } });
  }

  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    this.texts.set(file, text);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  }

  /**
   * Applies a workspace edit as an editor does (`changes` or `documentChanges`): each file it
   * edits is opened if it is not, and changed. Returns how to undo it: each file's text before,
   * and whether this opened it.
   */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<{ file: string; before: string; opened: boolean }[]> {
    const perUri = edit.documentChanges
      ? edit.documentChanges.flatMap((c) => ("textDocument" in c ? [[c.textDocument.uri, c.edits] as const] : []))
      : Object.entries(edit.changes ?? {});
    const undo: { file: string; before: string; opened: boolean }[] = [];
    for (const [uri, edits] of perUri) {
      const file = fileURLToPath(uri);
      const opened = !this.texts.has(file);
      const before = this.textOf(file);
      if (opened) await this.open(file, before);
      await this.change(file, applyLspEdits(before, edits as readonly { range: Range; newText: string }[]));
      undo.push({ file, before, opened });
    }
    return undo;
  }

  /** Undoes applyWorkspaceEdit. */
  async undo(undo: readonly { file: string; before: string; opened: boolean }[]): Promise<void> {
    for (const { file, before, opened } of undo) {
      await this.change(file, before);
      if (opened) await this.close(file);
    }
  }

  async close(file: string): Promise<void> {
    this.texts.delete(file);
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uriOf(file) } });
  }

  hover(file: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest("textDocument/hover", { textDocument: { uri: uriOf(file) }, position: { line, character } });
  }

  codeLenses(file: string): Promise<CodeLens[]> {
    return this.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: uriOf(file) } });
  }

  resolveCodeLens(lens: CodeLens): Promise<CodeLens> {
    return this.connection.sendRequest("codeLens/resolve", lens);
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", { textDocument: { uri: uriOf(file) }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest("codeAction/resolve", action);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    await this.connection.sendRequest("shutdown");
    if (this.process) {
      await this.connection.sendNotification("exit");
      const child = this.process;
      await new Promise<void>((resolve) => (this.exited ? resolve() : child.once("exit", () => resolve())));
    } else {
      // In process, `exit` would end the test runner: the connection is closed instead.
      this.exited = true;
      this.disposeServer?.();
    }
    this.connection.dispose();
  }
}

/** Applies LSP text edits to a text (lines counted as LSP counts them). */
export function applyLspEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  // The analyzer's applier, on its 1-based ranges.
  const range = ({ start, end }: Range) => ({ file: "", line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 });
  return applyEdits(text, edits.map((e) => ({ range: range(e.range), newText: e.newText })));
}

/** The 0-based position of the first occurrence of `needle` in a file, plus `shift` characters. */
export function positionOf(file: string, needle: string, shift = 0): { line: number; character: number } {
  const text = fs.readFileSync(file, "utf8");
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, at + shift);
  return { line: (before.match(/\n/g) ?? []).length, character: at + shift - (before.lastIndexOf("\n") + 1) };
}
