import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraIntake } from '../../engine/capture/index.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { T0, testStore } from '../analytics/fixtures.ts';
import { HOOK_MS, memoryStore } from '../services.ts';

// Issue 10, "every endpoint authenticated": the routes are enumerated from the server itself (so a
// route added later is covered without touching this test), and each /api route but /api/health
// is called without a token, with a camera token and with a manager token. Route parameters are
// filled with the test store's and camera's real ids, so a missing check would answer 200 or 202
// rather than 404, and the test would fail. Percent-encoded paths (which the router decodes) must
// be refused the same way: checking the raw URL let "/%61pi/stores" through without a token.

const TOKENS = { manager: 'manager-secret', admin: 'admin-secret', camera: 'camera-secret' };
const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'];
const store = testStore();
const camera = store.cameras[0]?.id as string;

/** Every route as [method, path], read from printRoutes' tree (children print relative to their parent). */
function routesOf(app: FastifyInstance): [string, string][] {
  const out: [string, string][] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m || line.trim() === '') continue;
    const depth = Math.round((m[1] as string).length / 4);
    stack.length = depth;
    const segment = m[2] as string;
    const path = (stack[depth - 1] ?? '') + (segment.startsWith('/') ? segment : `/${segment}`);
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()))
      if (method && method !== 'HEAD') out.push([method, path]);
  }
  return out;
}

const fill = (path: string) =>
  path.replace(':id', path.startsWith('/api/cameras') ? camera : store.id).replace('*', 'index.html');

describe('every endpoint is authenticated', () => {
  let db: EventStore;
  let app: FastifyInstance;
  let routes: [string, string][];
  const twinDir = mkdtempSync(join(tmpdir(), 'varv-twin-'));
  const intake: CameraIntake = {
    accepts: (id) => id === camera,
    push: () => ({ capacity: 4, in: 1, out: 0, dropped: 0, queued: 1 }),
  };
  beforeAll(async () => {
    writeFileSync(join(twinDir, 'index.html'), '<!doctype html><title>twin</title>');
    db = await memoryStore();
    app = await buildServer({
      source: new StoreSource({ mode: 'live', stores: [{ layout: store }], events: db, now: () => T0 }),
      auth: new TokenAuth([
        { token: TOKENS.manager, role: 'manager' },
        { token: TOKENS.admin, role: 'admin' },
        { token: TOKENS.camera, role: 'camera', camera },
      ]),
      twinDir,
      cameras: intake,
    });
    await app.ready();
    routes = routesOf(app);
  }, HOOK_MS);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(twinDir, { recursive: true, force: true });
  });

  const call = (method: string, path: string, token?: string) =>
    app.inject({
      method: method as 'GET',
      url: fill(path),
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(MUTATING.includes(method) ? { 'content-type': 'image/jpeg' } : {}),
      },
      ...(MUTATING.includes(method) ? { payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) } : {}),
    });

  it('finds the routes the server registers', () => {
    const paths = routes.map(([m, p]) => `${m} ${p}`);
    for (const r of [
      'GET /api/health',
      'GET /api/stores',
      'GET /api/stores/:id/layout',
      'GET /api/stores/:id/kpis',
      'GET /api/stores/:id/report',
      'GET /api/stores/:id/replay',
      'GET /api/live',
      'GET /metrics',
      'POST /api/cameras/:id/frames',
      'GET /*',
    ])
      expect(paths).toContain(r);
  });

  it('the only mutating route is the camera push (a new one must be added here with its role)', () => {
    expect(routes.filter(([m]) => MUTATING.includes(m))).toEqual([['POST', '/api/cameras/:id/frames']]);
  });

  it('answers 401 on every /api route but /api/health without a token, also percent-encoded', async () => {
    const api = routes.filter(([, p]) => p.startsWith('/api/') && p !== '/api/health');
    expect(api.length).toBeGreaterThanOrEqual(7);
    for (const [method, path] of api) {
      expect((await call(method, path)).statusCode, `${method} ${path}`).toBe(401);
      expect((await call(method, path, 'not-a-token')).statusCode, `${method} ${path}`).toBe(401);
      const encoded = path.replace('/api/', '/%61pi/');
      expect((await call(method, encoded)).statusCode, `${method} ${encoded}`).toBe(401);
    }
    expect((await call('GET', '/api/health')).statusCode).toBe(200);
  });

  it('the same routes answer a manager (so the 401s above are the token check, not a broken route)', async () => {
    for (const [method, path] of routes.filter(([m, p]) => m === 'GET' && p.startsWith('/api/'))) {
      if (path === '/api/live') continue; // a WebSocket: an upgrade, not a plain GET
      expect((await call(method, path, TOKENS.manager)).statusCode, `${method} ${path}`).toBe(200);
    }
  });

  it('a camera token reads nothing, and pushes only its own camera', async () => {
    for (const [method, path] of routes.filter(([m, p]) => m === 'GET' && p.startsWith('/api/'))) {
      if (path === '/api/health') continue;
      expect((await call(method, path, TOKENS.camera)).statusCode, `${method} ${path}`).toBe(401);
    }
    expect((await call('GET', '/metrics', TOKENS.camera)).statusCode).toBe(401);
    expect((await call('POST', '/api/cameras/:id/frames', TOKENS.camera)).statusCode).toBe(202);
    const other = store.cameras[1]?.id as string;
    const r = await app.inject({
      method: 'POST',
      url: `/api/cameras/${other}/frames`,
      headers: { authorization: `Bearer ${TOKENS.camera}`, 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    });
    expect(r.statusCode).toBe(403);
  });

  it('a manager token may call no mutating method, and reads no metrics', async () => {
    const mutating = routes.filter(([m]) => MUTATING.includes(m));
    for (const [method, path] of mutating) {
      const status = (await call(method, path, TOKENS.manager)).statusCode;
      expect([401, 403], `${method} ${path}`).toContain(status);
    }
    // Methods the server does not route are not a way in either.
    for (const method of MUTATING)
      for (const path of ['/api/stores', '/api/stores/:id/layout', '/metrics'])
        expect(
          (await call(method, path, TOKENS.manager)).statusCode,
          `${method} ${path}`,
        ).toBeGreaterThanOrEqual(400);
    expect((await call('GET', '/metrics', TOKENS.manager)).statusCode).toBe(401);
    expect((await call('GET', '/%6detrics', TOKENS.manager)).statusCode).toBe(401);
    expect((await call('GET', '/metrics', TOKENS.admin)).statusCode).toBe(200);
  });

  it('serves the twin’s files without a token (they hold no store data)', async () => {
    expect((await call('GET', '/*')).statusCode).toBe(200);
  });
});
