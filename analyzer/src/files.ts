/**
 * Reading the model's files and folders from disk, safely: a workspace is untrusted input (a
 * symbolic link to /dev/zero or a FIFO can be committed to a repository).
 *
 * Owns: what may be read (regular files within the size limit, followed through symbolic links),
 * the reading itself, and the reason, for the user, why a file or folder was not read.
 * Must not: throw on any file system error, open anything that is not a regular file (opening a
 * FIFO blocks), read more than the limit, or parse what it reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ts } from "@ts-morph/common";
import { messages } from "./diagnostics";

/**
 * The largest file analysed, in bytes. Lockorder models are hand-written abstractions of
 * drivers; the largest C file of a Linux driver is about 1 MB, and a model of it is smaller. A
 * 4 MiB model (32,000 small functions that lock) is analysed by `lockorder check` in 5 s and
 * 520 MB, which an editor can still afford on a save, while a 38 MB document took the language
 * server down on its first edit. Past this, a file is generated data, not a model.
 */
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;

export interface ReadLimits {
  /** Files larger than this many bytes are not read (default DEFAULT_MAX_FILE_SIZE). */
  readonly maxFileSize?: number;
}

/** A file's text, or why it was not read (a reason of diagnostics.ts `messages`). */
export type ReadResult = { readonly text: string; readonly problem?: undefined } | { readonly text?: undefined; readonly problem: string };

/** A file, folder or tsconfig that was not (fully) analysed, for a diagnostic on it (analyze.ts). */
export interface FileProblem {
  /** Absolute path. */
  readonly file: string;
  readonly code: "analysis-incomplete" | "config-error";
  readonly message: string;
  /** The span the problem is about, in `source` (line 1, column 1 without one). */
  readonly start?: number;
  readonly length?: number;
  /** The file as parsed, when the span lies in it (a tsconfig's JSON). */
  readonly source?: ts.SourceFile;
}

export function problemOf(file: string, reason: string): FileProblem {
  return { file, code: "analysis-incomplete", message: messages.notAnalysed(reason) };
}

/** Reads a model file: only a regular file, at most the size limit; never throws. */
export function readModelFile(file: string, limits: ReadLimits = {}): ReadResult {
  const max = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Stat before open: opening a FIFO would block until a writer comes, and a device never ends.
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return { problem: statProblem(file, error) };
  }
  if (!stat.isFile()) return { problem: notRegular(file, stat) };
  if (stat.size > max) return { problem: overLimit(stat.size, max) };
  let fd: number;
  try {
    // Non-blocking: if the file was replaced by a FIFO since the stat, the open still returns.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: errorReason(error) };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { problem: notRegular(file, opened) };
    // At most one byte past the limit, whatever the size said: the file may be growing.
    let buffer = Buffer.allocUnsafe(Math.min(max, opened.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > max) return { problem: overLimit(length, max) };
        const larger = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { text: decode(buffer.subarray(0, length)) };
  } catch (error) {
    return { problem: errorReason(error) };
  } finally {
    fs.closeSync(fd);
  }
}

/** An open document's text is held to the same limit as a file's. */
export function textProblem(text: string, limits: ReadLimits = {}): string | undefined {
  const max = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // A UTF-16 code unit takes 1 to 3 bytes in UTF-8: count the bytes only when it matters.
  if (text.length * 3 <= max) return undefined;
  const size = Buffer.byteLength(text, "utf8");
  return size > max ? overLimit(size, max) : undefined;
}

/**
 * Whether something other than a folder is at this path (the compiler host's fileExists): a FIFO
 * counts, so that an import of it resolves to it and it is reported when read, not skipped.
 */
export function entryExists(file: string): boolean {
  try {
    return !fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** A folder's entries, or why it could not be listed. */
export function listFolder(dir: string): { entries: fs.Dirent[]; problem?: undefined } | { entries?: undefined; problem: string } {
  try {
    return { entries: fs.readdirSync(dir, { withFileTypes: true }) };
  } catch (error) {
    return { problem: errorReason(error) };
  }
}

function statProblem(file: string, error: unknown): string {
  if (codeOf(error) === "ENOENT") {
    try {
      return messages.danglingLink(fs.readlinkSync(file));
    } catch {
      // Not a symbolic link: the file itself is gone.
    }
  }
  return errorReason(error);
}

function errorReason(error: unknown): string {
  switch (codeOf(error)) {
    case "ENOENT":
      return messages.noSuchFile();
    case "ELOOP":
      return messages.linkLoop();
    case "EACCES":
    case "EPERM":
      return messages.permissionDenied();
    case "ENAMETOOLONG":
      return messages.pathTooLong();
    default:
      return messages.readFailed(error instanceof Error ? error.message : String(error));
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function notRegular(file: string, stat: fs.Stats): string {
  const kind = stat.isFIFO()
    ? "FIFO"
    : stat.isSocket()
      ? "socket"
      : stat.isCharacterDevice()
        ? "character device"
        : stat.isBlockDevice()
          ? "block device"
          : stat.isDirectory()
            ? "directory"
            : "special file";
  let link: string | undefined;
  try {
    link = fs.readlinkSync(file);
  } catch {
    // Not a symbolic link.
  }
  return messages.notRegularFile(path.basename(file), kind, link);
}

function overLimit(size: number, max: number): string {
  let [s, m] = [bytesText(size), bytesText(max)];
  // Rounded alike (4.0 MiB over a 4 MiB limit), the exact counts say why.
  if (s === m) [s, m] = [`${size} bytes`, `${max}-byte`];
  return messages.overSizeLimit(s, m);
}

function bytesText(n: number): string {
  const [value, unit] = n >= 1024 * 1024 ? [n / (1024 * 1024), "MiB"] : n >= 1024 ? [n / 1024, "KiB"] : [n, "bytes"];
  return unit === "bytes" ? `${n} bytes` : `${value.toFixed(1).replace(/\.0$/, "")} ${unit}`;
}

/** Text from bytes as the compiler's own `sys.readFile` decodes them (its byte order marks). */
function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    return swapped.swap16().toString("utf16le");
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString("utf16le", 2);
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.toString("utf8", 3);
  return buffer.toString("utf8");
}
