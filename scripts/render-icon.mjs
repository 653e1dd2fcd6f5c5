// Renders the extension's icon, client/media/icon.svg, to the 128×128 PNG the manifest names
// (client/media/icon.png), in the Chromium the end-to-end tests drive (playwright-core):
//   node scripts/render-icon.mjs
// Run it after changing the SVG and commit both.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(path.join(repo, "client/package.json"))("playwright-core");
const svg = fs.readFileSync(path.join(repo, "client/media/icon.svg"), "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator("svg").screenshot({ path: path.join(repo, "client/media/icon.png"), omitBackground: true });
} finally {
  await browser.close();
}
