import type { JobRunner } from './jobRunner.ts';
import { cancelled, JobCache, type RunResult, runJob, type WhatIfJob } from './runJob.ts';

/** What the runs on this thread keep between them, shared by every InlineRunner of the thread. */
const threadCache = new JobCache();

/**
 * Runs jobs one at a time on this thread, in the order they were queued (between them it lets
 * the event loop turn), keeping the thread's scenarios, store worlds and group assigners for the
 * next run, whichever InlineRunner makes it.
 */
export class InlineRunner implements JobRunner {
  readonly slots = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private cancelBefore = 0;
  private queued = 0;

  constructor(private readonly cache: JobCache = threadCache) {}

  runOne(job: WhatIfJob): Promise<RunResult> {
    const ticket = ++this.queued;
    const run = this.tail.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return ticket <= this.cancelBefore ? cancelled(job) : runJob(job, this.cache);
    });
    this.tail = run;
    return run;
  }

  cancelPending(): void {
    this.cancelBefore = this.queued;
  }

  async close(): Promise<void> {}
}
