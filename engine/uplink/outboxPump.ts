import type { VarvEvent } from '../events/index.ts';
import type { Conflict, Outbox } from '../store/index.ts';
import { Backoff } from './backoff.ts';
import type { Transport } from './transport.ts';

/** Where a round failed: reading or marking the outbox (the store's database), or sending (the broker, the cloud). */
export type PumpStage = 'outbox' | 'send';

export type PumpOptions = {
  /** Events read from the outbox and sent per round. */
  batch?: number;
  /** Retry delays after a failed round (the broker or the cloud store is down). */
  backoff?: Backoff;
  /** How long `start()` waits for new events when the outbox is empty (`wake()` cuts it short). */
  idleMs?: number;
  /** A failed round: the error, how many rounds in a row have failed, and where. The pump keeps going. */
  onError?: (error: unknown, attempts: number, stage: PumpStage) => void;
  /** An event the cloud refused because a different event holds its key. */
  onConflict?: (conflict: Conflict) => void;
  /** After each round that marked events sent, with the running totals. */
  onProgress?: (stats: PumpStats) => void;
};

export type PumpStats = {
  /** Events acknowledged by the cloud and removed from the outbox. */
  sent: number;
  /** Of those, re-sends the cloud already had. */
  duplicates: number;
  conflicts: number;
  /** Rounds that failed in part or in whole (and were retried). */
  failures: number;
};

/**
 * Drains a store's outbox into a transport: read a batch of pending events, send it, and mark sent
 * only what the other side acknowledged; anything else stays queued and is sent again after a
 * backoff. Delivery is at least once; idempotency by (store, seq) downstream makes it exactly once.
 */
export class OutboxPump {
  readonly stats: PumpStats = { sent: 0, duplicates: 0, conflicts: 0, failures: 0 };
  private readonly batch: number;
  private readonly backoff: Backoff;
  private readonly idleMs: number;
  private stopped = false;
  private running: Promise<void> | undefined;
  private interrupt: (() => void) | undefined;
  private idle = false;
  private lastError: string | undefined;

  constructor(
    private readonly outbox: Outbox,
    readonly transport: Transport,
    private readonly opts: PumpOptions = {},
  ) {
    this.batch = opts.batch ?? 1000;
    this.backoff = opts.backoff ?? new Backoff();
    this.idleMs = opts.idleMs ?? 1000;
  }

  /**
   * Sends until the outbox is empty, retrying failed rounds with backoff for as long as it takes
   * (or until `stop()`). Resolves with the running totals.
   */
  async drain(): Promise<PumpStats> {
    while (!this.stopped) {
      let events: VarvEvent[];
      try {
        events = await this.outbox.pending(this.batch);
      } catch (e) {
        await this.failed(e, 'outbox');
        continue;
      }
      if (events.length === 0) break;
      await this.round(events);
    }
    return { ...this.stats };
  }

  /** Keeps draining in the background until `stop()`: new events go out within `idleMs` (at once after `wake()`). */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = (async () => {
      while (!this.stopped) {
        await this.drain();
        this.idle = true;
        await this.pause(this.idleMs);
        this.idle = false;
      }
    })();
  }

  /** Rounds failed in a row (0 after a success) and the last one's error message: for health reports. */
  get state(): { consecutiveFailures: number; lastError?: string } {
    const n = this.backoff.attempts;
    return n > 0 && this.lastError !== undefined
      ? { consecutiveFailures: n, lastError: this.lastError }
      : { consecutiveFailures: n };
  }

  /** New events were appended: send them now rather than after the idle wait (a backoff is kept). */
  wake(): void {
    if (this.idle) this.interrupt?.();
  }

  /** Stops after the round in flight and closes the transport. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.running;
    this.running = undefined;
    await this.transport.close();
  }

  private async round(events: VarvEvent[]): Promise<void> {
    let outcome: Awaited<ReturnType<Transport['send']>>;
    try {
      outcome = await this.transport.send(events);
    } catch (e) {
      await this.failed(e, 'send');
      return;
    }
    try {
      const byStore = new Map<string, number[]>();
      for (const e of outcome.sent) {
        const seqs = byStore.get(e.store);
        if (seqs) seqs.push(e.seq);
        else byStore.set(e.store, [e.seq]);
      }
      for (const [store, seqs] of byStore) await this.outbox.markSent(store, seqs);
    } catch (e) {
      // Acknowledged but not marked: sent again later, and dropped downstream as a duplicate.
      await this.failed(e, 'outbox');
      return;
    }
    this.stats.sent += outcome.sent.length;
    this.stats.duplicates += outcome.duplicates;
    this.stats.conflicts += outcome.conflicts.length;
    for (const c of outcome.conflicts) this.opts.onConflict?.(c);
    if (outcome.sent.length > 0) this.opts.onProgress?.({ ...this.stats });
    if (outcome.error !== undefined) await this.failed(outcome.error, 'send');
    else this.backoff.reset();
  }

  private async failed(error: unknown, stage: PumpStage): Promise<void> {
    this.stats.failures++;
    this.lastError = error instanceof Error ? error.message : String(error);
    const delay = this.backoff.next();
    this.opts.onError?.(error, this.backoff.attempts, stage);
    await this.pause(delay);
  }

  /** Waits `ms`, or less if stopped (or woken while idle). The pump's only timer. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.interrupt === done) self.interrupt = undefined;
        resolve();
      }
      this.interrupt = done;
    });
  }
}
