import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { DEFAULT_RATE_LIMITS } from '../../engine/server/rateLimits.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { T0, testStore } from '../analytics/fixtures.ts';
import { HOOK_MS, memoryStore } from '../services.ts';

// Issue 10, rate limits: counted per valid token (each its own bucket), else per IP address, before
// the token check (so failed guesses count), with a separate, much higher ceiling for camera tokens
// so that pushed frames are never starved by the readers' limit. Small limits here; the defaults
// are checked for their order.

const store = testStore();
const camera = store.cameras[0]?.id as string;
const TOKENS = { a: 'manager-a', b: 'manager-b', admin: 'admin-token', camera: 'camera-token' };
const LIMITS = { windowMs: 60_000, anonymousPerIp: 3, perToken: 5, perCameraToken: 8 };

describe('rate limits', () => {
  let db: EventStore;
  const apps: FastifyInstance[] = [];
  const registry = new Registry();
  const server = async (rateLimit: ServerOptions['rateLimit'], metrics?: Registry) => {
    const app = await buildServer({
      source: new StoreSource({ mode: 'live', stores: [{ layout: store }], events: db, now: () => T0 }),
      auth: new TokenAuth([
        { token: TOKENS.a, role: 'manager' },
        { token: TOKENS.b, role: 'manager' },
        { token: TOKENS.admin, role: 'admin' },
        { token: TOKENS.camera, role: 'camera', camera },
      ]),
      cameras: {
        accepts: (id) => id === camera,
        push: () => ({ capacity: 4, in: 1, out: 0, dropped: 0, queued: 1 }),
      },
      rateLimit,
      ...(metrics ? { metrics } : {}),
    });
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    db = await memoryStore();
  }, HOOK_MS);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await db?.close();
  });

  const get = (app: FastifyInstance, url: string, token?: string, ip = '127.0.0.1') =>
    app.inject({ url, remoteAddress: ip, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const push = (app: FastifyInstance) =>
    app.inject({
      method: 'POST',
      url: `/api/cameras/${camera}/frames`,
      headers: { authorization: `Bearer ${TOKENS.camera}`, 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    });
  const statuses = async (n: number, f: () => Promise<{ statusCode: number }>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await f()).statusCode);
    return out;
  };

  it('limits each token on its own, and says which limit and when to retry', async () => {
    const app = await server(LIMITS, registry);
    expect(await statuses(6, () => get(app, '/api/stores', TOKENS.a))).toEqual([
      200, 200, 200, 200, 200, 429,
    ]);
    const r = await get(app, '/api/stores', TOKENS.a);
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.json().message).toMatch(/this token may make 5 per 60 s; retry in/);
    // Another manager's token, and the same address without a token, have their own buckets.
    expect((await get(app, '/api/stores', TOKENS.b)).statusCode).toBe(200);
    expect((await get(app, '/api/health')).statusCode).toBe(200);
  });

  it('counts requests without a valid token per address, wrong guesses included', async () => {
    const app = await server(LIMITS, new Registry());
    const guesses = await statuses(5, () => get(app, '/api/stores', 'guess', '10.0.0.7'));
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    expect((await get(app, '/api/health', undefined, '10.0.0.7')).statusCode).toBe(429);
    expect((await get(app, '/no/such/page', undefined, '10.0.0.7')).statusCode).toBe(429);
    // Another address is not affected; nor is a valid token from the same one.
    expect((await get(app, '/api/health', undefined, '10.0.0.8')).statusCode).toBe(200);
    expect((await get(app, '/api/stores', TOKENS.a, '10.0.0.7')).statusCode).toBe(200);
  });

  it('gives camera tokens their own, higher ceiling: readers at their limit do not starve a camera', async () => {
    const app = await server(LIMITS, new Registry());
    await statuses(6, () => get(app, '/api/stores', TOKENS.a));
    await statuses(4, () => get(app, '/api/health'));
    expect(await statuses(9, () => push(app))).toEqual([202, 202, 202, 202, 202, 202, 202, 202, 429]);
  });

  it('counts refusals in /metrics by kind of key', async () => {
    const text = await registry.metrics();
    expect(text).toMatch(/varv_http_rate_limited_total\{kind="token"\} [1-9]/);
    expect(text).toMatch(/varv_http_requests_total\{route="\/api\/stores",status="429"\} [1-9]/);
  });

  it('can be switched off (rateLimit: false)', async () => {
    const app = await server(false);
    expect(new Set(await statuses(20, () => get(app, '/api/health')))).toEqual(new Set([200]));
  });

  it('refuses a nonsensical limit at start', async () => {
    await expect(server({ perToken: 0 })).rejects.toThrow(/"perToken" must be a positive integer/);
  });

  it('has defaults where a camera’s ceiling is far above a reader’s, and a reader’s above an anonymous address', () => {
    const d = DEFAULT_RATE_LIMITS;
    expect(d.perCameraToken / (d.windowMs / 1000)).toBeGreaterThanOrEqual(60); // frames per second
    expect(d.perToken).toBeGreaterThan(d.anonymousPerIp);
    expect(d.perCameraToken).toBeGreaterThan(d.perToken);
  });
});
