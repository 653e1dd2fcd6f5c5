/**
 * The workspace session: the workspace folders as models, the documents open in them, the
 * settings, which workspaces changed since their last analysis and when to analyse them
 * (scheduler.ts), and the snapshot a request is answered from.
 *
 * Owns: which workspace a file belongs to; analysing (a failed analysis keeps the last good
 * diagnostics and is logged once); `fresh`, which lets a request wait until the analysis reflects
 * every change received before it. Must not: talk to the client (server.ts does, and tells the
 * session what it hears); decide how diagnostics are sent (it hands each analysis to the
 * publisher it is given, publisher.ts); answer a feature request (server.ts with hover.ts,
 * codeLens.ts, codeActions.ts, lockGraph.ts).
 */
import * as path from "node:path";
import type { ResultDiagnostic } from "lockorder/analyzer";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { toPath } from "./convert";
import { resultsByFile } from "./diagnostics";
import type { Publisher } from "./publisher";
import { Scheduler, type DebouncePolicy } from "./scheduler";
import { readSettings, type Settings } from "./settings";
import { Workspace, type Snapshot } from "./workspace";

/** What the session needs from the protocol layer. */
/** How long edits must pause before a folder's result is stored for the next start. */
const STORE_AFTER_MS = 5000;

export interface SessionHost {
  /** The open document at `uri`, if any (open documents win over the disk). */
  document(uri: string): TextDocument | undefined;
  log(message: string): void;
  /** Called after each workspace's analysis (the status notification). */
  analysed(root: string, snapshot: Snapshot): void;
  /** Called when the diagnostics kept from the last start were published for some folders, before their analysis. */
  publishedKept(roots: readonly string[]): void;
}

export class Session {
  private readonly workspaces: Workspace[];
  private current: Settings;
  private readonly scheduler: Scheduler;
  /** Workspaces whose model changed since their last analysis. */
  private readonly dirty = new Set<Workspace>();
  /** Failures already logged with their stack: the same failure on every edit is logged once. */
  private readonly loggedFailures = new Set<string>();
  /** Settles when the first analysis after `initialized` has published (waitForIdle waits for it). */
  private readonly started: Promise<void>;
  private markStarted!: () => void;

  constructor(
    private readonly publisher: Publisher,
    private readonly host: SessionHost,
    folders: readonly string[],
    /** The settings of the initialization options, for clients without workspace/configuration. */
    private readonly initializationSettings: unknown,
    debounce: DebouncePolicy,
  ) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
    this.current = readSettings(initializationSettings);
    this.scheduler = new Scheduler(() => this.analyze(), debounce);
    this.workspaces = folders.map((f) => new Workspace(f, this.current.maxFileSize));
  }

  get settings(): Settings {
    return this.current;
  }

  /** The latest analysis generation of all workspaces (0 before the first). */
  get generation(): number {
    return Math.max(0, ...this.workspaces.map((w) => w.latest?.generation ?? 0));
  }

  /** The latest snapshot of the workspace holding `file`, or else of the first workspace analysed. */
  latestFor(file: string | undefined): Snapshot | undefined {
    return this.modelFor(file)?.snapshot;
  }

  /** As latestFor, with the folder of the workspace the snapshot is of (the lock graph view follows it). */
  modelFor(file: string | undefined): { root: string; snapshot: Snapshot } | undefined {
    const own = file ? this.workspaceOf(file) : undefined;
    const ws = own?.latest ? own : this.workspaces.find((w) => w.latest);
    return ws?.latest ? { root: ws.root, snapshot: ws.latest } : undefined;
  }

  /** Analyses every workspace; `ready` follows once the first of these has been published. */
  async analyzeAll(): Promise<void> {
    this.changed(...this.workspaces);
    await this.scheduler.flush();
  }

  /** The first analysis has published: from now on a request waits only for the changes since. */
  ready(): void {
    this.markStarted();
  }

  /** New settings (`undefined` falls back to the initialization options); every workspace is analysed again. */
  configure(raw: unknown): void {
    this.current = readSettings(raw ?? this.initializationSettings);
    for (const ws of this.workspaces) ws.setMaxFileSize(this.current.maxFileSize);
    this.changed(...this.workspaces);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  // ---- documents and files ----

  workspaceOf(file: string): Workspace | undefined {
    return this.workspaces.find((w) => w.contains(file)) ?? this.workspaces.find((w) => w.covers(file));
  }

  documentChanged(doc: TextDocument, opened: boolean): void {
    const file = toPath(doc.uri);
    if (!file) return;
    let ws = this.workspaceOf(file);
    if (!ws) {
      ws = this.workspaces[0] ?? new Workspace(path.dirname(file), this.current.maxFileSize);
      if (!this.workspaces.includes(ws)) this.workspaces.push(ws);
    }
    ws.setText(file, doc.getText());
    if (opened) this.publisher.opened(doc.uri);
    if (this.current.run === "onType" || opened) this.changed(ws);
  }

  documentSaved(doc: TextDocument): void {
    const file = toPath(doc.uri);
    if (this.current.run === "onSave" && file) this.changed(this.workspaceOf(file));
  }

  documentClosed(doc: TextDocument): void {
    const file = toPath(doc.uri);
    if (!file) return;
    const ws = this.workspaceOf(file);
    ws?.setText(file, undefined);
    this.changed(ws);
  }

  filesChanged(changes: readonly { uri: string }[]): void {
    for (const change of changes) {
      const file = toPath(change.uri);
      if (!file || this.host.document(change.uri)) continue; // open documents win over the disk
      for (const ws of this.workspaces) {
        if (!ws.covers(file) && !ws.contains(file)) continue;
        ws.fileChanged(file);
        this.dirty.add(ws);
      }
    }
    this.scheduler.changed();
  }

  // ---- analysis ----

  private changed(...workspaces: (Workspace | undefined)[]): void {
    for (const ws of workspaces) if (ws) this.dirty.add(ws);
    this.scheduler.changed();
  }

  /** Waits until the analysis reflects every change received so far, and its diagnostics were sent. */
  async fresh(): Promise<void> {
    await this.started;
    await this.scheduler.flush();
    await this.scheduler.idle();
    await this.publisher.settled();
  }

  /** The snapshot a feature request on an open document runs on, once fresh; none if the file is not in its model. */
  async snapshotAt(uri: string): Promise<{ snapshot: Snapshot; file: string; doc: TextDocument } | undefined> {
    await this.fresh();
    const file = toPath(uri);
    const doc = this.host.document(uri);
    const snapshot = file ? this.workspaceOf(file)?.latest : undefined;
    if (!file || !doc || !snapshot || !snapshot.queries.files().includes(file)) return undefined;
    return { snapshot, file, doc };
  }

  private async analyze(): Promise<void> {
    const generation = this.scheduler.generation;
    this.publisher.supersede();
    if (!this.current.enable) {
      this.dirty.clear();
      this.publisher.publishAll(new Map());
      return;
    }
    const byFile = new Map(this.publisher.diagnostics);
    const todo = [...this.dirty];
    const analysed: { ws: Workspace; first: boolean }[] = [];
    this.dirty.clear();
    await this.publishCached(todo, byFile);
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
      for (const e of snapshot.state.result.details.internalErrors) this.host.log(`lockorder: internal error ${e}`);
      const files = snapshot.state.result.details.files;
      for (const [file, list] of resultsByFile(snapshot.state.result.diagnostics, files)) byFile.set(file, list);
      this.host.analysed(ws.root, snapshot);
      analysed.push({ ws, first: previous === undefined });
    }
    // Let queued edits arrive: results overtaken by a newer edit are dropped, not published.
    await new Promise((resolve) => setImmediate(resolve));
    if (generation !== this.scheduler.generation) {
      for (const ws of todo) this.dirty.add(ws);
      return;
    }
    this.publisher.publishAll(byFile);
    // Kept for the next start once the client has them: storing hashes every file of the model.
    void this.publisher.settled().then(() => {
      for (const { ws, first } of analysed) this.keepResult(ws, first);
    });
  }

  /**
   * Before a folder's first analysis: what the last server stored of it, if nothing changed since
   * (docs/architecture.md#the-result-cache), published at once; the analysis then publishes only
   * what differs, which is nothing when the files are those on disk.
   */
  private async publishCached(todo: readonly Workspace[], byFile: ReadonlyMap<string, ResultDiagnostic[]>): Promise<void> {
    const kept = todo.filter((ws) => !ws.latest).flatMap((ws) => {
      const cached = ws.cachedResult();
      return cached ? [{ root: ws.root, cached }] : [];
    });
    if (kept.length === 0) return;
    const first = new Map(byFile);
    for (const { cached } of kept) for (const [file, list] of resultsByFile(cached.diagnostics, cached.files)) first.set(file, list);
    this.publisher.publishAll(first);
    await this.publisher.settled();
    this.host.publishedKept(kept.map((k) => k.root));
  }

  /** When the result of each folder was last stored, or is to be (keepResult). */
  private readonly storing = new Map<Workspace, NodeJS.Timeout>();

  /**
   * Stores a folder's result for the next start: its first at once (a server stopped soon after
   * starting still leaves one), later ones once edits pause for STORE_AFTER_MS (storing hashes
   * every file of the model, which an edit's analysis must not wait for).
   */
  private keepResult(ws: Workspace, first: boolean): void {
    clearTimeout(this.storing.get(ws));
    if (first) return ws.storeResult();
    this.storing.set(ws, setTimeout(() => ws.storeResult(), STORE_AFTER_MS).unref());
  }

  private logFailure(what: string, error: unknown): void {
    const stack = String((error as Error).stack ?? error);
    // The same failure: the same message thrown from the same place (the callers' frames vary).
    const key = stack.split("\n").slice(0, 2).join("\n");
    if (this.loggedFailures.has(key)) {
      this.host.log(`lockorder: ${what} again: ${(error as Error).message ?? error} (stack above)`);
      return;
    }
    this.loggedFailures.add(key);
    this.host.log(`lockorder: ${what}: ${stack}`);
  }
}
