// Builds what the .vsix ships: the extension, the language server (with the analyzer; started by a
// small loader, serverStart.js) and the lock graph view's page as bundles (the page's style sheet
// is media/graphView.css), the licence, the documentation that the diagnostics link to, the
// screenshots of the walkthrough, and the lockorder module that Set Up Model Folder writes.
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: true, logLevel: "warning" };
await esbuild.build({ ...common, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] });
await esbuild.build({ ...common, entryPoints: ["../server/src/main.ts"], outfile: "dist/server.js" });
// What the client starts: loads dist/server.js through V8's code cache (server/src/bundleStart.ts).
await esbuild.build({ ...common, entryPoints: ["../server/src/bundleStart.ts"], outfile: "dist/serverStart.js" });
// The lock graph view's page (graphPage.ts): a script of the extension's, run in the webview.
await esbuild.build({ bundle: true, platform: "browser", target: "es2022", format: "iife", logLevel: "warning", entryPoints: ["src/graphPage.ts"], outfile: "dist/graphPage.js" });
fs.copyFileSync("../LICENSE", "LICENSE");

// The documentation pages the diagnostics link to (opened in the Markdown preview, docs.ts). Links
// to what the extension does not ship point to the repository.
const REPOSITORY = "https://github.com/lockorder/lockorder/blob/main";
const SHIPPED_PAGES = ["diagnostics.md", "annotations.md"];
fs.rmSync("docs", { recursive: true, force: true });
fs.mkdirSync("docs/screenshots", { recursive: true });
for (const page of SHIPPED_PAGES) {
  const text = fs.readFileSync(`../docs/${page}`, "utf8").replace(/\]\(((?:\.\.\/)?[\w./-]+\.md)(#[\w-]*)?\)/g, (link, target, anchor = "") =>
    SHIPPED_PAGES.includes(target) ? link : `](${REPOSITORY}/${path.posix.normalize(path.posix.join("docs", target))}${anchor})`,
  );
  fs.writeFileSync(`docs/${page}`, text);
}
// The screenshots the walkthrough shows, from docs/screenshots/. (The README's pictures are not
// shipped: vsce links them to the repository, as the extension's page shows only https images.)
const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"));
for (const walkthrough of manifest.contributes.walkthroughs ?? []) {
  for (const step of walkthrough.steps) if (step.media?.image) fs.copyFileSync(`../${step.media.image}`, step.media.image);
}

// The lockorder module that models import, as "Lockorder: Set Up Model Folder" writes it into a
// folder's node_modules (firstRun.ts): the analyzer's compiled declarations and no-op functions.
const analyzer = JSON.parse(fs.readFileSync("../analyzer/package.json", "utf8"));
fs.rmSync("dist/lockorder", { recursive: true, force: true });
fs.mkdirSync("dist/lockorder", { recursive: true });
for (const file of ["lockorder.d.ts", "lockorder.js"]) {
  const text = fs.readFileSync(`../analyzer/dist/src/${file}`, "utf8").replace(/^\/\/# sourceMappingURL=.*\n?/m, "");
  fs.writeFileSync(`dist/lockorder/${file}`, text);
}
fs.writeFileSync(
  "dist/lockorder/package.json",
  JSON.stringify(
    {
      name: "lockorder",
      version: analyzer.version,
      description: "The lockorder module's declarations for driver models, written by the Lockorder extension (Lockorder: Set Up Model Folder)",
      license: analyzer.license,
      writtenBy: "lockorder-vscode",
      main: "lockorder.js",
      types: "lockorder.d.ts",
      exports: { ".": { types: "./lockorder.d.ts", default: "./lockorder.js" } },
    },
    null,
    2,
  ) + "\n",
);
