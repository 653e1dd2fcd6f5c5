/**
 * The server's entry point: `lockorder-server --stdio` (or `--node-ipc`, `--socket=PORT`).
 *
 * Owns: the process: the connection and last-resort logging. Must not: do anything else.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { LockorderServer } from "./server";

const connection = createConnection(ProposedFeatures.all);
// Nothing the user types may kill the server: log what escapes the handlers and carry on.
process.on("uncaughtException", (error) => connection.console.error(`lockorder: uncaught ${error.stack ?? error}`));
process.on("unhandledRejection", (error) => connection.console.error(`lockorder: unhandled ${(error as Error)?.stack ?? error}`));
new LockorderServer(connection);
connection.listen();
