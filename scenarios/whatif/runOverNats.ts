import { randomBytes } from 'node:crypto';
import { VarvError } from '../../engine/errors.ts';
import { type NatsLink, natsTarget } from '../../engine/uplink/index.ts';
import {
  connectQueue,
  DEFAULT_QUEUE,
  decodeResult,
  encodeMessage,
  type QueueNames,
  runMessageId,
} from './natsQueue.ts';
import { type RunResult, runKey, type WhatIfJob } from './runJob.ts';
import { WhatIfWorker } from './whatIfWorker.ts';

export type NatsRunOptions = {
  queue?: QueueNames;
  /** Also take jobs here, with this many threads (0: only `varv worker` processes take them). */
  localThreads?: number;
  /** Give up when no result has come for this long (ms); 0 or unset waits for ever. */
  idleTimeoutMs?: number;
  onResult?: (r: RunResult, done: number) => void;
  /** Which batch this is (default: random); names its subjects and message ids. */
  batch?: string;
};

/**
 * Runs jobs through the JetStream work queue: publishes them under a fresh batch, lets any number
 * of workers (`varv worker`, anywhere) take them, and collects their results keyed by (arm, seed)
 * — a result that comes twice (a job handed out again) counts once, and the order they come in
 * does not matter. Stops at the first failed run. Afterwards the batch's leftovers are purged.
 */
export async function runOverNats(
  url: string,
  jobs: readonly WhatIfJob[],
  opts: NatsRunOptions = {},
): Promise<RunResult[]> {
  const q = opts.queue ?? DEFAULT_QUEUE;
  const batch = opts.batch ?? randomBytes(8).toString('hex');
  const link = await connectQueue(url, `varv-whatif-${batch}`, q);
  const resultsSubject = `${q.resultsSubject}.${batch}`;
  const wanted = new Set(jobs.map((j) => runKey(j.variant, j.seed)));
  const results = new Map<string, RunResult>();
  let local: WhatIfWorker | undefined;
  try {
    const consumer = await link.js.consumers.get(q.resultsStream, { filter_subjects: resultsSubject });
    const messages = await consumer.consume();
    let idle: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const arm = () => {
      if (!opts.idleTimeoutMs) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        messages.stop();
      }, opts.idleTimeoutMs);
    };
    await Promise.all(
      jobs.map((job) =>
        link.js.publish(`${q.jobsSubject}.${batch}`, encodeMessage({ v: 1, batch, job }), {
          msgID: runMessageId(batch, job),
          // Each job carries its whole scenario; a busy broker may take longer than the 5 s default to ack.
          timeout: 60_000,
        }),
      ),
    );
    if (opts.localThreads) {
      local = new WhatIfWorker(url, {
        threads: opts.localThreads,
        name: `varv-whatif-${batch}-local`,
        queue: q,
      });
      await local.start();
    }
    arm();
    try {
      for await (const m of messages) {
        const r = decodeResult(m.string())?.result;
        if (!r) continue;
        const key = runKey(r.variant, r.seed);
        if (!wanted.has(key) || results.has(key)) continue;
        results.set(key, r);
        arm();
        opts.onResult?.(r, results.size);
        if (r.error || results.size === wanted.size) break;
      }
    } finally {
      clearTimeout(idle);
      await messages.close().catch(() => {});
    }
    if (timedOut)
      throw new VarvError(
        'E_WHATIF_TIMEOUT',
        `no result for ${(opts.idleTimeoutMs ?? 0) / 1000} s from the work queue at ${natsTarget(url)} (${results.size} of ${wanted.size} runs done): is a \`varv worker\` running there?`,
      );
    return jobs.map((j) => results.get(runKey(j.variant, j.seed))).filter((r): r is RunResult => !!r);
  } finally {
    await local?.stop();
    await purge(link, q, batch);
    await link.nc.close().catch(() => {});
  }
}

/** Removes a batch's jobs nobody took (after a failure or a timeout) and its results. */
async function purge(link: NatsLink, q: QueueNames, batch: string): Promise<void> {
  await link.jsm.streams.purge(q.jobsStream, { filter: `${q.jobsSubject}.${batch}` }).catch(() => {});
  await link.jsm.streams.purge(q.resultsStream, { filter: `${q.resultsSubject}.${batch}` }).catch(() => {});
}
