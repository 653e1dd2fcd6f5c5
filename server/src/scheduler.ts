/**
 * When to analyse: an adaptive debounce (clangd's policy: about the last analysis time, clamped
 * to 50-500 ms), and a generation number so that results overtaken by newer edits are dropped.
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
    clearTimeout(this.timer);
    const delay = Math.min(this.policy.maxMs, Math.max(this.policy.minMs, this.lastDurationMs));
    this.timer = setTimeout(() => void this.fire(), delay);
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
      this.changed();
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
