/**
 * A model folder's first run. When the server reports that a workspace's models import
 * `lockorder` and TypeScript cannot resolve it (`lockorder/moduleNotFound`), one notification
 * offers "Lockorder: Set Up Model Folder", which makes it resolve: it writes the module the
 * extension ships (dist/lockorder: the declarations, a no-op implementation and a package.json)
 * as the folder's node_modules/lockorder, and a tsconfig.json with the options models need
 * (templates/tsconfig.json) where the folder has none. "Lockorder: Open Example Model" writes the
 * walkthrough's model (templates/lockorder-example.ts) and opens it.
 *
 * Owns: those files and that notification. Never writes over a file of the user's: a
 * node_modules/lockorder it did not write, or an existing tsconfig.json, is left as it is.
 * Must not: analyse, or decide whether a folder resolves the module (the server does).
 */
import * as vscode from "vscode";
import type { LockorderClient, ModuleNotFound } from "./client";

/** The package.json field that marks a node_modules/lockorder as the extension's (it may update it). */
const WRITTEN_BY = "writtenBy";
const EXAMPLE = "lockorder-example.ts";
const SET_UP = "Set Up Model Folder";
const NEVER = "Don't Ask Again";
/** Workspace state: the user asked not to be offered the set-up in this workspace. */
const DISMISSED = "lockorder.firstRun.dismissed";

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function readJson(uri: vscode.Uri): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class FirstRun {
  /** The folders already offered the set-up in this window. */
  private readonly offered = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LockorderClient,
  ) {
    context.subscriptions.push(
      client.onModuleNotFound((report) => void this.moduleNotFound(report)),
      vscode.commands.registerCommand("lockorder.setUpModelFolder", (folder?: vscode.Uri) => this.setUpCommand(folder)),
      vscode.commands.registerCommand("lockorder.openExample", () => this.openExample()),
    );
  }

  /** One notification per folder and window, unless the user asked not to be asked again. */
  private async moduleNotFound(report: ModuleNotFound): Promise<void> {
    if (report.count === 0 || this.offered.has(report.root) || this.context.workspaceState.get<boolean>(DISMISSED)) return;
    const root = vscode.Uri.parse(report.root);
    if (root.scheme !== "file") return; // a virtual workspace has no node_modules to write
    this.offered.add(report.root);
    const name = vscode.workspace.getWorkspaceFolder(root)?.name ?? root.path.split("/").pop();
    const files = report.count === 1 ? "1 model file" : `${report.count} model files`;
    const choice = await vscode.window.showInformationMessage(
      `${files} in '${name}' import 'lockorder', which TypeScript cannot find ("Cannot find module 'lockorder'"). Set up the folder with the module's types from the Lockorder extension?`,
      SET_UP,
      NEVER,
    );
    if (choice === SET_UP) await this.setUpCommand(root);
    else if (choice === NEVER) await this.context.workspaceState.update(DISMISSED, true);
  }

  private async pickFolder(folder: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    if (folder instanceof vscode.Uri) return folder;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0]?.uri;
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: "The folder of models to set up" }))?.uri;
  }

  private async setUpCommand(folder: vscode.Uri | undefined): Promise<void> {
    const root = await this.pickFolder(folder);
    if (!root) {
      void vscode.window.showWarningMessage("Lockorder: open a folder of models first.");
      return;
    }
    const { written, kept } = await this.setUp(root);
    const done = written.length > 0 ? `wrote ${written.join(" and ")}` : "nothing to write";
    const note = kept.length > 0 ? ` Left as they are: ${kept.join("; ")}.` : "";
    void vscode.window.showInformationMessage(`Lockorder set up '${vscode.workspace.getWorkspaceFolder(root)?.name ?? root.path}': ${done}.${note}`);
  }

  /** Writes node_modules/lockorder and, where there is none, tsconfig.json; says what it wrote and what it left. */
  async setUp(root: vscode.Uri): Promise<{ written: string[]; kept: string[] }> {
    const written: string[] = [];
    const kept: string[] = [];
    const fs = vscode.workspace.fs;
    const target = vscode.Uri.joinPath(root, "node_modules", "lockorder");
    const shipped = vscode.Uri.joinPath(this.context.extensionUri, "dist", "lockorder");
    const current = await readJson(vscode.Uri.joinPath(target, "package.json"));
    if ((await exists(target)) && current?.[WRITTEN_BY] !== "lockorder-vscode") {
      kept.push("node_modules/lockorder (a package the extension did not write)");
    } else {
      await fs.createDirectory(target);
      for (const [name] of await fs.readDirectory(shipped)) await fs.copy(vscode.Uri.joinPath(shipped, name), vscode.Uri.joinPath(target, name), { overwrite: true });
      written.push("node_modules/lockorder (the lockorder module's types)");
    }
    const tsconfig = vscode.Uri.joinPath(root, "tsconfig.json");
    const created = !(await exists(tsconfig));
    if (created) {
      await fs.copy(vscode.Uri.joinPath(this.context.extensionUri, "templates", "tsconfig.json"), tsconfig);
      written.push("tsconfig.json");
    } else {
      kept.push("tsconfig.json (the folder's own)");
    }
    // The server reads the folder's model again (its file watcher does not see node_modules).
    this.client.filesChanged([{ uri: tsconfig, created }]);
    return { written, kept };
  }

  /** Writes the walkthrough's example model into the folder (unless it is there) and opens it. */
  private async openExample(): Promise<void> {
    const root = await this.pickFolder(undefined);
    if (!root) {
      void vscode.window.showWarningMessage("Lockorder: open a folder first; the example model is written into it.");
      return;
    }
    const file = vscode.Uri.joinPath(root, EXAMPLE);
    if (!(await exists(file))) await vscode.workspace.fs.copy(vscode.Uri.joinPath(this.context.extensionUri, "templates", EXAMPLE), file);
    await vscode.window.showTextDocument(file);
  }
}
