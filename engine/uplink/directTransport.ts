import type { VarvEvent } from '../events/index.ts';
import type { EventStore } from '../store/index.ts';
import type { SendOutcome, Transport } from './transport.ts';

/**
 * The uplink without a broker (no `VARV_NATS_URL`): a batch goes straight into the cloud event
 * store, idempotently; it counts as sent once that insert has committed.
 */
export class DirectTransport implements Transport {
  readonly kind = 'in-process';
  constructor(private readonly cloud: EventStore) {}

  get target(): string {
    return `${this.cloud.engine} ${this.cloud.location}`;
  }

  async send(events: readonly VarvEvent[]): Promise<SendOutcome> {
    const r = await this.cloud.insert(events);
    return { sent: [...events], duplicates: r.duplicates, conflicts: r.conflicts };
  }

  async close(): Promise<void> {}
}
