import { Counter, Gauge, type Registry } from 'prom-client';
import type { Outbox } from '../store/index.ts';
import type { IngestOptions, IngestStats } from './jetStreamIngest.ts';
import type { PumpOptions, PumpStats } from './outboxPump.ts';

type PumpHooks = Pick<PumpOptions, 'onError' | 'onProgress' | 'onConflict'>;
type IngestHooks = Pick<IngestOptions, 'onError' | 'onBatch' | 'onConflict' | 'onRejected'>;

/** An error's machine-readable code: a VarvError's, a PostgreSQL SQLSTATE, a Node errno; else "unknown". */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(code) ? code : 'unknown';
}

/**
 * The uplink's Prometheus metrics, on the registry given (the server's /metrics serves it): on the
 * store's side the outbox's size (read when scraped), events sent, re-sends and conflicts, failed
 * rounds by stage and how many in a row; on the cloud's side what the intake received, inserted,
 * recognised as duplicates, refused (by kind) and its failed rounds; on both, database errors by
 * side, operation and code (e.g. 53100, disk full; E_DB_CONNECT, the server gone). Hooks chain to
 * callbacks given, so they can be put in front of a pump's or an intake's own.
 */
export class UplinkMetrics {
  readonly outboxPending: Gauge;
  readonly sent: Counter;
  readonly duplicates: Counter<'side'>;
  readonly conflicts: Counter<'side'>;
  readonly failures: Counter<'stage'>;
  readonly failing: Gauge;
  readonly dbErrors: Counter<'side' | 'op' | 'code'>;
  readonly received: Counter;
  readonly inserted: Counter;
  readonly rejected: Counter<'kind'>;
  readonly ingestFailures: Counter<'code'>;
  private outboxes: Outbox[] = [];

  constructor(readonly registry: Registry) {
    const registers = [registry];
    const outboxes = () => this.outboxes;
    const dbError = (op: string, e: unknown) => this.dbErrors.inc({ side: 'store', op, code: errorCode(e) });
    this.outboxPending = new Gauge({
      name: 'varv_outbox_pending',
      help: 'Events accepted in the store and not yet acknowledged by the cloud',
      registers,
      async collect() {
        let n = 0;
        for (const o of outboxes())
          try {
            n += await o.size();
          } catch (e) {
            dbError('size', e);
            return; // the last value stands; the error is counted
          }
        this.set(n);
      },
    });
    this.sent = new Counter({
      name: 'varv_uplink_sent_total',
      help: 'Events the cloud acknowledged',
      registers,
    });
    this.duplicates = new Counter({
      name: 'varv_uplink_duplicates_total',
      help: 'Re-sent events the other side already had (store: acks of re-sends; cloud: repeats inserted once)',
      labelNames: ['side'] as const,
      registers,
    });
    this.conflicts = new Counter({
      name: 'varv_uplink_conflicts_total',
      help: 'Events refused because a different event holds their (store, seq)',
      labelNames: ['side'] as const,
      registers,
    });
    this.failures = new Counter({
      name: 'varv_uplink_failures_total',
      help: 'Failed uplink rounds, by stage (outbox: the store database; send: the broker or the cloud)',
      labelNames: ['stage'] as const,
      registers,
    });
    this.failing = new Gauge({
      name: 'varv_uplink_consecutive_failures',
      help: 'Uplink rounds failed in a row (0 when the last one went through)',
      registers,
    });
    this.dbErrors = new Counter({
      name: 'varv_db_errors_total',
      help: 'Database errors, by side (store, cloud), operation and code',
      labelNames: ['side', 'op', 'code'] as const,
      registers,
    });
    this.received = new Counter({
      name: 'varv_ingest_received_total',
      help: 'Messages the cloud intake fetched and committed (valid or not)',
      registers,
    });
    this.inserted = new Counter({
      name: 'varv_ingest_inserted_total',
      help: 'Events the cloud intake stored for the first time',
      registers,
    });
    this.rejected = new Counter({
      name: 'varv_ingest_rejected_total',
      help: 'Messages the cloud intake refused, by kind (invalid, subject, store)',
      labelNames: ['kind'] as const,
      registers,
    });
    this.ingestFailures = new Counter({
      name: 'varv_ingest_failures_total',
      help: 'Failed intake rounds (broker or cloud database), by error code',
      labelNames: ['code'] as const,
      registers,
    });
  }

  /** Reports this outbox's size as varv_outbox_pending when scraped. */
  watchOutbox(outbox: Outbox): void {
    this.outboxes.push(outbox);
  }

  /** The outbox, with failed appends counted as database errors (op "append"). */
  instrument(outbox: Outbox): Outbox {
    this.watchOutbox(outbox);
    return {
      ...outbox,
      append: async (events) => {
        try {
          return await outbox.append(events);
        } catch (e) {
          this.dbErrors.inc({ side: 'store', op: 'append', code: errorCode(e) });
          throw e;
        }
      },
    };
  }

  /** Callbacks for an OutboxPump that keep these metrics, then call `base`'s. */
  pumpHooks(base: PumpHooks = {}): PumpHooks {
    let last: PumpStats = { sent: 0, duplicates: 0, conflicts: 0, failures: 0 };
    return {
      onError: (error, attempts, stage) => {
        this.failures.inc({ stage });
        this.failing.set(attempts);
        if (stage === 'outbox') this.dbErrors.inc({ side: 'store', op: 'outbox', code: errorCode(error) });
        base.onError?.(error, attempts, stage);
      },
      onProgress: (s) => {
        this.sent.inc(s.sent - last.sent);
        this.duplicates.inc({ side: 'store' }, s.duplicates - last.duplicates);
        this.conflicts.inc({ side: 'store' }, s.conflicts - last.conflicts);
        last = { ...s };
        this.failing.set(0);
        base.onProgress?.(s);
      },
      onConflict: (c) => base.onConflict?.(c),
    };
  }

  /** Callbacks for a JetStreamIngest that keep these metrics, then call `base`'s. */
  ingestHooks(base: IngestHooks = {}): IngestHooks {
    let last: IngestStats = {
      received: 0,
      inserted: 0,
      duplicates: 0,
      conflicts: 0,
      rejected: 0,
      failures: 0,
    };
    return {
      onError: (error, attempts) => {
        const code = errorCode(error);
        this.ingestFailures.inc({ code });
        if (code.startsWith('E_DB') || /^[0-9A-Z]{5}$/.test(code))
          this.dbErrors.inc({ side: 'cloud', op: 'insert', code });
        base.onError?.(error, attempts);
      },
      onBatch: (s) => {
        this.received.inc(s.received - last.received);
        this.inserted.inc(s.inserted - last.inserted);
        this.duplicates.inc({ side: 'cloud' }, s.duplicates - last.duplicates);
        this.conflicts.inc({ side: 'cloud' }, s.conflicts - last.conflicts);
        last = { ...s };
        base.onBatch?.(s);
      },
      onConflict: (c) => base.onConflict?.(c),
      onRejected: (reason, subject, kind) => {
        this.rejected.inc({ kind });
        base.onRejected?.(reason, subject, kind);
      },
    };
  }
}
