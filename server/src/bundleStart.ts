/**
 * The entry point of the language server as the VS Code extension ships it (client/dist/serverStart.js,
 * which client/src/client.ts starts): it loads the server's bundle (client/dist/server.js, main.ts
 * with the analyzer and the compiler, 17 MB) through V8's code cache, so that a start reads
 * compiled code instead of parsing the bundle again (lockorder/codeCache; docs/architecture.md#start-up).
 *
 * Owns: loading the bundle through the code cache.
 * Must not: do anything else (main.ts is the server); unbundled, server/bin/lockorder-server.js is the entry point.
 */
import * as path from "node:path";
import { installCodeCache } from "lockorder/codeCache";

const bundle = path.join(__dirname, "server.js");
// The cache is written once the first analyses have compiled what a session uses (or at exit).
installCodeCache({ match: (file) => file === bundle, writeAfterMs: 30_000 });
require(bundle);
