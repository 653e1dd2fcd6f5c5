/**
 * When to analyse: the first change after a quiet spell at once, and changes that follow within
 * the debounce window after an adaptive debounce (clangd's policy: about the last analysis time,
 * clamped to 50-500 ms); a generation number drops results overtaken by newer edits. A single
 * edit is thus reflected after one analysis, and a burst of keystrokes costs two or three.
 *
 * Owns: timing. Must not: know what an analysis is.
 */
export interface DebouncePolicy {
  minMs: number;
  maxMs: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private lastDurationMs = 0;
  /** When the last change arrived (performance.now()). */
  private lastChangeAt = -Infinity;
  /** Bumped by every change; an analysis that started under an older one is stale. */
  generation = 0;
  private idleWaiters: (() => void)[] = [];
  private running = false;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly policy: DebouncePolicy,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined || this.running;
  }

  /** Something changed: analyse after the debounce. */
  changed(): void {
    this.generation++;
    const now = performance.now();
    const quiet = now - this.lastChangeAt >= this.debounceMs() && !this.running;
    this.lastChangeAt = now;
    // Even "at once" waits for the messages already queued (a client may send several changes).
    this.schedule(quiet ? 0 : this.debounceMs());
  }

  private debounceMs(): number {
    return Math.min(this.policy.maxMs, Math.max(this.policy.minMs, this.lastDurationMs));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fire(), delayMs);
  }

  /** Analyse now if a change is waiting (a request needs fresh results). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      await this.fire();
    }
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      // A change arrived while analysing: run again afterwards.
      this.schedule(this.debounceMs());
      return;
    }
    this.running = true;
    const started = performance.now();
    try {
      await this.run();
    } finally {
      this.lastDurationMs = performance.now() - started;
      this.running = false;
    }
    if (!this.pending) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when no analysis is waiting or running. */
  idle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
