/**
 * What every end-to-end test shares: a real VS Code (code-server, client/test/tools.ts) with the
 * packaged .vsix installed, opened on a copy of a model folder in Debian's Chromium driven by
 * playwright-core, and the steps a user takes in it (Quick Open, Go to Line, the command palette),
 * each condition polled (no fixed sleeps), with a screenshot per step under test-output/e2e/.
 *
 * Owns: starting and stopping that editor, and those user steps. Must not: assert what the
 * extension shows (each e2e test file does).
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { ensureTools } from "./tools";

export const REPO = path.resolve(__dirname, "../../..");
/** The packaged extension (`npm run package`); LOCKORDER_VSIX names another build. */
export const VSIX = process.env.LOCKORDER_VSIX ?? path.join(REPO, "lockorder-0.1.0.vsix");
export const SHOTS = path.join(REPO, "test-output/e2e");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function findFiles(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Polls until `check` returns a truthy value (no fixed sleeps). */
export async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface SessionOptions {
  /** The model folder copied into the workspace (its files, not its subfolders). */
  model: string;
  /** The workspace folder's name. */
  name: string;
  /**
   * Whether the workspace resolves the `lockorder` module (a node_modules link to the analyzer and
   * the fixtures' tsconfig.json), as a set-up model folder does. Default true.
   */
  resolvesLockorder?: boolean;
  /** More user settings. */
  settings?: Record<string, unknown>;
}

export class CodeServerSession {
  page!: Page;
  workspace!: string;
  private server: ChildProcess | undefined;
  private browser: Browser | undefined;
  private dataDir = "";
  private readonly logs: string[] = [];

  constructor(private readonly options: SessionOptions) {}

  async start(): Promise<void> {
    assert.ok(fs.existsSync(VSIX), `the .vsix is built (npm run package): ${VSIX}`);
    assert.ok(fs.existsSync(CHROMIUM), `Chromium is installed (apt-get install chromium): ${CHROMIUM}`);
    const tools = ensureTools();
    fs.mkdirSync(SHOTS, { recursive: true });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lockorder-e2e-"));
    this.workspace = path.join(root, this.options.name);
    fs.mkdirSync(this.workspace, { recursive: true });
    for (const f of fs.readdirSync(this.options.model, { withFileTypes: true })) {
      if (f.isFile()) fs.copyFileSync(path.join(this.options.model, f.name), path.join(this.workspace, f.name));
    }
    if (this.options.resolvesLockorder !== false) {
      // The model type-checks against the lockorder module, so the editor shows only our diagnostics.
      fs.mkdirSync(path.join(this.workspace, "node_modules"), { recursive: true });
      fs.symlinkSync(path.join(REPO, "analyzer"), path.join(this.workspace, "node_modules", "lockorder"));
      fs.copyFileSync(path.join(REPO, "test-fixtures/tsconfig.json"), path.join(this.workspace, "tsconfig.json"));
    }
    this.dataDir = path.join(root, "data");
    const user = path.join(this.dataDir, "User");
    fs.mkdirSync(user, { recursive: true });
    fs.writeFileSync(
      path.join(user, "settings.json"),
      JSON.stringify({
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "telemetry.telemetryLevel": "off",
        "workbench.tips.enabled": false,
        "chat.disableAIFeatures": true,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "lockorder.trace.server": "verbose",
        ...this.options.settings,
      }),
    );
    const env = { ...process.env, PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH}` };
    const common = ["--user-data-dir", this.dataDir, "--extensions-dir", path.join(root, "extensions")];
    const install = spawnSync(tools.node, [tools.codeServer, ...common, "--install-extension", VSIX], { env, encoding: "utf8" });
    assert.equal(install.status, 0, `code-server --install-extension: ${install.stdout}${install.stderr}`);
    const port = await freePort();
    this.server = spawn(tools.node, [tools.codeServer, ...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", this.workspace], { env });
    this.server.stdout!.on("data", (d) => this.logs.push(String(d)));
    this.server.stderr!.on("data", (d) => this.logs.push(String(d)));
    await until("code-server to listen", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    this.page = await this.browser.newPage({ viewport: { width: 1500, height: 950 } });
    await this.page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.waitForSelector(".monaco-workbench", { timeout: 120_000 });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.server?.kill();
  }

  /** A screenshot of the page; finite animations (a code lens fading in) are run to their end first. */
  shot(name: string): Promise<Buffer> {
    return this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: "disabled" });
  }

  /** Runs a step; on failure keeps a screenshot of the page as it was, and prints the client's log. */
  async step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      await this.shot(`failed-${name}`).catch(() => undefined);
      // The client's log (with the protocol trace) tells what the server was asked and answered.
      for (const log of findFiles(path.join(this.dataDir, "logs"), /Lockorder.*\.log$/)) process.stderr.write(`--- ${log}\n${fs.readFileSync(log, "utf8").slice(-20000)}\n`);
      throw error;
    }
  }

  /** The editor's log files whose name matches `pattern` (the extension's output channels among them). */
  logFiles(pattern: RegExp): string[] {
    return findFiles(path.join(this.dataDir, "logs"), pattern);
  }

  async openFile(name: string, shows = "export"): Promise<void> {
    const { page } = this;
    await page.keyboard.press("Control+P");
    await page.waitForSelector(".quick-input-widget input");
    await page.keyboard.type(name);
    await until(`${name} in Quick Open`, async () => (await page.locator(".quick-input-list .monaco-list-row").first().textContent())?.includes(name));
    await page.keyboard.press("Enter");
    await until(`${name} open`, async () => (await page.locator(".monaco-editor .view-lines").first().textContent())?.includes(shows) || (await page.title()).includes(name));
  }

  /** The 1-based line and column of `needle` (plus `shift`) in a model file, on the first line with it after the one with `after`. */
  positionOf(file: string, needle: string, shift = 0, after?: string): [number, number] {
    const lines = fs.readFileSync(path.join(this.workspace, file), "utf8").split("\n");
    const from = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
    assert.ok(from >= 0, `${after} in ${file}`);
    const line = lines.findIndex((l, i) => i >= from && l.includes(needle));
    assert.ok(line >= 0, `${needle} in ${file}`);
    return [line + 1, lines[line].indexOf(needle) + shift + 1];
  }

  async goTo([line, column]: [number, number]): Promise<void> {
    await this.page.keyboard.press("Control+G");
    await this.page.waitForSelector(".quick-input-widget input");
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press("Enter");
  }

  /** Runs a command from the palette by its title (`Lockorder: Show Lock Graph`). */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press("F1");
    await page.waitForSelector(".quick-input-widget input");
    await page.keyboard.type(title);
    await until(`${title} in the palette`, async () => (await page.locator(".quick-input-list .monaco-list-row").first().textContent())?.includes(title.replace(/^.*?: /, "")));
    await page.keyboard.press("Enter");
  }

  /** The first frame (a webview's) in which `check` finds what it looks for. */
  frameWith(what: string, check: (f: Frame) => Promise<boolean>, timeoutMs?: number): Promise<Frame> {
    return until<Frame>(what, async () => {
      for (const f of this.page.frames()) if (await check(f).catch(() => false)) return f;
      return undefined;
    }, timeoutMs);
  }
}
