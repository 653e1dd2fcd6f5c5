/**
 * `lockorder check --cache` (ESLint's convention: README.md#command-line): the result of a check
 * kept in a file with the fingerprint of everything it was computed from, so that a run on an
 * unchanged model answers from the file without loading the compiler (docs/architecture.md#the-result-cache).
 * The language server keeps its diagnostics the same way, to publish them on its next start
 * before its first analysis ends.
 * The fingerprint: Lockorder's version and the run's options, the content hash of every file the
 * analysis read (the model's sources, what they import, the lockorder module's declarations, the
 * tsconfig and what it extends), and the names of every entry below the folders given, so that a
 * file added anywhere there, or one that would now resolve, is a change.
 *
 * Owns: the cache file (its format, its fingerprint, reading and writing it atomically).
 * Must not: import the compiler or the analysis (a hit must not load them), or fail a run: a
 * missing, stale, corrupt or unwritable cache means an analysis as without --cache.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";

/** What the exit status and the messages of a check depend on, besides its output. */
export interface CachedCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly configError: boolean;
  readonly internalErrors: readonly string[];
  /** The files analysed (what --stats reports). */
  readonly files: number;
}

/** A check's answer as the cache holds it: its output in one format, and its counts. */
export interface CachedAnswer {
  readonly output: string;
  readonly counts: CachedCounts;
}

/** What a run's answer depends on besides the files: Lockorder's version, the command and its options, the working folder. */
export type RunKey = string;

interface Fingerprint {
  readonly key: RunKey;
  /** Per folder given: the names below it (see listing). */
  readonly listings: readonly (readonly [string, string])[];
  /** Per file read: its content's hash, or "" for a file that could not be read. */
  readonly files: readonly (readonly [string, string])[];
}

interface CacheFile<T> {
  readonly magic: typeof MAGIC;
  readonly fingerprint: Fingerprint;
  /** Absent when the run's output was not kept (JSON). */
  readonly answer: T | undefined;
  /** What else the run kept for the next (the summaries: summaryStore.ts), whether or not its answer still holds. */
  readonly extra?: unknown;
}

/** A cache file as read: its answer, if still valid for a key, and what else it kept. */
export interface CacheContents<T> {
  answer(key: RunKey): T | undefined;
  readonly extra: unknown;
}

const MAGIC = "lockorder-result-cache 3";

/** The default cache location, ESLint's convention: a file in the working folder. */
export const DEFAULT_CACHE_FILE = ".lockordercache";

/** A location that names a folder (it exists as one, or ends with a separator) holds the default file name. */
export function cacheFile(location: string | undefined, cwd: string): string {
  const resolved = path.resolve(cwd, location ?? DEFAULT_CACHE_FILE);
  if (location !== undefined && (/[\\/]$/.test(location) || isFolder(resolved))) return path.join(resolved, DEFAULT_CACHE_FILE);
  return resolved;
}

/** The cached answer, if the cache file holds one for this key and nothing it was computed from changed. */
export function cachedAnswer<T = CachedAnswer>(file: string, key: RunKey): T | undefined {
  return readCache<T>(file)?.answer(key);
}

/** A cache file's contents, or undefined when there is none of this format. */
export function readCache<T = CachedAnswer>(file: string): CacheContents<T> | undefined {
  let cached: CacheFile<T>;
  try {
    cached = v8.deserialize(fs.readFileSync(file)) as CacheFile<T>;
  } catch {
    return undefined;
  }
  if (cached?.magic !== MAGIC) return undefined;
  return {
    extra: cached.extra,
    answer: (key) => {
      if (cached.answer === undefined || cached.fingerprint?.key !== key) return undefined;
      for (const [folder, names] of cached.fingerprint.listings) if (listing(folder, file).hash !== names) return undefined;
      for (const [name, hash] of cached.fingerprint.files) if (contentHash(name) !== hash) return undefined;
      return cached.answer;
    },
  };
}

/**
 * Stores a run's answer with the fingerprint of what it read: `folders`, the folders given on the
 * command line (and the tsconfigs' folders), every model file below them included; `files`, every
 * other file the analysis read.
 */
export function storeAnswer<T = CachedAnswer>(file: string, key: RunKey, folders: readonly string[], files: readonly string[], answer: T | undefined, extra?: unknown): void {
  const read = new Set(files);
  const listings = [...new Set(folders)].sort().map((folder) => {
    const { hash, modelFiles } = listing(folder, file);
    for (const f of modelFiles) read.add(f);
    return [folder, hash] as const;
  });
  const fingerprint: Fingerprint = { key, listings, files: [...read].sort().map((f) => [f, contentHash(f)] as const) };
  const data: CacheFile<T> = { magic: MAGIC, fingerprint, answer, extra };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, v8.serialize(data));
    fs.renameSync(temp, file);
  } catch {
    // An unwritable cache is no cache: the next run analyses again.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // A location that cannot even name a file (a NUL in it).
    }
  }
}

/**
 * What a run read besides its model's files, as one hash: the listings of `folders` (with where
 * their packages really are) and the contents of `files`. Kept summaries (summaryStore.ts) serve
 * only while it is the same: a changed lockorder module or tsconfig changes what every file means.
 */
export function environmentOf(folders: readonly string[], files: readonly string[], cache: string): string {
  const hash = crypto.createHash("sha1");
  for (const folder of [...new Set(folders)].sort()) hash.update(`${folder}\0${listing(folder, cache).hash}\0`);
  for (const file of [...new Set(files)].sort()) hash.update(`${file}\0${contentHash(file)}\0`);
  return hash.digest("base64");
}

/** Files larger than this are fingerprinted by size and time (the analysis reads none this large: files.ts). */
const HASHED_SIZE = 64 * 1024 * 1024;

/** A file's fingerprint: its content's hash; for what is not a regular file (a FIFO, a device: never read, it could block), its kind. */
function contentHash(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return `not a file ${stat.mode}`;
    if (stat.size > HASHED_SIZE) return `large ${stat.size} ${stat.mtimeMs}`;
    // A run checks the fingerprint, then stores a new one: a file unchanged on disk meanwhile is hashed once.
    const seen = hashed.get(file);
    if (seen && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs && seen.ctimeMs === stat.ctimeMs && seen.ino === stat.ino) return seen.hash;
    const hash = crypto.createHash("sha1").update(fs.readFileSync(file)).digest("base64");
    hashed.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, hash });
    return hash;
  } catch {
    return "";
  }
}

/** The hashes this process computed, with the file's size, times and inode then. */
const hashed = new Map<string, { size: number; mtimeMs: number; ctimeMs: number; ino: number; hash: string }>();

/** A name the analysis may read as part of the model: a source file or a tsconfig. */
const MODEL_FILE = /\.(ts|tsx|mts|cts|json)$/;

/**
 * The names of every entry below a folder (relative, sorted, with their kind), hashed, so that any
 * file added, removed or renamed below it is a change; and the model files among them, whose
 * contents the fingerprint holds too. Hidden entries are not model files, nor is the cache file
 * itself (and its temporary files), wherever it is kept. Of a `node_modules` folder, only which
 * packages it holds and where they really are (see installed): what the analysis read of them is
 * among the files read.
 */
function listing(folder: string, cache: string): { hash: string; modelFiles: string[] } {
  const hash = crypto.createHash("sha1");
  const modelFiles: string[] = [];
  const pending = [""];
  try {
    while (pending.length > 0) {
      const rel = pending.pop()!;
      const entries = fs.readdirSync(path.join(folder, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (e.name.startsWith(".")) continue;
        const name = rel === "" ? e.name : `${rel}/${e.name}`;
        const full = path.join(folder, name);
        if (e.name === "node_modules") {
          hash.update(`m ${name} ${installed(full)}\n`);
          continue;
        }
        if (full.startsWith(cache)) continue;
        hash.update(`${e.isDirectory() ? "d" : e.isFile() ? "f" : "o"} ${name}\n`);
        if (e.isDirectory()) pending.push(name);
        else if (MODEL_FILE.test(e.name)) modelFiles.push(full);
      }
    }
  } catch {
    return { hash: "", modelFiles };
  }
  return { hash: hash.digest("base64"), modelFiles };
}

/**
 * The packages of a `node_modules` folder and the real path of each (scoped ones too): a package
 * linked to another place (a workspace, `npm link`) is another package, though the files read
 * from the old place are unchanged.
 */
function installed(modules: string): string {
  const packages: string[] = [];
  const list = (folder: string, prefix: string) => {
    // Only a link needs resolving: any other entry really is in the folder's real place.
    const real = realPath(folder);
    for (const e of fs.readdirSync(folder, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const full = path.join(folder, e.name);
      if (e.name.startsWith("@") && prefix === "") list(full, `${e.name}/`);
      else packages.push(`${prefix}${e.name}=${e.isSymbolicLink() ? realPath(full) : path.join(real, e.name)}`);
    }
  };
  try {
    list(modules, "");
  } catch {
    return "";
  }
  return `${realPath(modules)}:${packages.sort().join(",")}`;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return "";
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
