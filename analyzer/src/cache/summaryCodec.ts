/**
 * File summaries as a cached analysis keeps them (cache/summaryStore.ts): plain data, with each
 * source file named by its path, each lock class by its id and each syntax node by its file (no
 * summary past the walk looks into a node: FunctionInfo.node serves the editor, which never reads
 * a cached analysis). Decoded, a source file is a SourceText: its name, and its text read again
 * when first asked (locations, callee texts).
 *
 * Owns: encode and decode, and SourceText. Must not: keep anything between calls, or accept what
 * it cannot restore exactly: a function or an object of a class throws (the caller then analyses
 * without the cache).
 */
import { ts } from "@ts-morph/common";
import type { LockClass } from "../model";

/** A source file of a cached summary: what sites need of one. */
export interface SourceText {
  readonly fileName: string;
  readonly text: string;
}

const SOURCE_TEXT = Symbol("lockorder.sourceText");

/** A SourceText whose text is read on first use (`read`: the analysis's own reader). */
export function sourceText(fileName: string, read: (fileName: string) => string): ts.SourceFile {
  let text: string | undefined;
  const stub = {
    [SOURCE_TEXT]: true,
    fileName,
    get text() {
      return (text ??= read(fileName));
    },
  };
  // Typed as a source file for the sites that hold it; only fileName and text are ever read (see the header).
  return stub as unknown as ts.SourceFile;
}

/** Something the codec cannot restore: the caller analyses without the cache. */
export class NotCacheable extends Error {}

interface Placeholder {
  readonly $sf?: string;
  readonly $lock?: number;
}

function isSourceFile(v: object): v is ts.SourceFile {
  return SOURCE_TEXT in v || ((v as ts.Node).kind === ts.SyntaxKind.SourceFile && typeof (v as ts.SourceFile).fileName === "string");
}

function isNode(v: object): v is ts.Node {
  return typeof (v as ts.Node).kind === "number" && typeof (v as ts.Node).pos === "number" && typeof (v as ts.Node).getSourceFile === "function";
}

/** The lock classes encode names by id (made once per table: a model has thousands). */
export function lockIdsOf(locks: readonly LockClass[]): ReadonlyMap<object, number> {
  return new Map<object, number>(locks.map((l) => [l, l.id]));
}

/** No lock class encoded by id: the lock table's own classes are copied. */
export const NO_LOCK_IDS: ReadonlyMap<object, number> = new Map();

/**
 * Plain data for `root`: source files as `{ $sf: path }`, syntax nodes as their file's, lock
 * classes (those of `lockIds`, lockIdsOf) as `{ $lock: id }`; arrays, maps, sets and plain
 * objects copied, shared ones once. Iterative: summaries hold long lists.
 */
export function encode(root: unknown, lockIds: ReadonlyMap<object, number>): unknown {
  const memo = new Map<object, unknown>();
  const pending: [object, unknown][] = [];
  const convert = (v: unknown): unknown => {
    if (typeof v === "function" || typeof v === "symbol") throw new NotCacheable(`a ${typeof v}`);
    if (v === null || typeof v !== "object") return v;
    const known = memo.get(v);
    if (known !== undefined) return known;
    let out: unknown;
    if (isSourceFile(v)) out = { $sf: v.fileName };
    else if (isNode(v)) out = { $sf: v.getSourceFile().fileName };
    else if (lockIds.has(v)) out = { $lock: lockIds.get(v) };
    else if (Array.isArray(v)) out = [];
    else if (v instanceof Map) out = new Map();
    else if (v instanceof Set) out = new Set();
    else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) out = {};
    else throw new NotCacheable(`an object of class ${v.constructor?.name}`);
    memo.set(v, out);
    if (Array.isArray(out) || out instanceof Map || out instanceof Set || (out as Placeholder).$sf === undefined && (out as Placeholder).$lock === undefined) pending.push([v, out]);
    return out;
  };
  const result = convert(root);
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    if (Array.isArray(from)) for (const item of from) (to as unknown[]).push(convert(item));
    else if (from instanceof Map) for (const [k, item] of from) (to as Map<unknown, unknown>).set(convert(k), convert(item));
    else if (from instanceof Set) for (const item of from) (to as Set<unknown>).add(convert(item));
    else for (const [k, item] of Object.entries(from)) (to as Record<string, unknown>)[k] = convert(item);
  }
  return result;
}

/**
 * Restores, in place, what encode made (after the round trip through v8's serializer): `{ $sf }`
 * becomes `sourceOf(path)`, `{ $lock }` the class `lockOf(id)`. Returns the root.
 */
export function decode<T>(root: unknown, sourceOf: (fileName: string) => ts.SourceFile, lockOf: (id: number) => LockClass): T {
  const replaced = new Map<object, unknown>();
  const seen = new Set<object>();
  const restore = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    const known = replaced.get(v);
    if (known !== undefined) return known;
    const p = v as Placeholder;
    if (typeof p.$sf === "string") {
      replaced.set(v, sourceOf(p.$sf));
      return replaced.get(v);
    }
    if (typeof p.$lock === "number") {
      replaced.set(v, lockOf(p.$lock));
      return replaced.get(v);
    }
    if (!seen.has(v)) {
      seen.add(v);
      pending.push(v);
    }
    return v;
  };
  const pending: object[] = [];
  const result = restore(root);
  while (pending.length > 0) {
    const v = pending.pop()!;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = restore(v[i]);
    else if (v instanceof Map) {
      const entries = [...v];
      v.clear();
      for (const [k, item] of entries) v.set(restore(k), restore(item));
    } else if (v instanceof Set) {
      const items = [...v];
      v.clear();
      for (const item of items) v.add(restore(item));
    } else for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = restore((v as Record<string, unknown>)[k]);
  }
  return result as T;
}
