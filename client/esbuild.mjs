// Builds what the .vsix ships: the extension and the language server (with the analyzer) as two
// bundles, the licence, and the diagnostics documentation that the diagnostics link to.
import * as fs from "node:fs";
import * as esbuild from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: true, logLevel: "warning" };
await esbuild.build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] });
await esbuild.build({ ...common, entryPoints: ["../server/src/main.ts"], outfile: "dist/server.js" });
fs.copyFileSync("../LICENSE", "LICENSE");
fs.mkdirSync("docs", { recursive: true });
fs.copyFileSync("../docs/diagnostics.md", "docs/diagnostics.md");
