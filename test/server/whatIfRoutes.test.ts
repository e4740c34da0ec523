import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import type { WhatIfJobView, WhatIfService, WhatIfStart } from '../../engine/server/whatIf.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { T0, testStore } from '../analytics/fixtures.ts';
import { HOOK_MS, memoryStore } from '../services.ts';

// The what-if routes the twin's edit mode calls, over a stand-in service: only an admin may use
// them (a manager token is read-only: 403; no token or a camera's: 401), the variant is checked
// before it is queued, and the service's errors come back with their HTTP status.
const TOKENS = { manager: 'manager-secret', admin: 'admin-secret', camera: 'camera-secret' };
const store = testStore();

class FakeService implements WhatIfService {
  started: WhatIfStart[] = [];
  cancelled: string[] = [];
  busy = false;
  defaults(id: string) {
    return id === store.id
      ? {
          store: id,
          baseline: 'base.json',
          day: { start: '08:00', end: '20:00' },
          window: { start: '12:00', end: '13:00' },
          seeds: 4,
          maxSeeds: 20,
          maxMinutes: 720,
        }
      : null;
  }
  check(id: string, patch: unknown) {
    if (id !== store.id) throw new VarvError('E_NOT_FOUND', `no store "${id}"`);
    const bad = JSON.stringify(patch).includes('bad');
    return bad
      ? {
          ok: false,
          issues: [
            {
              path: 'obstacles[0].polygon',
              rule: 'no-overlap',
              message: 'overlaps',
              element: { kind: 'obstacle' as const, id: 'bad' },
            },
          ],
        }
      : { ok: true, issues: [] };
  }
  start(id: string, request: WhatIfStart): WhatIfJobView {
    if (this.busy) throw new VarvError('E_WHATIF_BUSY', 'busy');
    if (request.seeds === 1) throw new VarvError('E_USAGE', 'seeds');
    this.started.push(request);
    return this.view(id);
  }
  job(id: string) {
    return id === 'job-1' ? this.view(store.id) : null;
  }
  cancel(id: string) {
    if (id !== 'job-1') return false;
    this.cancelled.push(id);
    return true;
  }
  async close() {}
  private view(id: string): WhatIfJobView {
    return {
      id: 'job-1',
      store: id,
      name: 'v',
      state: 'queued',
      done: 0,
      total: 4,
      seeds: [1, 2],
      window: { start: '12:00', end: '13:00' },
      patch: [],
    };
  }
}

describe('the what-if routes', () => {
  let db: EventStore;
  let app: FastifyInstance;
  let plain: FastifyInstance;
  const service = new FakeService();
  beforeAll(async () => {
    db = await memoryStore();
    const o = {
      source: new StoreSource({ mode: 'live', stores: [{ layout: store }], events: db, now: () => T0 }),
      auth: new TokenAuth([
        { token: TOKENS.manager, role: 'manager' },
        { token: TOKENS.admin, role: 'admin' },
        { token: TOKENS.camera, role: 'camera', camera: store.cameras[0]?.id as string },
      ]),
    } as const;
    app = await buildServer({ ...o, whatIf: service });
    plain = await buildServer(o);
    await Promise.all([app.ready(), plain.ready()]);
  }, HOOK_MS);
  afterAll(async () => {
    await app?.close();
    await plain?.close();
    await db?.close();
  });

  const call = (method: string, url: string, token?: string, body?: unknown, on = app) =>
    on.inject({
      method: method as 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  const routes: [string, string, unknown?][] = [
    ['GET', `/api/stores/${store.id}/whatif`],
    ['POST', `/api/stores/${store.id}/variants/check`, { patch: [] }],
    ['POST', `/api/stores/${store.id}/whatif`, { patch: [] }],
    ['GET', '/api/whatif/job-1'],
    ['DELETE', '/api/whatif/job-1'],
  ];

  it('answers only an admin: 401 without a token or with a camera’s, 403 for a manager', async () => {
    for (const [method, url, body] of routes) {
      expect((await call(method, url, undefined, body)).statusCode, `${method} ${url}`).toBe(401);
      expect((await call(method, url, TOKENS.camera, body)).statusCode, `${method} ${url}`).toBe(401);
      const r = await call(method, url, TOKENS.manager, body);
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json().error).toMatch(/admin token/);
    }
    expect(service.started).toEqual([]);
    expect(service.cancelled).toEqual([]);
  });

  it('says who the caller is and whether what-ifs run here', async () => {
    expect((await call('GET', '/api/me', TOKENS.admin)).json()).toEqual({ role: 'admin', whatIf: true });
    expect((await call('GET', '/api/me', TOKENS.manager)).json()).toEqual({ role: 'manager', whatIf: true });
    expect((await call('GET', '/api/me', TOKENS.admin, undefined, plain)).json()).toEqual({
      role: 'admin',
      whatIf: false,
    });
    expect((await call('GET', '/api/me')).statusCode).toBe(401);
  });

  it('gives an admin the defaults, the check, a queued job (202) and its progress, and cancels it', async () => {
    expect((await call('GET', `/api/stores/${store.id}/whatif`, TOKENS.admin)).json()).toMatchObject({
      seeds: 4,
      window: { start: '12:00', end: '13:00' },
    });
    expect((await call('GET', '/api/stores/elsewhere/whatif', TOKENS.admin)).statusCode).toBe(404);
    const check = await call('POST', `/api/stores/${store.id}/variants/check`, TOKENS.admin, {
      patch: ['bad'],
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ ok: false, issues: [{ element: { id: 'bad' } }] });
    const start = await call('POST', `/api/stores/${store.id}/whatif`, TOKENS.admin, {
      patch: [{ op: 'openTill', id: 't' }],
      seeds: 2,
      window: { start: '12:00', end: '12:10' },
      name: 'v',
    });
    expect(start.statusCode).toBe(202);
    expect(start.json().id).toBe('job-1');
    expect(service.started).toEqual([
      { patch: [{ op: 'openTill', id: 't' }], seeds: 2, window: { start: '12:00', end: '12:10' }, name: 'v' },
    ]);
    expect((await call('GET', '/api/whatif/job-1', TOKENS.admin)).json().state).toBe('queued');
    expect((await call('GET', '/api/whatif/job-2', TOKENS.admin)).statusCode).toBe(404);
    expect((await call('DELETE', '/api/whatif/job-1', TOKENS.admin)).statusCode).toBe(200);
    expect(service.cancelled).toEqual(['job-1']);
    expect((await call('DELETE', '/api/whatif/job-2', TOKENS.admin)).statusCode).toBe(404);
  });

  it('does not queue an invalid variant (400 with its issues), and maps the service’s errors', async () => {
    const n = service.started.length;
    const invalid = await call('POST', `/api/stores/${store.id}/whatif`, TOKENS.admin, { patch: ['bad'] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().issues).toHaveLength(1);
    expect(service.started).toHaveLength(n);
    expect((await call('POST', '/api/stores/elsewhere/whatif', TOKENS.admin, { patch: [] })).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', `/api/stores/${store.id}/whatif`, TOKENS.admin, { patch: [], seeds: 1 }))
        .statusCode,
    ).toBe(400);
    service.busy = true;
    expect(
      (await call('POST', `/api/stores/${store.id}/whatif`, TOKENS.admin, { patch: [] })).statusCode,
    ).toBe(429);
    service.busy = false;
  });

  it('registers no what-if route without a service', async () => {
    for (const [method, url, body] of routes)
      expect((await call(method, url, TOKENS.admin, body, plain)).statusCode, `${method} ${url}`).toBe(404);
  });
});
