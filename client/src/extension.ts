/**
 * The Lockorder extension: starts the bundled language server and wires the editor to it.
 *
 * Owns: the composition: client, commands, status item, graph view, documentation, first run.
 * Must not: analyse (the server does) or hold settings in globals (each reads the configuration
 * when it needs it).
 */
import * as vscode from "vscode";
import { LockorderClient } from "./client";
import { registerCommands } from "./commands";
import { registerDocs } from "./docs";
import { FirstRun } from "./firstRun";
import { LockGraphView } from "./graphView";
import { StatusItem } from "./status";

let client: LockorderClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Lockorder", { log: true });
  context.subscriptions.push(output);
  const status = new StatusItem();
  context.subscriptions.push(status);
  client = new LockorderClient(context, output, status);
  const graph = new LockGraphView(context, client);
  registerCommands(context, client, output, graph);
  registerDocs(context);
  new FirstRun(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
