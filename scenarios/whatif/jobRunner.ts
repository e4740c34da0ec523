import type { RunResult, WhatIfJob } from './runJob.ts';

/** Runs what-if jobs, up to `slots` at a time (in this thread, in worker threads, …). */
export interface JobRunner {
  readonly slots: number;
  /** Queues a job; resolves with its result (an error result when it failed). */
  runOne(job: WhatIfJob): Promise<RunResult>;
  /** Fails every queued job that has not started (with an `E_WHATIF_CANCELLED` result). */
  cancelPending(): void;
  close(): Promise<void>;
}

/**
 * Runs every job on `runner` (all queued at once, so the runner may choose the order), calling
 * `onResult` as each finishes; returns the results in the order of `jobs`. After a failed run the
 * jobs not yet started are cancelled.
 */
export async function runAll(
  runner: JobRunner,
  jobs: readonly WhatIfJob[],
  onResult?: (r: RunResult, done: number) => void,
): Promise<RunResult[]> {
  let done = 0;
  return Promise.all(
    jobs.map((job) =>
      runner.runOne(job).then((r) => {
        done++;
        onResult?.(r, done);
        if (r.error && r.error.code !== 'E_WHATIF_CANCELLED') runner.cancelPending();
        return r;
      }),
    ),
  );
}
