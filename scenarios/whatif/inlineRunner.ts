import type { JobRunner } from './jobRunner.ts';
import { JobCache, type RunResult, runJob, type WhatIfJob } from './runJob.ts';

/** What the runs on this thread keep between them, shared by every InlineRunner of the thread. */
const threadCache = new JobCache();

/**
 * Runs jobs one at a time on this thread (between them it lets the event loop turn), keeping the
 * thread's scenarios and store worlds for the next run, whichever InlineRunner makes it.
 */
export class InlineRunner implements JobRunner {
  readonly slots = 1;

  constructor(private readonly cache: JobCache = threadCache) {}

  async runOne(job: WhatIfJob): Promise<RunResult> {
    await new Promise((resolve) => setImmediate(resolve));
    return runJob(job, this.cache);
  }

  async close(): Promise<void> {}
}
