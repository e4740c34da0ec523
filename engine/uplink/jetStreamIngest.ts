import { AckPolicy, type Consumer, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { VarvError } from '../errors.ts';
import { decodeEvent, type VarvEvent } from '../events/index.ts';
import type { Conflict, EventStore } from '../store/index.ts';
import { Backoff } from './backoff.ts';
import {
  connectJetStream,
  defaultStream,
  messageId,
  type NatsLink,
  natsTarget,
  type StreamSpec,
  subjectFor,
} from './nats.ts';
import type { NatsCredentials } from './natsCredentials.ts';

export type IngestOptions = {
  stream?: StreamSpec;
  /** The durable consumer's name: its position survives restarts of this process and of the broker. */
  durable?: string;
  /** Messages fetched and inserted per transaction. */
  batch?: number;
  /** How long a fetch waits to fill a batch (at least 1000 ms). */
  expiresMs?: number;
  /** Unacknowledged messages are redelivered after this long. */
  ackWaitMs?: number;
  backoff?: Backoff;
  /** User and password, token or creds file for the broker (see natsCredentialsFromEnv). */
  credentials?: NatsCredentials;
  onError?: (error: unknown, attempts: number) => void;
  onConflict?: (conflict: Conflict) => void;
  /**
   * The stores this cloud takes events from (default: any). An event of another store is refused
   * as `store`, like a forged one.
   */
  stores?: (store: string) => boolean;
  /**
   * A message refused, terminated (never redelivered) and reported: `invalid` (not a valid event,
   * or one the store cannot hold), `subject` (its subject or message id does not match its event:
   * with per-store publish permissions on the broker, the subject says who sent it, so an event
   * under another store's subject is forged), `store` (a store not in `stores`).
   */
  onRejected?: (reason: string, subject: string, kind: RejectKind) => void;
  /** After each committed batch, with the running totals. */
  onBatch?: (stats: IngestStats) => void;
};

export type RejectKind = 'invalid' | 'subject' | 'store';

export type IngestStats = {
  received: number;
  inserted: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  failures: number;
};

/**
 * The cloud side of the uplink: a durable pull consumer on the events stream that inserts each
 * fetched batch into the cloud event store in one transaction and acks the messages only after it
 * committed. A crash between the two redelivers the batch, and the idempotent insert makes the
 * repeat a no-op.
 */
export class JetStreamIngest {
  readonly stats: IngestStats = {
    received: 0,
    inserted: 0,
    duplicates: 0,
    conflicts: 0,
    rejected: 0,
    failures: 0,
  };
  private readonly stream: StreamSpec;
  private readonly durable: string;
  private readonly backoff: Backoff;
  private link: NatsLink | undefined;
  private consumer: Consumer | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private stopFetch: (() => void) | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly url: string,
    private readonly opts: IngestOptions = {},
  ) {
    this.stream = opts.stream ?? defaultStream;
    this.durable = opts.durable ?? 'varv-cloud-store';
    this.backoff = opts.backoff ?? new Backoff();
  }

  get target(): string {
    return natsTarget(this.url);
  }

  /** Consumes in the background until `stop()`. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        try {
          await this.round();
          this.backoff.reset();
        } catch (e) {
          this.stats.failures++;
          const delay = this.backoff.next();
          this.opts.onError?.(e, this.backoff.attempts);
          await this.pause(delay);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopFetch?.();
    this.wakeUp?.();
    await this.running;
    this.running = undefined;
    await this.link?.nc.close();
    this.link = undefined;
    this.consumer = undefined;
  }

  private async connection(): Promise<Consumer> {
    if (this.link?.nc.isClosed()) {
      this.link = undefined;
      this.consumer = undefined;
    }
    if (!this.link)
      this.link = await connectJetStream(
        this.url,
        `varv-ingest-${this.durable}`,
        this.stream,
        this.opts.credentials,
      );
    if (!this.consumer) {
      const { jsm, js } = this.link;
      const config = {
        durable_name: this.durable,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(this.opts.ackWaitMs ?? 30_000),
        max_ack_pending: Math.max(1000, (this.opts.batch ?? 1000) * 4),
      };
      try {
        await jsm.consumers.info(this.stream.name, this.durable);
      } catch (e) {
        if (!/not found/i.test((e as Error).message)) throw e;
        await jsm.consumers.add(this.stream.name, config);
      }
      this.consumer = await js.consumers.get(this.stream.name, this.durable);
    }
    return this.consumer;
  }

  /** One fetch, one insert, then the acks. */
  private async round(): Promise<void> {
    const consumer = await this.connection();
    const iter = await consumer.fetch({
      max_messages: this.opts.batch ?? 1000,
      expires: this.opts.expiresMs ?? 1000,
    });
    this.stopFetch = () => iter.stop();
    const msgs: JsMsg[] = [];
    try {
      for await (const m of iter) msgs.push(m);
    } finally {
      this.stopFetch = undefined;
    }
    if (msgs.length === 0) return;
    const events: VarvEvent[] = [];
    const good: JsMsg[] = [];
    for (const m of msgs) {
      const checked = this.check(m);
      if (checked.ok) {
        events.push(checked.event);
        good.push(m);
      } else this.reject(m, checked.reason, checked.kind);
    }
    // Committed before any ack: if this throws, nothing is acked and the batch comes again.
    const r = await this.insertOrSift(events, good);
    for (const m of good) m.ack();
    this.stats.received += msgs.length;
    this.stats.inserted += r.inserted;
    this.stats.duplicates += r.duplicates;
    this.stats.conflicts += r.conflicts.length;
    for (const c of r.conflicts) this.opts.onConflict?.(c);
    this.opts.onBatch?.({ ...this.stats });
  }

  /** The message's event, or why it is refused. */
  private check(m: JsMsg): { ok: true; event: VarvEvent } | { ok: false; reason: string; kind: RejectKind } {
    const d = decodeEvent(m.string());
    if (!d.ok)
      return {
        ok: false,
        reason: d.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        kind: 'invalid',
      };
    const e = d.value;
    const expected = subjectFor(e, this.stream.subjectPrefix);
    if (m.subject !== expected)
      return {
        ok: false,
        reason: `a ${e.type} event of store "${e.store}" came on subject "${m.subject}" (expected "${expected}")`,
        kind: 'subject',
      };
    const id = m.headers?.get('Nats-Msg-Id') ?? '';
    if (id !== messageId(e))
      return {
        ok: false,
        reason: `message id "${id.slice(0, 80)}" is not the event's "${messageId(e)}"`,
        kind: 'subject',
      };
    if (this.opts.stores && !this.opts.stores(e.store))
      return {
        ok: false,
        reason: `store "${e.store}" is not one this cloud takes events from`,
        kind: 'store',
      };
    return { ok: true, event: e };
  }

  private reject(m: JsMsg, reason: string, kind: RejectKind): void {
    this.stats.rejected++;
    this.opts.onRejected?.(reason, m.subject, kind);
    // Without a reason: nats-server before 2.10 does not know "+TERM <reason>" and ignores it, and
    // the refused message came back after every ack wait, for as long as the stream kept it.
    m.term();
  }

  /**
   * Inserts the batch in one transaction. Should the store refuse it as a whole for an event it
   * cannot hold (E_EVENT_INVALID, e.g. a NUL in a health message), the events are inserted one by
   * one and the refused ones terminated, so that one bad message does not hold back its batch for ever.
   */
  private async insertOrSift(events: VarvEvent[], good: JsMsg[]) {
    try {
      return await this.store.insert(events);
    } catch (e) {
      if (!(e instanceof VarvError && e.code === 'E_EVENT_INVALID')) throw e;
    }
    const total = { inserted: 0, duplicates: 0, conflicts: [] as Conflict[] };
    const kept: JsMsg[] = [];
    for (const [i, event] of events.entries()) {
      const m = good[i] as JsMsg;
      try {
        const r = await this.store.insert([event]);
        total.inserted += r.inserted;
        total.duplicates += r.duplicates;
        total.conflicts.push(...r.conflicts);
        kept.push(m);
      } catch (e) {
        if (!(e instanceof VarvError && e.code === 'E_EVENT_INVALID')) throw e;
        this.reject(m, e.message, 'invalid');
      }
    }
    good.splice(0, good.length, ...kept);
    return total;
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
