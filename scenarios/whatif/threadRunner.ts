import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../engine/adapters/tsWorker.ts';
import type { JobRunner } from './jobRunner.ts';
import type { RunResult, WhatIfJob } from './runJob.ts';

type Pending = { job: WhatIfJob; resolve: (r: RunResult) => void };

/**
 * Runs jobs on up to `slots` worker threads, one job per thread at a time; threads start on
 * demand and keep their caches between jobs. A thread that dies fails its job (an error result)
 * and is replaced for the next one.
 */
export class ThreadRunner implements JobRunner {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
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

  private pump(): void {
    while (this.queue.length && !this.closed) {
      let w = this.idle.pop();
      if (!w) {
        if (this.idle.length + this.busy.size >= this.slots) return;
        w = this.spawn();
      }
      const p = this.queue.shift() as Pending;
      this.busy.set(w, p);
      w.postMessage(p.job);
    }
  }

  private spawn(): Worker {
    const w = startTsWorker(new URL('./runWorker.ts', import.meta.url), {});
    w.on('message', (r: RunResult) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      p?.resolve(r);
      this.pump();
    });
    const fail = (why: string) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      p?.resolve({
        variant: p.job.variant,
        seed: p.job.seed,
        values: {},
        run: null,
        error: { code: 'E_WHATIF_THREAD', message: `its worker thread died: ${why}` },
      });
      this.pump();
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => {
      if (!this.closed) fail(`exit code ${code}`);
    });
    return w;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}
