/**
 * The extension's commands: Restart Server, Show Output, Show Lock Graph, and the
 * `lockorder.showLocations` command that the server's code lenses carry (it opens the references
 * peek with the acquisition sites of a lock).
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
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)))),
      ),
    ),
  );
}
