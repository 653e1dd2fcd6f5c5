/**
 * Outputs as streams of chunks, so that writing a result of any size needs memory for about one
 * record, never one string of the whole output (which V8 caps at about 512 MB).
 *
 * Owns: serialising JSON one member at a time (byte for byte what `JSON.stringify(value, null, 2)`
 * writes), and writing chunks to a stream: batched, waiting for 'drain', and stopping quietly when
 * the reader has gone (EPIPE, as with `lockorder check | head -1`).
 * Must not: decide what an output contains (json.ts, sarif.ts, text.ts do).
 */

/**
 * `JSON.stringify(value, null, 2)` as chunks: objects and arrays down to `levels` levels are
 * written one member at a time (each deeper value is one chunk), and an iterable other than an
 * array is written as an array while it is being produced, so that a list can be projected one
 * record at a time. The recursion is at most `levels` deep.
 */
export function* jsonChunks(value: unknown, levels: number, indent = ""): Generator<string> {
  if (levels === 0 || value === null || typeof value !== "object") {
    yield (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  let empty = true;
  if (Symbol.iterator in value) {
    for (const item of value as Iterable<unknown>) {
      yield empty ? `[\n${inner}` : `,\n${inner}`;
      empty = false;
      yield* jsonChunks(item === undefined || typeof item === "function" ? null : item, levels - 1, inner);
    }
    yield empty ? "[]" : `\n${indent}]`;
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function") continue;
    yield `${empty ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    empty = false;
    yield* jsonChunks(member, levels - 1, inner);
  }
  yield empty ? "{}" : `\n${indent}}`;
}

/** `f` of each item, computed as the items are written. */
export function* mapLazily<T, U>(items: Iterable<T>, f: (item: T, index: number) => U): Generator<U> {
  let i = 0;
  for (const item of items) yield f(item, i++);
}

/** The whole output as one string, for callers that want one (tests, the library API). */
export function collect(chunks: Iterable<string>): string {
  return [...chunks].join("");
}

/** The part of a Node writable stream that outputs are written to (tests pass `{ write }` only). */
export interface OutputStream {
  write(text: string): unknown;
  once?(event: "drain" | "close" | "error", listener: () => void): unknown;
  removeListener?(event: "drain" | "close" | "error", listener: () => void): unknown;
  on?(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
  readonly destroyed?: boolean;
}

/** Chunks are joined up to this size before a write: fewer system calls, memory still bounded. */
const BATCH = 64 * 1024;

/**
 * Writes outputs to a stream. Once the stream fails (the reader closed the pipe, or a disk is full)
 * the rest of the output is dropped; `failure` is the error, unless it was EPIPE, which only says
 * the reader wanted no more.
 */
export class StreamWriter {
  private ended = false;
  failure: Error | undefined;

  constructor(private readonly out: OutputStream) {
    out.on?.("error", (error) => {
      this.ended = true;
      if (error.code !== "EPIPE" && !this.failure) this.failure = error;
    });
  }

  /** Writes every chunk, in batches; resolves when all are written or the stream has failed. */
  async write(chunks: Iterable<string>): Promise<void> {
    let batch = "";
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length < BATCH) continue;
      if (!(await this.flush(batch))) return;
      batch = "";
    }
    if (batch) await this.flush(batch);
  }

  /** False once nothing more can be written. */
  private async flush(text: string): Promise<boolean> {
    if (this.ended || this.out.destroyed) return false;
    if (this.out.write(text) === false && this.out.once) {
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ["drain", "close", "error"] as const) this.out.removeListener?.(event, done);
          resolve();
        };
        for (const event of ["drain", "close", "error"] as const) this.out.once!(event, done);
      });
    }
    return !this.ended && !this.out.destroyed;
  }
}
