import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../engine/adapters/tsWorker.ts';
import type { JobRunner } from './jobRunner.ts';
import { cancelled, type RunResult, type WhatIfJob } from './runJob.ts';

type Pending = { job: WhatIfJob; resolve: (r: RunResult) => void };
type Thread = { worker: Worker; seed: number | null; job: Pending | null };

/**
 * Runs jobs on up to `slots` worker threads, one job per thread at a time; threads start on
 * demand and keep their caches between jobs. A free thread takes a queued job of the seed it ran
 * last (its group assigner is calibrated already), else the first job of a seed no other thread
 * is on, else the first job. A thread that dies fails its job (an error result) and is replaced.
 */
export class ThreadRunner implements JobRunner {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(readonly slots: number) {
    if (!(Number.isInteger(slots) && slots >= 1))
      throw new RangeError(`ThreadRunner: slots must be a whole number ≥ 1, got ${slots}`);
  }

  runOne(job: WhatIfJob): Promise<RunResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /** Fails every job still waiting for a thread (after a failed run, the rest are not wanted). */
  cancelPending(): void {
    for (const p of this.queue.splice(0)) p.resolve(cancelled(p.job));
  }

  private pump(): void {
    while (this.queue.length && !this.closed) {
      let t = this.threads.find((x) => !x.job);
      if (!t) {
        if (this.threads.length >= this.slots) return;
        t = this.spawn();
      }
      const busy = new Set(this.threads.filter((x) => x.job).map((x) => x.seed));
      let at = this.queue.findIndex((p) => p.job.seed === t.seed);
      if (at < 0) at = this.queue.findIndex((p) => !busy.has(p.job.seed));
      if (at < 0) at = 0;
      const [p] = this.queue.splice(at, 1) as [Pending];
      t.job = p;
      t.seed = p.job.seed;
      t.worker.postMessage(p.job);
    }
  }

  private spawn(): Thread {
    const t: Thread = {
      worker: startTsWorker(new URL('./runWorker.ts', import.meta.url), {}),
      seed: null,
      job: null,
    };
    this.threads.push(t);
    t.worker.on('message', (r: RunResult) => {
      const p = t.job;
      t.job = null;
      p?.resolve(r);
      this.pump();
    });
    const fail = (why: string) => {
      const at = this.threads.indexOf(t);
      if (at < 0) return;
      this.threads.splice(at, 1);
      const p = t.job;
      t.job = null;
      p?.resolve({
        variant: p.job.variant,
        seed: p.job.seed,
        values: {},
        run: null,
        error: { code: 'E_WHATIF_THREAD', message: `its worker thread died: ${why}` },
      });
      this.pump();
    };
    t.worker.on('error', (e) => fail(e.message));
    t.worker.on('exit', (code) => {
      if (!this.closed) fail(`exit code ${code}`);
    });
    return t;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelPending();
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }
}
