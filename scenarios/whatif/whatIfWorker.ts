import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type { NatsLink } from '../../engine/uplink/index.ts';
import { InlineRunner } from './inlineRunner.ts';
import type { JobRunner } from './jobRunner.ts';
import {
  ACK_WAIT_MS,
  connectQueue,
  DEFAULT_QUEUE,
  decodeJob,
  encodeMessage,
  type QueueNames,
  runMessageId,
} from './natsQueue.ts';
import type { RunResult, WhatIfJob } from './runJob.ts';
import { ThreadRunner } from './threadRunner.ts';

export type WhatIfWorkerOptions = {
  /** Worker threads (each takes one job at a time); 0 runs jobs on this thread, one at a time. */
  threads?: number;
  /** The worker's name, as results and the broker show it. */
  name?: string;
  queue?: QueueNames;
  /** Stop after this many jobs (for scripts and tests). */
  maxJobs?: number;
  /** After each job, with its result. */
  onJob?: (r: RunResult, job: WhatIfJob) => void;
  /** A failure to fetch, publish or ack (the worker carries on). */
  onError?: (e: unknown) => void;
};

export type WhatIfWorkerStats = { jobs: number; failed: number; rejected: number };

/**
 * Takes what-if jobs from the JetStream work queue (one durable consumer shared by every worker,
 * on any machine), runs each, publishes its result and only then acks the job: a worker that dies
 * mid-run leaves its job to be handed out again after the ack wait, and the result's message id
 * makes a repeat harmless. While a job runs on a thread the worker tells the broker it is still
 * working on it.
 */
export class WhatIfWorker {
  readonly stats: WhatIfWorkerStats = { jobs: 0, failed: 0, rejected: 0 };
  private readonly q: QueueNames;
  private link: NatsLink | undefined;
  private runner: JobRunner | undefined;
  private lanes: Promise<void> | undefined;
  private stopped = false;
  private started = 0;
  private finished: () => void = () => {};
  /** Resolves when the worker has stopped (after `stop()`, or after `maxJobs`). */
  readonly done: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly opts: WhatIfWorkerOptions = {},
  ) {
    this.q = opts.queue ?? DEFAULT_QUEUE;
    this.done = new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  get name(): string {
    return this.opts.name ?? 'varv-worker';
  }

  /** Connects and starts taking jobs; resolves once connected. */
  async start(): Promise<void> {
    this.link = await connectQueue(this.url, this.name, this.q);
    const consumer = await this.link.js.consumers.get(this.q.jobsStream, this.q.consumer);
    const threads = this.opts.threads ?? 1;
    this.runner = threads > 0 ? new ThreadRunner(threads) : new InlineRunner();
    const lanes = Array.from({ length: this.runner.slots }, () => this.lane(consumer));
    this.lanes = Promise.all(lanes).then(() => this.shutdown());
  }

  /** Stops taking jobs, finishes (and reports) those in hand, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.lanes) await this.lanes;
    else this.finished();
    await this.done;
  }

  private async shutdown(): Promise<void> {
    await this.runner?.close();
    await this.link?.nc.close().catch(() => {});
    this.finished();
  }

  private full(): boolean {
    return this.opts.maxJobs !== undefined && this.started >= this.opts.maxJobs;
  }

  private async lane(consumer: Consumer): Promise<void> {
    while (!this.stopped && !this.full()) {
      let m: JsMsg | null;
      try {
        m = await consumer.next({ expires: 1000 });
      } catch (e) {
        if (this.stopped || this.link?.nc.isClosed()) return;
        this.opts.onError?.(e);
        continue;
      }
      if (!m) continue;
      if (this.stopped || this.full()) {
        m.nak();
        return;
      }
      this.started++;
      await this.handle(m);
    }
    if (this.full()) this.stopped = true;
  }

  private async handle(m: JsMsg): Promise<void> {
    const msg = decodeJob(m.string());
    if (!msg) {
      this.stats.rejected++;
      m.term('not a varv what-if job');
      return;
    }
    const beat = setInterval(() => m.working(), ACK_WAIT_MS / 3);
    let result: RunResult;
    try {
      result = await (this.runner as JobRunner).runOne(msg.job);
    } finally {
      clearInterval(beat);
    }
    try {
      await (this.link as NatsLink).js.publish(
        `${this.q.resultsSubject}.${msg.batch}`,
        encodeMessage({ v: 1, batch: msg.batch, worker: this.name, result }),
        { msgID: runMessageId(msg.batch, msg.job) },
      );
      m.ack();
      this.stats.jobs++;
      if (result.error) this.stats.failed++;
      this.opts.onJob?.(result, msg.job);
    } catch (e) {
      // Not acked: the job goes to a worker again after the ack wait.
      this.opts.onError?.(e);
      m.nak();
    }
  }
}
