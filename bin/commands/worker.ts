import { availableParallelism, hostname } from 'node:os';
import { VarvError } from '../../engine/errors.ts';
import { natsTarget } from '../../engine/uplink/index.ts';
import { type QueueNames, WhatIfWorker } from '../../scenarios/whatif/index.ts';
import type { CommandResult } from './output.ts';

export type WorkerCommandOptions = {
  /** VARV_NATS_URL. */
  natsUrl?: string;
  /** Worker threads, each running one job at a time (default: one per core); 0 runs them on the main thread. */
  threads?: number;
  /** Stop after this many jobs (default: run until SIGINT or SIGTERM). */
  maxJobs?: number;
  name?: string;
  queue?: QueueNames;
  /** Where to tell each job as it is done (stderr in the CLI). */
  log?: (line: string) => void;
};

/**
 * `varv worker`: takes what-if runs from the NATS JetStream work queue until stopped (SIGINT or
 * SIGTERM finish the runs in hand first) or until `--max-jobs`; any number of them, on any
 * machines, share the queue.
 */
export async function workerCommand(o: WorkerCommandOptions): Promise<CommandResult> {
  if (!o.natsUrl)
    throw new VarvError(
      'E_USAGE',
      'varv worker takes what-if runs from NATS JetStream: set VARV_NATS_URL (e.g. nats://127.0.0.1:4222)',
    );
  const threads = o.threads ?? availableParallelism();
  if (!(Number.isInteger(threads) && threads >= 0 && threads <= 256))
    throw new VarvError('E_USAGE', `--threads expects a whole number from 0 to 256, got ${threads}`);
  if (o.maxJobs !== undefined && !(Number.isInteger(o.maxJobs) && o.maxJobs >= 1))
    throw new VarvError('E_USAGE', `--max-jobs expects a whole number from 1, got ${o.maxJobs}`);
  const name = o.name ?? `varv-worker-${hostname()}-${process.pid}`;
  const log = o.log ?? (() => {});
  const worker = new WhatIfWorker(o.natsUrl, {
    threads,
    name,
    queue: o.queue,
    maxJobs: o.maxJobs,
    onJob: (r) =>
      log(
        r.error
          ? `run ${r.variant}:${r.seed} failed: ${r.error.message}`
          : `run ${r.variant}:${r.seed} done (${r.run?.visits} visits)`,
      ),
    onError: (e) => log(`worker: ${(e as Error).message}`),
  });
  await worker.start();
  log(
    `${name} takes what-if runs from ${natsTarget(o.natsUrl)} with ${threads ? `${threads} thread(s)` : 'the main thread'}${o.maxJobs ? `, ${o.maxJobs} at most` : ''}; Ctrl-C stops it`,
  );
  const stop = () => {
    log('stopping: finishing the runs in hand');
    void worker.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await worker.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  const s = worker.stats;
  return {
    lines: [`${name}: ${s.jobs} run(s) done, ${s.failed} failed, ${s.rejected} message(s) rejected`],
    summary: { command: 'worker', ok: true, name, ...s },
    code: 0,
  };
}
