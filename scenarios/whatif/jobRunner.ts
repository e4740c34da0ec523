import type { RunResult, WhatIfJob } from './runJob.ts';

/** Runs what-if jobs, up to `slots` at a time (in this thread, in worker threads, …). */
export interface JobRunner {
  readonly slots: number;
  runOne(job: WhatIfJob): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * Runs every job on `runner`, `runner.slots` at a time, calling `onResult` as each finishes;
 * returns the results in the order of `jobs`. After a failed run no further job is started.
 */
export async function runAll(
  runner: JobRunner,
  jobs: readonly WhatIfJob[],
  onResult?: (r: RunResult, done: number) => void,
): Promise<RunResult[]> {
  const out: RunResult[] = [];
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      const r = await runner.runOne(jobs[i] as WhatIfJob);
      out[i] = r;
      done++;
      onResult?.(r, done);
      if (r.error) next = jobs.length;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.slots, jobs.length)) }, lane));
  return out.filter((r) => r !== undefined);
}
