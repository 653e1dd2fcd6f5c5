/**
 * The extension's commands: Restart Server, Show Output, Show Lock Graph, and the commands that
 * the server's code lenses carry: `lockorder.showLocations` opens the references peek (a lock's
 * acquisition sites, the other sides of a possible deadlock), `lockorder.showLockHistory` a quick
 * pick of a function's acquisitions in order, each with its call chain, previewed as it is
 * selected and opened when chosen (the editor comes back if the pick is dismissed).
 *
 * Owns: command registration and argument conversion. Must not: analyse.
 */
import * as vscode from "vscode";
import type { LockorderClient } from "./client";
import type { LockGraphView } from "./graphView";

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

const toPosition = (p: LspPosition) => new vscode.Position(p.line, p.character);
const toRange = (r: LspLocation["range"]) => new vscode.Range(toPosition(r.start), toPosition(r.end));

/** The arguments of `lockorder.showLockHistory` (server/src/codeLens.ts LockHistoryArguments). */
interface LockHistory {
  title: string;
  items: { label: string; description: string; detail: string; location: LspLocation }[];
}

async function showLockHistory(history: LockHistory): Promise<void> {
  const back = vscode.window.activeTextEditor;
  const backTo = back && { uri: back.document.uri, selection: back.selection };
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { location: LspLocation }>();
  pick.title = history.title;
  pick.placeholder = "The locks it takes, in order: where and through which calls";
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = history.items;
  const open = (l: LspLocation, preview: boolean) => {
    const range = toRange(l.range);
    // A preview in an editor already in view moves its selection: the pick keeps the focus.
    const shown = preview && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === vscode.Uri.parse(l.uri).toString());
    if (!shown) return vscode.window.showTextDocument(vscode.Uri.parse(l.uri), { selection: range, preserveFocus: preview, preview });
    shown.selection = new vscode.Selection(range.start, range.end);
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return Promise.resolve(shown);
  };
  let chosen = false;
  pick.onDidChangeActive(([item]) => void (item && open(item.location, true)));
  pick.onDidAccept(() => {
    const [item] = pick.selectedItems;
    chosen = item !== undefined;
    pick.hide();
    if (item) void open(item.location, false);
  });
  pick.onDidHide(() => {
    pick.dispose();
    if (!chosen && backTo) void vscode.window.showTextDocument(backTo.uri, { selection: backTo.selection });
  });
  pick.show();
}

export function registerCommands(context: vscode.ExtensionContext, client: LockorderClient, output: vscode.OutputChannel, graph: LockGraphView): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("lockorder.restartServer", () => client.restart()),
    vscode.commands.registerCommand("lockorder.showOutputChannel", () => output.show()),
    vscode.commands.registerCommand("lockorder.showLockGraph", () => graph.show(vscode.window.activeTextEditor?.document.uri)),
    vscode.commands.registerCommand("lockorder.showLocations", (uri: string, position: LspPosition, locations: LspLocation[]) =>
      vscode.commands.executeCommand(
        "editor.action.showReferences",
        vscode.Uri.parse(uri),
        toPosition(position),
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range))),
      ),
    ),
    vscode.commands.registerCommand("lockorder.showLockHistory", (history: LockHistory) => showLockHistory(history)),
  );
}
