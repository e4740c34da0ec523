import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../engine/store/index.ts';
import {
  Backoff,
  type IngestStats,
  JetStreamIngest,
  natsCredentialsFromEnv,
  openUplink,
} from '../../engine/uplink/index.ts';
import { HOOK_MS, memoryStore, natsServerSkip } from '../services.ts';
import { sightings } from '../store/fixtures.ts';
import { NatsServer } from './natsServer.ts';

// Issue 10, NATS credentials: the uplink and the cloud's intake log in to the broker with a user
// and password, a token or a creds file, from VARV_NATS_* (or given in code); a broker that wants
// credentials refuses a connection without them or with wrong ones, with a message that names the
// user but never the secret. With per-store users, the broker's permissions keep a store's
// credentials from publishing another store's events (SECURITY.md). Each test runs a nats-server
// of its own on a free port (the shared one on 4222 has no auth).

const skip = natsServerSkip();
const PASS = 'correct horse battery staple';

describe('NATS credentials from the environment', () => {
  it('reads user and password, a token or a creds file; none is undefined', () => {
    expect(natsCredentialsFromEnv({})).toBeUndefined();
    expect(natsCredentialsFromEnv({ VARV_NATS_USER: 'u', VARV_NATS_PASS: 'p' })).toEqual({
      user: 'u',
      pass: 'p',
    });
    expect(natsCredentialsFromEnv({ VARV_NATS_TOKEN: 't' })).toEqual({ token: 't' });
    expect(natsCredentialsFromEnv({ VARV_NATS_CREDS: '/etc/varv/store.creds' })).toEqual({
      credsFile: '/etc/varv/store.creds',
    });
    expect(natsCredentialsFromEnv({ VARV_NATS_USER: '', VARV_NATS_TOKEN: '' })).toBeUndefined();
  });

  it('refuses half a login or two kinds at once, without echoing a secret', () => {
    const bad = [
      [{ VARV_NATS_USER: 'u' }, /VARV_NATS_USER is set without VARV_NATS_PASS/],
      [{ VARV_NATS_PASS: 'hunter2' }, /VARV_NATS_PASS is set without VARV_NATS_USER/],
      [{ VARV_NATS_USER: 'u', VARV_NATS_PASS: 'hunter2', VARV_NATS_TOKEN: 'tok' }, /not several/],
    ] as const;
    for (const [env, message] of bad) {
      let err: { code?: string; message: string } | undefined;
      try {
        natsCredentialsFromEnv(env);
      } catch (e) {
        err = e as typeof err;
      }
      expect(err?.code).toBe('E_CONFIG');
      expect(err?.message).toMatch(message);
      expect(err?.message).not.toMatch(/hunter2|tok\b/);
    }
  });
});

describe.skipIf(skip !== null)('a broker that wants credentials', () => {
  let userServer: NatsServer;
  let tokenServer: NatsServer;
  let permServer: NatsServer;
  let local: EventStore;
  let cloud: EventStore;
  const dir = mkdtempSync(join(tmpdir(), 'varv-nats-auth-'));
  beforeAll(async () => {
    const conf = join(dir, 'perm.conf');
    // The cloud may do anything; store-a may publish only its own subjects (and ask about the stream).
    writeFileSync(
      conf,
      `authorization {
  users = [
    { user: cloud, password: "cloud-pass" }
    { user: "store-a", password: "a-pass", permissions: {
        publish: { allow: ["varv.events.*.store-a", "$JS.API.INFO", "$JS.API.STREAM.INFO.VARV_EVENTS"] }
        subscribe: { allow: ["_INBOX.>"] } } }
  ]
}
`,
    );
    [userServer, tokenServer, permServer, local, cloud] = await Promise.all([
      NatsServer.start(['--user', 'varv', '--pass', PASS]),
      NatsServer.start(['--auth', 'the-token']),
      NatsServer.start(['-c', conf]),
      memoryStore(),
      memoryStore(),
    ]);
  }, HOOK_MS);
  afterAll(async () => {
    await Promise.all([userServer?.dispose(), tokenServer?.dispose(), permServer?.dispose()]);
    await Promise.all([local?.close(), cloud?.close()]);
    rmSync(dir, { recursive: true, force: true });
  }, HOOK_MS);

  let attempt = 0;
  /** The first error a pump with a fresh event to send reports, then stops it. */
  async function firstError(
    env: Record<string, string>,
    url: string,
  ): Promise<{ code?: string; message: string }> {
    let report: (e: unknown) => void = () => {};
    const failed = new Promise<unknown>((r) => {
      report = r;
    });
    await local.outbox.append(sightings(`no-entry-${attempt++}`, 1));
    const pump = openUplink({
      outbox: local.outbox,
      natsUrl: url,
      env,
      backoff: new Backoff(10, 10),
      onError: report,
    });
    pump.start();
    const e = await failed;
    await pump.stop();
    return e as { code?: string; message: string };
  }

  it('delivers with VARV_NATS_USER/VARV_NATS_PASS, uplink and intake alike', async () => {
    const events = sightings('with-user', 200);
    await local.outbox.append(events);
    const env = { VARV_NATS_USER: 'varv', VARV_NATS_PASS: PASS };
    const pump = openUplink({ outbox: local.outbox, natsUrl: userServer.url, env });
    const sent = await pump.drain();
    await pump.stop();
    expect(sent.sent).toBeGreaterThanOrEqual(200);
    let done: (s: IngestStats) => void = () => {};
    const all = new Promise<IngestStats>((r) => {
      done = r;
    });
    const ingest = new JetStreamIngest(cloud, userServer.url, {
      credentials: natsCredentialsFromEnv(env),
      onBatch: (s) => {
        if (s.inserted >= sent.sent) done(s);
      },
    });
    ingest.start();
    await all;
    await ingest.stop();
    expect(await cloud.events('with-user')).toEqual(events);
  });

  it('refuses no credentials and a wrong password, naming the user and never the password', async () => {
    const none = await firstError({}, userServer.url);
    expect(none.code).toBe('E_NATS_CONNECT');
    expect(none.message).toMatch(/refused a connection without credentials \(set VARV_NATS_USER/);
    const wrong = await firstError({ VARV_NATS_USER: 'varv', VARV_NATS_PASS: 'not-it' }, userServer.url);
    expect(wrong.code).toBe('E_NATS_CONNECT');
    expect(wrong.message).toMatch(/refused the credentials \(user "varv"\)/);
    expect(wrong.message).not.toContain('not-it');
    // The password in the URL is not shown either.
    const inUrl = await firstError({}, userServer.url.replace('nats://', 'nats://varv:also-secret@x'));
    expect(inUrl.message).not.toContain('also-secret');
  });

  it('delivers with VARV_NATS_TOKEN and refuses a wrong one', async () => {
    await local.outbox.append(sightings('with-token', 50));
    const pump = openUplink({
      outbox: local.outbox,
      natsUrl: tokenServer.url,
      env: { VARV_NATS_TOKEN: 'the-token' },
    });
    expect((await pump.drain()).sent).toBeGreaterThanOrEqual(50);
    await pump.stop();
    const wrong = await firstError({ VARV_NATS_TOKEN: 'guess' }, tokenServer.url);
    expect(wrong.message).toMatch(/refused the credentials \(a token\)/);
    expect(wrong.message).not.toContain('guess');
  });

  it('says so when the creds file cannot be read', async () => {
    const e = await firstError({ VARV_NATS_CREDS: join(dir, 'missing.creds') }, tokenServer.url);
    expect(e.code).toBe('E_CONFIG');
    expect(e.message).toMatch(/cannot read the NATS creds file .*missing\.creds: ENOENT/);
  });

  it("keeps a store's credentials from publishing another store's events (broker permissions)", async () => {
    // The cloud creates the stream; store-a may only ask about it.
    const cloudPump = openUplink({
      outbox: local.outbox,
      natsUrl: permServer.url,
      env: { VARV_NATS_USER: 'cloud', VARV_NATS_PASS: 'cloud-pass' },
    });
    await cloudPump.drain();
    await cloudPump.stop();
    const own = await memoryStore();
    try {
      await own.outbox.append([...sightings('store-a', 20), ...sightings('store-b', 5)]);
      const errors: string[] = [];
      let progressed: () => void = () => {};
      let failed: () => void = () => {};
      const sentAll = new Promise<void>((r) => {
        progressed = r;
      });
      const refused = new Promise<void>((r) => {
        failed = r;
      });
      const pump = openUplink({
        outbox: own.outbox,
        natsUrl: permServer.url,
        env: { VARV_NATS_USER: 'store-a', VARV_NATS_PASS: 'a-pass' },
        jetstream: { ackTimeoutMs: 500 },
        backoff: new Backoff(10, 10),
        onProgress: (s) => {
          if (s.sent >= 20) progressed();
        },
        onError: (e) => {
          errors.push((e as Error).message);
          failed();
        },
      });
      // store-a's 20 go out; store-b's 5 are refused by the broker and stay in the outbox.
      pump.start();
      await Promise.all([sentAll, refused]);
      await pump.stop();
      expect(await own.outbox.size()).toBe(5);
      expect((await own.outbox.pending(10)).every((e) => e.store === 'store-b')).toBe(true);
      expect(errors.join('\n')).toMatch(/permission|timeout|TIMEOUT/i);
    } finally {
      await own.close();
    }
  });
});
