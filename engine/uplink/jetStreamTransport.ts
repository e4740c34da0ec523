import type { VarvEvent } from '../events/index.ts';
import { encodeEvent } from '../events/index.ts';
import {
  connectJetStream,
  defaultStream,
  ensureStream,
  messageId,
  type NatsLink,
  natsTarget,
  type StreamSpec,
  subjectFor,
} from './nats.ts';
import type { NatsCredentials } from './natsCredentials.ts';
import type { SendOutcome, Transport } from './transport.ts';

export type JetStreamTransportOptions = {
  stream?: StreamSpec;
  /** How long to wait for the broker's ack of one publish. */
  ackTimeoutMs?: number;
  /** The connection's name, as the broker shows it. */
  name?: string;
  /** User and password, token or creds file (openUplink reads them from VARV_NATS_* by default). */
  credentials?: NatsCredentials;
};

const encoder = new TextEncoder();

/**
 * Publishes events to JetStream, each with its `store:seq:digest` as message id, all of a batch in
 * flight at once; an event counts as sent only when the broker's ack for it came back (stored, or
 * dropped as a duplicate within the window). Connects on first use and again after the connection closed.
 */
export class JetStreamTransport implements Transport {
  readonly kind = 'nats';
  private link: Promise<NatsLink> | undefined;
  private readonly stream: StreamSpec;
  private readonly ackTimeoutMs: number;
  /** Set when a publish found no stream (a broker restarted without its store): create it again. */
  private streamMissing = false;

  constructor(
    private readonly url: string,
    private readonly opts: JetStreamTransportOptions = {},
  ) {
    this.stream = opts.stream ?? defaultStream;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 5000;
  }

  get target(): string {
    return natsTarget(this.url);
  }

  private connection(): Promise<NatsLink> {
    if (!this.link) {
      const link = connectJetStream(
        this.url,
        this.opts.name ?? 'varv-uplink',
        this.stream,
        this.opts.credentials,
      );
      this.link = link;
      link.then(
        ({ nc }) => nc.closed().then(() => this.forget(link)),
        () => this.forget(link),
      );
    }
    return this.link;
  }

  private forget(link: Promise<NatsLink>): void {
    if (this.link === link) this.link = undefined;
  }

  async send(events: readonly VarvEvent[]): Promise<SendOutcome> {
    const { js, jsm } = await this.connection();
    if (this.streamMissing) {
      await ensureStream(jsm, this.stream);
      this.streamMissing = false;
    }
    const acks = await Promise.allSettled(
      events.map((e) =>
        js.publish(subjectFor(e, this.stream.subjectPrefix), encoder.encode(encodeEvent(e)), {
          msgID: messageId(e),
          timeout: this.ackTimeoutMs,
        }),
      ),
    );
    const out: SendOutcome = { sent: [], duplicates: 0, conflicts: [] };
    acks.forEach((a, i) => {
      if (a.status === 'fulfilled') {
        out.sent.push(events[i] as VarvEvent);
        if (a.value.duplicate) out.duplicates++;
      } else {
        out.error ??= a.reason;
        if (/no responders|not enabled|stream not found/i.test(String((a.reason as Error)?.message)))
          this.streamMissing = true;
      }
    });
    return out;
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    if (link) await (await link.catch(() => undefined))?.nc.close();
  }
}
