import { VarvError } from '../../engine/errors.ts';
import { InlineRunner } from './inlineRunner.ts';
import { type JobRunner, runAll } from './jobRunner.ts';
import type { WhatIfArm } from './loadWhatIf.ts';
import type { QueueNames } from './natsQueue.ts';
import type { RunResult, WhatIfJob } from './runJob.ts';
import { runOverNats } from './runOverNats.ts';
import { ThreadRunner } from './threadRunner.ts';
import { type WhatIfReport, whatIfReport } from './whatIfReport.ts';

export type WhatIfOptions = {
  seeds: readonly number[];
  /**
   * Local runs at a time: 1 runs them one after another on this thread, N > 1 on N worker
   * threads. With `natsUrl`, the threads here that take jobs from the queue besides the workers
   * elsewhere (0: none).
   */
  workers: number;
  /** Send the runs through this NATS JetStream work queue (VARV_NATS_URL). */
  natsUrl?: string;
  queue?: QueueNames;
  idleTimeoutMs?: number;
  onResult?: (r: RunResult, done: number, total: number) => void;
};

/** Every arm on the same seeds: seed-major, so that early results cover every arm. */
export function whatIfJobs(arms: readonly WhatIfArm[], seeds: readonly number[]): WhatIfJob[] {
  return seeds.flatMap((seed) => arms.map((arm, variant) => ({ variant, seed, scenario: arm.wire })));
}

/**
 * Runs a what-if (the baseline and each variant on every seed) here, on worker threads or over
 * the NATS work queue, and computes its report. The report depends only on the arms and seeds,
 * never on where or in which order the runs were made.
 */
export async function runWhatIf(arms: readonly WhatIfArm[], o: WhatIfOptions): Promise<WhatIfReport> {
  const jobs = whatIfJobs(arms, o.seeds);
  const onResult = (r: RunResult, done: number) => o.onResult?.(r, done, jobs.length);
  let results: RunResult[];
  if (o.natsUrl) {
    results = await runOverNats(o.natsUrl, jobs, {
      queue: o.queue,
      localThreads: o.workers,
      idleTimeoutMs: o.idleTimeoutMs,
      onResult,
    });
  } else {
    const runner: JobRunner = o.workers > 1 ? new ThreadRunner(o.workers) : new InlineRunner();
    try {
      results = await runAll(runner, jobs, onResult);
    } finally {
      await runner.close();
    }
  }
  const failed =
    results.find((r) => r.error && r.error.code !== 'E_WHATIF_CANCELLED') ?? results.find((r) => r.error);
  if (failed?.error)
    throw new VarvError(
      failed.error.code,
      `"${arms[failed.variant]?.name}" on seed ${failed.seed} failed: ${failed.error.message}`,
    );
  return whatIfReport(
    arms.map((a) => ({
      name: a.name,
      file: a.file,
      ...(a.description ? { description: a.description } : {}),
      patch: a.patch,
    })),
    o.seeds,
    results,
  );
}
