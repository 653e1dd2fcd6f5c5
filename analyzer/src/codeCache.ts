/**
 * A V8 code cache for the big scripts every start compiles: the compiler bundle that the CLI loads
 * from @ts-morph/common (12 MB: ts-morph-common.js and typescript.js), or the language server's
 * esbuild bundle. A start with the cache reads V8's compiled code instead of parsing those files
 * again (docs/architecture.md#start-up). Used by analyzer/bin/lockorder.js and the server's entry
 * points before anything loads the compiler; Node 20 has no `module.enableCompileCache`.
 *
 * Owns: the user's cache folder for Lockorder (cacheFolder), the code cache files (name, key,
 * format, atomic writes) and the compile hook that loads the files it is given through them.
 * Must not: fail, print anything or change what a script does: a missing, stale, corrupt or
 * unwritable cache means Node's own loading, silently; and it must not import the compiler.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import Module = require("node:module");

export interface CodeCacheOptions {
  /** The scripts to load through the cache, by absolute file name (default isCompilerBundle). */
  readonly match?: (filename: string) => boolean;
  /** The cache folder (default cacheFolder(); undefined there means no cache). */
  readonly folder?: string;
  /**
   * Whether this run uses the scripts as a usual run does (an analysis), unlike `--version`: V8
   * compiles a function when it is first called, and the cache holds the functions compiled by the
   * end of the run that wrote it, so a cache written by a run that was not is written again by one
   * that is. Default true.
   */
  readonly representative?: boolean;
  /**
   * For a process that runs long (the language server): write the cache this many milliseconds
   * after the script is loaded rather than at exit (it is written at exit if the process ends first).
   */
  readonly writeAfterMs?: number;
}

/**
 * The folder where Lockorder keeps what it caches for the user: `$LOCKORDER_CACHE_DIR` if set;
 * otherwise `$XDG_CACHE_HOME/lockorder` or `~/.cache/lockorder` on Linux and other Unixes,
 * `~/Library/Caches/lockorder` on macOS, `%LOCALAPPDATA%\lockorder\Cache` on Windows. Undefined
 * when there is none (no home folder).
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.LOCKORDER_CACHE_DIR) return path.resolve(env.LOCKORDER_CACHE_DIR);
  if (platform === "win32") return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, "lockorder", "Cache") : undefined;
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  if (platform === "darwin") return path.join(home, "Library", "Caches", "lockorder");
  // The XDG specification: a relative path in the variable is invalid and is ignored.
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, ".cache"), "lockorder");
}

const COMPILER_BUNDLE = /[\\/]@ts-morph[\\/]common[\\/]dist[\\/](?:ts-morph-common|typescript)\.js$/;

/** The compiler bundle that `@ts-morph/common` loads: ts-morph-common.js and typescript.js. */
export function isCompilerBundle(filename: string): boolean {
  return COMPILER_BUNDLE.test(filename);
}

/** The first line of a cache file: a cache file of another format is not read (and is replaced). */
const MAGIC = "lockorder-v8-code-cache 1\n";

/**
 * What a cache file was made from: a script at this path, as it was on disk (a file written again
 * changes its ctime, even when an installer gives it a fixed mtime, as npm does), compiled by this
 * Node. V8 checks its own version, flags and the source's length, and rejects the cache otherwise.
 */
function keyOf(filename: string): string {
  const stat = fs.statSync(filename);
  return JSON.stringify([filename, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, process.version, process.arch, process.versions.v8]);
}

/** One cache file per script and Node: a script changed on disk overwrites its own cache file. */
function cacheFileOf(folder: string, filename: string): string {
  const id = crypto.createHash("sha256").update(JSON.stringify([filename, process.version, process.arch])).digest("hex").slice(0, 24);
  return path.join(folder, `${path.basename(filename).replace(/[^\w.-]/g, "_")}-${id}.v8cache`);
}

interface CacheFile {
  readonly representative: boolean;
  readonly data: Buffer;
}

/** The cache file's code cache if it was made from this key, else undefined. */
function readCache(file: string, key: string): CacheFile | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) return undefined;
  const end = bytes.indexOf(10, MAGIC.length);
  if (end < 0) return undefined;
  let header: { key?: unknown; representative?: unknown };
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, end).toString("utf8"));
  } catch {
    return undefined;
  }
  if (header?.key !== key || end + 1 >= bytes.length) return undefined;
  return { representative: header.representative === true, data: bytes.subarray(end + 1) };
}

/** Writes the cache file whole or not at all: a reader sees the old file or the new one. */
function writeCache(file: string, key: string, representative: boolean, data: Buffer): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(MAGIC + JSON.stringify({ key, representative }) + "\n", "utf8"), data]));
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing to clean up, or nothing we may do.
    }
  }
}

/** Node's module internals that the hook uses (stable since Node 0.x: pirates and ts-node use them too). */
interface ModuleInternals {
  wrap(content: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: unknown): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  prototype: { _compile(this: NodeJS.Module, content: string, filename: string, ...rest: unknown[]): unknown };
}

/** The `require` a module's code is given, as Node makes it (lib/internal/modules/helpers.js). */
function requireFor(module: NodeJS.Module, internals: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions as NodeJS.Require["extensions"];
  require.cache = internals._cache as NodeJS.Require["cache"];
  return require;
}

/** A dynamic `import()` in a cached script behaves as in any other module where Node can say so (20.12+). */
const importModuleDynamically = (vm.constants as Partial<typeof vm.constants> | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

let installed = false;

/**
 * Loads the scripts that `match` names through the code cache from now on in this process: each is
 * compiled with its cache file's code when there is one made from the same file and Node, and a
 * cache file is written (at exit, or writeAfterMs after loading) when there was none, V8 rejected
 * it, or it came from a run that was not representative. Does nothing if there is no cache folder
 * or if it was installed already, or if `LOCKORDER_NO_CODE_CACHE` is set (other than to 0).
 */
export function installCodeCache(options: CodeCacheOptions = {}): void {
  try {
    const off = process.env.LOCKORDER_NO_CODE_CACHE;
    if (installed || (off && off !== "0")) return;
    const folder = "folder" in options ? options.folder : cacheFolder();
    if (!folder) return;
    const internals = Module as unknown as ModuleInternals;
    const original = internals.prototype._compile;
    if (typeof original !== "function" || typeof internals.wrap !== "function") return;
    installed = true;
    const match = options.match ?? isCompilerBundle;
    const representative = options.representative ?? true;
    internals.prototype._compile = function (this: NodeJS.Module, content: string, filename: string, ...rest: unknown[]): unknown {
      const compiled = typeof content === "string" && typeof filename === "string" && !content.startsWith("#!") && match(filename) ? compile(content, filename) : undefined;
      if (!compiled) return original.call(this, content, filename, ...rest);
      // The module's code runs as Node would run it; what it throws is its own (not the cache's).
      return compiled.call(this.exports, this.exports, requireFor(this, internals), this, filename, path.dirname(filename));
    };

    const compile = (content: string, filename: string): Function | undefined => {
      try {
        const key = keyOf(filename);
        const file = cacheFileOf(folder, filename);
        const cached = readCache(file, key);
        const script = new vm.Script(internals.wrap(content), {
          filename,
          cachedData: cached?.data,
          ...(importModuleDynamically !== undefined ? { importModuleDynamically } : {}),
        });
        const compiled = script.runInThisContext({ displayErrors: true }) as Function;
        if (!cached || script.cachedDataRejected || (representative && !cached.representative)) {
          scheduleWrite(() => writeCache(file, key, representative, script.createCachedData()), options.writeAfterMs);
        }
        return compiled;
      } catch {
        // A syntax error is Node's to report, as anything else is Node's to load.
        return undefined;
      }
    };
  } catch {
    // The cache is an optimisation: without it, Node loads as it always does.
  }
}

/**
 * Runs `write` once: at exit (after the run, so that the functions it compiled are in the cache),
 * or after `afterMs` in a process that runs long.
 */
function scheduleWrite(write: () => void, afterMs: number | undefined): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    try {
      write();
    } catch {
      // Not written: the next run tries again.
    }
  };
  process.once("exit", once);
  if (afterMs !== undefined) setTimeout(once, afterMs).unref();
}
