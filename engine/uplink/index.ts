export { Backoff } from './backoff.ts';
export { DirectTransport } from './directTransport.ts';
export { type IngestOptions, type IngestStats, JetStreamIngest, type RejectKind } from './jetStreamIngest.ts';
export { JetStreamTransport, type JetStreamTransportOptions } from './jetStreamTransport.ts';
export {
  connectJetStream,
  DUPLICATE_WINDOW_MS,
  defaultStream,
  ensureStream,
  MAX_AGE_MS,
  messageId,
  type NatsLink,
  natsTarget,
  STREAM,
  type StreamSpec,
  SUBJECT_PREFIX,
  subjectFor,
} from './nats.ts';
export { type NatsCredentials, natsCredentialsFromEnv } from './natsCredentials.ts';
export { openUplink, type UplinkConfig } from './openUplink.ts';
export { OutboxPump, type PumpOptions, type PumpStage, type PumpStats } from './outboxPump.ts';
export type { SendOutcome, Transport } from './transport.ts';
export { UPLINK_DOWN_AFTER, uplinkHealth } from './uplinkHealth.ts';
export { errorCode, UplinkMetrics } from './uplinkMetrics.ts';
