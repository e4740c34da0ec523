import type { VarvEvent } from '../events/index.ts';
import type { Conflict } from '../store/index.ts';

/** What became of a batch offered to the cloud. */
export type SendOutcome = {
  /** Events the cloud acknowledged (stored, or recognised as already held): to be marked sent. */
  sent: VarvEvent[];
  /** Of those, how many the cloud already had (a re-send). */
  duplicates: number;
  /** Events the cloud refused because another event holds their key: reported, and marked sent. */
  conflicts: Conflict[];
  /** Set when some events were not acknowledged: they stay in the outbox and are sent again. */
  error?: unknown;
};

/** How the outbox reaches the cloud: JetStream, or straight into the cloud store in this process. */
export type Transport = {
  /** `nats` or `in-process`. */
  readonly kind: string;
  /** Where to, for messages (URLs without passwords). */
  readonly target: string;
  send(events: readonly VarvEvent[]): Promise<SendOutcome>;
  close(): Promise<void>;
};
