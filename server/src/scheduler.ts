/**
 * When to analyse: at once when the server is idle (nothing running or waiting), so that a single
 * edit is reflected after one analysis; a change that arrives while an analysis runs or waits for
 * its debounce starts a burst, analysed after an adaptive debounce (clangd's policy: about the
 * last analysis time, clamped to 50-500 ms) once the burst pauses. A generation number drops
 * results overtaken by newer edits.
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
  /** Whether the waiting timer is an immediate one (the change that set it found the server idle). */
  private immediate = false;
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

  /** Something changed: analyse at once if idle, else after the debounce. */
  changed(): void {
    this.generation++;
    // An immediate analysis not yet started will see this change too.
    if (this.timer !== undefined && this.immediate) return;
    const idle = this.timer === undefined && !this.running;
    // Even "at once" waits for the messages already queued (a client may send several changes).
    this.schedule(idle ? 0 : this.debounceMs());
  }

  private debounceMs(): number {
    return Math.min(this.policy.maxMs, Math.max(this.policy.minMs, this.lastDurationMs));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.immediate = delayMs === 0;
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
