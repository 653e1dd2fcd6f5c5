/**
 * Diagnostics on their way to the client: pushed (`publishDiagnostics`) to every client, pulled
 * (`textDocument/diagnostic`) for open documents where the client pulls. Open documents go first,
 * where the user looks; the other files follow in slices, so that an edit arriving meanwhile is not
 * kept waiting, and a newer analysis supersedes what is left of an older one.
 *
 * Owns: what was last sent for each document (only what changed is sent again), the result ids of
 * pull answers, and the refresh requests for pulled diagnostics and code lenses. Must not: analyse
 * or decide when to (session.ts does); know which workspace a file belongs to.
 */
import {
  CodeLensRefreshRequest,
  DocumentDiagnosticReportKind,
  type Connection,
  type Diagnostic,
} from "vscode-languageserver";
import type { ResultDiagnostic } from "lockorder/analyzer";
import { toPath, toUri } from "./convert";
import { toLspDiagnostics, type DiagnosticCapabilities } from "./diagnostics";
import type { Settings } from "./settings";

/** How many files' diagnostics are converted and pushed between two looks at the message queue. */
const PUBLISH_SLICE = 100;

/** What the client said it can do that decides how diagnostics reach it. */
export interface PublishCapabilities extends DiagnosticCapabilities {
  pull: boolean;
  pullRefresh: boolean;
  codeLensRefresh: boolean;
}

export class Publisher {
  /** What was last pushed for each URI, to send only what changed. */
  private readonly pushed = new Map<string, string>();
  /** The latest analyses' diagnostics by file (converted to LSP when sent). */
  private published = new Map<string, ResultDiagnostic[]>();
  /** Bumped by each analysis and publish; a publish whose turn passed stops pushing the other files. */
  private turn = 0;
  /** Settles when the latest publishAll pushed the files that are not open. */
  private publishingRest: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly caps: PublishCapabilities,
    /** The current settings (severity overrides), read whenever a file is sent. */
    private readonly settings: () => Settings,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** The diagnostics of the latest publish, by file. */
  get diagnostics(): ReadonlyMap<string, ResultDiagnostic[]> {
    return this.published;
  }

  /** A new analysis starts: what is left of the previous publish gives way (this one publishes every file again). */
  supersede(): void {
    this.turn++;
  }

  /** A document was opened: where the client pulls, what was pushed for it is withdrawn (the pull answers it). */
  opened(uri: string): void {
    if (this.caps.pull && this.pushed.has(uri)) this.push(uri, []);
  }

  publishAll(byFile: Map<string, ResultDiagnostic[]>): void {
    this.published = byFile;
    const files = [...byFile.keys()].map((file) => {
      const uri = toUri(file);
      return { file, uri, open: this.isOpen(uri) };
    });
    // Open documents get pull diagnostics where the client pulls; everything else is pushed.
    const publish = (f: { file: string; uri: string; open: boolean }) =>
      this.push(f.uri, this.caps.pull && f.open ? [] : toLspDiagnostics(byFile.get(f.file)!, this.caps, this.settings()));
    // Open documents first, where the user looks; the others once those messages have been
    // written, unless a newer analysis publishes before.
    const sent = files.filter((f) => f.open).map(publish);
    if (this.caps.pull && this.caps.pullRefresh) void this.connection.languages.diagnostics.refresh();
    // Lenses asked for before this analysis (or against an older one) are asked for again.
    if (this.caps.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type);
    const turn = ++this.turn;
    const rest = files.filter((f) => !f.open);
    this.publishingRest = Promise.all(sent).then(async () => {
      // In slices, so that an edit arriving meanwhile is not kept waiting (its analysis publishes
      // everything again).
      for (let i = 0; i < rest.length; i += PUBLISH_SLICE) {
        if (turn !== this.turn) return;
        for (const f of rest.slice(i, i + PUBLISH_SLICE)) publish(f);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (turn !== this.turn) return;
      const seen = new Set(files.map((f) => f.uri));
      for (const uri of [...this.pushed.keys()]) if (!seen.has(uri)) this.push(uri, []);
    });
  }

  /** Settles when the latest publish has pushed every file, a publish that starts meanwhile included. */
  async settled(): Promise<void> {
    for (let rest; rest !== this.publishingRest; ) await (rest = this.publishingRest);
  }

  /** A pull answer: the analysis `generation` is its result id, unchanged if the client has it. */
  pull(uri: string, previousResultId: string | undefined, generation: number) {
    const file = toPath(uri);
    const resultId = String(generation);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId } as const;
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: toLspDiagnostics((file && this.published.get(file)) || [], this.caps, this.settings()) } as const;
  }

  /** Sends a file's diagnostics unless they are what was last sent; settles when written. */
  private push(uri: string, list: Diagnostic[]): Promise<void> | undefined {
    const json = JSON.stringify(list);
    if ((this.pushed.get(uri) ?? "[]") === json && this.pushed.has(uri) === (list.length > 0)) return undefined;
    if (list.length === 0) this.pushed.delete(uri);
    else this.pushed.set(uri, json);
    return this.connection.sendDiagnostics({ uri, diagnostics: list }).catch(() => undefined);
  }
}
