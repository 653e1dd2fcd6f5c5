/**
 * The scheduler's policy: a change that finds the server idle is analysed at once (one analysis
 * however many changes arrive before it starts); changes that arrive while an analysis runs are
 * analysed once more after it, together.
 */
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Scheduler } from "../src/scheduler";

function recorder() {
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const scheduler: Scheduler = new Scheduler(
    async () => {
      runs.push(scheduler.generation);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
    },
    { minMs: 20, maxMs: 20 },
  );
  return { scheduler, runs, holdNext: () => (hold = true), release: () => ((hold = false), release?.()) };
}

describe("scheduler", () => {
  test("changes that find it idle make one analysis, which sees them all", async () => {
    const { scheduler, runs } = recorder();
    for (let i = 0; i < 5; i++) scheduler.changed();
    await scheduler.idle();
    assert.deepEqual(runs, [5]);
  });

  test("changes during an analysis make exactly one more, after it", async () => {
    const r = recorder();
    r.holdNext();
    r.scheduler.changed();
    while (r.runs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    r.scheduler.changed();
    r.scheduler.changed();
    r.release();
    await r.scheduler.idle();
    assert.deepEqual(r.runs, [1, 3]);
  });

  test("flush runs a waiting analysis at once", async () => {
    const { scheduler, runs } = recorder();
    scheduler.changed();
    await scheduler.flush();
    assert.deepEqual(runs, [1]);
    assert.equal(scheduler.pending, false);
  });
});
