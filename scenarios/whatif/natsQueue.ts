import { AckPolicy, type JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { VarvError } from '../../engine/errors.ts';
import { connectJetStream, type NatsLink } from '../../engine/uplink/index.ts';
import type { RunResult, WhatIfJob } from './runJob.ts';

/**
 * Where what-if runs travel over NATS JetStream: a work-queue stream of jobs (each message taken
 * by exactly one worker, gone once acked) under `<jobsSubject>.<batch>`, one durable pull consumer
 * that every worker shares, and a stream of results under `<resultsSubject>.<batch>`.
 */
export type QueueNames = {
  jobsStream: string;
  jobsSubject: string;
  consumer: string;
  resultsStream: string;
  resultsSubject: string;
};

export const DEFAULT_QUEUE: QueueNames = {
  jobsStream: 'VARV_WHATIF_JOBS',
  jobsSubject: 'varv.whatif.jobs',
  consumer: 'varv-whatif-workers',
  resultsStream: 'VARV_WHATIF_RESULTS',
  resultsSubject: 'varv.whatif.results',
};

/** Jobs and results nobody took are dropped after a day. */
const MAX_AGE_MS = 86_400_000;
/** A re-sent job or result (same message id) within this window is dropped by the broker. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
/** A job not acked (nor reported in progress) for this long goes to another worker. */
export const ACK_WAIT_MS = 60_000;
/** A job is handed out at most this often (a job that kills its worker every time is dropped). */
const MAX_DELIVER = 5;

/** A job as it travels: the batch (one `varv whatif` run) and the job itself. */
export type JobMessage = { v: 1; batch: string; job: WhatIfJob };
/** A result as it travels, with the worker that made it (for messages only). */
export type ResultMessage = { v: 1; batch: string; worker: string; result: RunResult };

/** The message id of a run: the broker keeps one job and one result per (batch, arm, seed). */
export function runMessageId(batch: string, job: { variant: number; seed: number }): string {
  return `${batch}:${job.variant}:${job.seed}`;
}

const encoder = new TextEncoder();
export function encodeMessage(m: JobMessage | ResultMessage): Uint8Array {
  return encoder.encode(JSON.stringify(m));
}

/** Decodes a job message; null when it is not one (such a message is terminated, not retried). */
export function decodeJob(text: string): JobMessage | null {
  try {
    const m = JSON.parse(text) as Partial<JobMessage>;
    const j = m.job;
    if (
      m.v !== 1 ||
      typeof m.batch !== 'string' ||
      !j ||
      !Number.isInteger(j.variant) ||
      !Number.isInteger(j.seed) ||
      typeof j.scenario !== 'object' ||
      j.scenario === null
    )
      return null;
    return m as JobMessage;
  } catch {
    return null;
  }
}

/** Decodes a result message; null when it is not one. */
export function decodeResult(text: string): ResultMessage | null {
  try {
    const m = JSON.parse(text) as Partial<ResultMessage>;
    const r = m.result;
    if (
      m.v !== 1 ||
      typeof m.batch !== 'string' ||
      !r ||
      !Number.isInteger(r.variant) ||
      !Number.isInteger(r.seed)
    )
      return null;
    return m as ResultMessage;
  } catch {
    return null;
  }
}

/**
 * Connects to JetStream and makes sure both streams and the workers' consumer exist (an existing
 * one is left as it is). `E_NATS_CONNECT` / `E_NATS_JETSTREAM` name the URL without its password.
 */
export async function connectQueue(
  url: string,
  name: string,
  q: QueueNames = DEFAULT_QUEUE,
): Promise<NatsLink> {
  const link = await connectJetStream(url, name, {
    name: q.resultsStream,
    subjectPrefix: q.resultsSubject,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
    maxAgeMs: MAX_AGE_MS,
  });
  try {
    await ensureJobs(link.jsm, q);
  } catch (e) {
    await link.nc.close().catch(() => {});
    throw new VarvError('E_NATS_JETSTREAM', `cannot set up the what-if work queue: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return link;
}

async function ensureJobs(jsm: JetStreamManager, q: QueueNames): Promise<void> {
  try {
    await jsm.streams.info(q.jobsStream);
  } catch (e) {
    if (!/not found/i.test((e as Error).message)) throw e;
    await jsm.streams.add({
      name: q.jobsStream,
      subjects: [`${q.jobsSubject}.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      max_age: nanos(MAX_AGE_MS),
    });
  }
  try {
    await jsm.consumers.info(q.jobsStream, q.consumer);
  } catch (e) {
    if (!/not found/i.test((e as Error).message)) throw e;
    await jsm.consumers.add(q.jobsStream, {
      durable_name: q.consumer,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(ACK_WAIT_MS),
      max_deliver: MAX_DELIVER,
      filter_subject: `${q.jobsSubject}.>`,
    });
  }
}
