import { VarvError } from '../errors.ts';
import type { EventStore, Outbox } from '../store/index.ts';
import { DirectTransport } from './directTransport.ts';
import { JetStreamTransport, type JetStreamTransportOptions } from './jetStreamTransport.ts';
import { natsCredentialsFromEnv } from './natsCredentials.ts';
import { OutboxPump, type PumpOptions } from './outboxPump.ts';

export type UplinkConfig = PumpOptions & {
  /** The in-store outbox to drain. */
  outbox: Outbox;
  /**
   * NATS server URL(s); default `VARV_NATS_URL`. When set, events go to JetStream, with the
   * credentials of `jetstream.credentials` or else of VARV_NATS_USER/PASS, _TOKEN or _CREDS.
   */
  natsUrl?: string;
  /** Without NATS: the cloud event store to insert into, in this process. */
  cloud?: EventStore;
  jetstream?: JetStreamTransportOptions;
  env?: Record<string, string | undefined>;
};

/**
 * The store-to-cloud uplink the configuration names: JetStream when a NATS URL is set, else
 * straight into the cloud store in this process. Same outbox semantics either way.
 */
export function openUplink(config: UplinkConfig): OutboxPump {
  const env = config.env ?? process.env;
  const natsUrl = config.natsUrl ?? (env.VARV_NATS_URL || undefined);
  if (natsUrl) {
    const credentials = config.jetstream?.credentials ?? natsCredentialsFromEnv(env);
    const options = { ...config.jetstream, ...(credentials ? { credentials } : {}) };
    return new OutboxPump(config.outbox, new JetStreamTransport(natsUrl, options), config);
  }
  if (!config.cloud)
    throw new VarvError(
      'E_CONFIG',
      'the uplink needs VARV_NATS_URL (a JetStream broker) or a cloud event store to write to in-process',
    );
  return new OutboxPump(config.outbox, new DirectTransport(config.cloud), config);
}
