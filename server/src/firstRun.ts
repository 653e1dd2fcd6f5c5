/**
 * A model folder's first run: tells the client when a workspace's models import `lockorder` and
 * TypeScript cannot resolve it (so every file gets "Cannot find module 'lockorder'"), with the
 * notification `lockorder/moduleNotFound` (the folder, the files, how many), and again, with no
 * files, once it resolves. The VS Code extension then offers "Lockorder: Set Up Model Folder".
 *
 * Owns: which workspaces were last reported, so that each change is sent once (not after every
 * analysis). Must not: analyse (the analyzer answers: unresolvedLockorder), talk to the client
 * itself (server.ts sends what it is given), or write to the workspace (the client sets it up).
 */
import { unresolvedLockorder } from "lockorder/analyzer";
import { toUri } from "./convert";
import type { Snapshot } from "./workspace";

/** The notification's method. */
export const MODULE_NOT_FOUND = "lockorder/moduleNotFound";

/** How many files the notification lists (`count` says how many there are). */
const LISTED = 20;

export interface ModuleNotFound {
  /** The workspace folder's URI. */
  root: string;
  /** Up to LISTED of the files that cannot resolve `lockorder` (URIs, in path order). */
  files: string[];
  /** How many files cannot resolve it; 0 once it resolves everywhere. */
  count: number;
}

export class FirstRun {
  /** The workspaces reported as not resolving `lockorder`. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly send: (params: ModuleNotFound) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** After each analysis of a workspace: reports a change of whether its models resolve `lockorder`. */
  analysed(root: string, snapshot: Snapshot): void {
    let files: string[];
    try {
      files = unresolvedLockorder(snapshot.state.program, snapshot.state.files);
    } catch (error) {
      // A question about the set-up must never cost the analysis its diagnostics.
      this.log(`lockorder: checking whether ${root} resolves lockorder failed: ${(error as Error).stack ?? error}`);
      return;
    }
    if ((files.length > 0) === this.missing.has(root)) return;
    if (files.length > 0) this.missing.add(root);
    else this.missing.delete(root);
    this.send({ root: toUri(root), files: files.slice(0, LISTED).map(toUri), count: files.length });
  }
}
