import { readFileSync } from 'node:fs';
import {
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import {
  type ConnectionOptions,
  connect,
  credsAuthenticator,
  type NatsConnection,
  nanos,
} from '@nats-io/transport-node';
import { VarvError } from '../errors.ts';
import type { VarvEvent } from '../events/index.ts';
import { eventDigest, redactUrl } from '../store/index.ts';
import type { NatsCredentials } from './natsCredentials.ts';

/** The stream that carries events from the stores to the cloud, and its subjects. */
export const STREAM = 'VARV_EVENTS';
export const SUBJECT_PREFIX = 'varv.events';
/** How long JetStream remembers a message id to drop a re-send (its default is 2 minutes). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** `varv.events.<type>.<store>` (a store id's dots become `_`, so that it stays one subject token). */
export function subjectFor(e: VarvEvent, prefix = SUBJECT_PREFIX): string {
  return `${prefix}.${e.type}.${e.store.replaceAll('.', '_')}`;
}

/**
 * The JetStream message id of an event: its key and a digest of its content, `store:seq:digest`, so
 * that the broker drops re-sends of the same event. The digest matters: the broker's duplicate
 * window is one for the whole stream, and with `store:seq` alone anyone allowed to publish (another
 * store, under its own subject) could send a message under a key another store is about to use, and
 * the broker would drop the real event as a duplicate for 10 minutes. A different event under a
 * taken key is not dropped either: it reaches the cloud and is reported as a conflict.
 */
export function messageId(e: VarvEvent): string {
  return `${e.store}:${e.seq}:${eventDigest(e)}`;
}

/** How long the stream keeps a message, acked or not: the cloud has this long to catch up. */
export const MAX_AGE_MS = 7 * 86_400_000;

export type StreamSpec = {
  name: string;
  subjectPrefix: string;
  duplicateWindowMs: number;
  maxAgeMs?: number;
};

export const defaultStream: StreamSpec = {
  name: STREAM,
  subjectPrefix: SUBJECT_PREFIX,
  duplicateWindowMs: DUPLICATE_WINDOW_MS,
  maxAgeMs: MAX_AGE_MS,
};

/** A URL or a comma-separated list of them, without passwords, for messages. */
export function natsTarget(url: string): string {
  return url
    .split(',')
    .map((u) => redactUrl(u.includes('://') ? u.trim() : `nats://${u.trim()}`))
    .join(',');
}

export type NatsLink = { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager };

/**
 * Connects (reconnecting for ever after the first success) and makes sure the stream exists, on
 * file storage. A broker that cannot be reached is `E_NATS_CONNECT`, naming the URL without its
 * password; the caller retries with backoff.
 */
export async function connectJetStream(
  url: string,
  name: string,
  stream: StreamSpec,
  credentials?: NatsCredentials,
): Promise<NatsLink> {
  let nc: NatsConnection;
  const auth = authOptions(credentials);
  try {
    nc = await connect({
      servers: url.split(',').map((s) => s.trim()),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 5000,
      ...auth,
    });
  } catch (e) {
    const message = (e as Error).message;
    throw new VarvError(
      'E_NATS_CONNECT',
      /authori[sz]ation|authentication/i.test(message)
        ? `NATS at ${natsTarget(url)} refused ${credentials ? `the credentials (${describeCredentials(credentials)})` : 'a connection without credentials (set VARV_NATS_USER/VARV_NATS_PASS, VARV_NATS_TOKEN or VARV_NATS_CREDS)'}: ${message}`
        : `cannot reach NATS at ${natsTarget(url)}: ${message}`,
      { cause: e },
    );
  }
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, stream);
    return { nc, js: jetstream(nc), jsm };
  } catch (e) {
    await nc.close().catch(() => {});
    throw new VarvError(
      'E_NATS_JETSTREAM',
      `NATS at ${natsTarget(url)} has no usable JetStream (start nats-server with -js): ${(e as Error).message}`,
      { cause: e },
    );
  }
}

/** The connect options for credentials; a creds file is read here (E_CONFIG when it cannot be). */
function authOptions(c: NatsCredentials | undefined): Partial<ConnectionOptions> {
  if (!c) return {};
  if ('user' in c) return { user: c.user, pass: c.pass };
  if ('token' in c) return { token: c.token };
  let creds: Uint8Array;
  try {
    creds = readFileSync(c.credsFile);
  } catch (e) {
    throw new VarvError(
      'E_CONFIG',
      `cannot read the NATS creds file ${c.credsFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    );
  }
  return { authenticator: credsAuthenticator(creds) };
}

/** Which credentials, for messages: never the secret. */
function describeCredentials(c: NatsCredentials): string {
  return 'user' in c ? `user "${c.user}"` : 'token' in c ? 'a token' : `creds file ${c.credsFile}`;
}

/**
 * Creates the stream if it is missing (file storage, the duplicate window, messages kept for
 * `maxAgeMs`, default 7 days); leaves an existing one as it is.
 */
export async function ensureStream(jsm: JetStreamManager, s: StreamSpec): Promise<void> {
  try {
    await jsm.streams.info(s.name);
    return;
  } catch (e) {
    if (!/not found/i.test((e as Error).message)) throw e;
  }
  await jsm.streams.add({
    name: s.name,
    subjects: [`${s.subjectPrefix}.>`],
    storage: StorageType.File,
    duplicate_window: nanos(s.duplicateWindowMs),
    max_age: nanos(s.maxAgeMs ?? MAX_AGE_MS),
  });
}
