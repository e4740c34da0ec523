import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, startServing } from '../../bin/commands/serve.ts';
import { loadServeConfig } from '../../bin/commands/serveConfig.ts';
import type { SightingV1 } from '../../engine/events/index.ts';

// `varv serve`: the whole in-store server from a configuration file — a camera pushes JPEGs with
// its own token, the live engine turns the faces into sightings in the event store, and a manager
// reads them back through the same API the twin uses. The real models, the real server.

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
const CAMERA_TOKEN = 'entrance-camera-token';
const MANAGER_TOKEN = 'manager-token';
const ADMIN_TOKEN = 'admin-token';

describe('varv serve', () => {
  let serving: Serving;
  beforeAll(async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('out/test-serve', { recursive: true });
    const config = resolve('out/test-serve/serve.json');
    writeFileSync(
      config,
      JSON.stringify({
        format: 'varv.serve/1',
        listen: { port: 0 },
        database: { dir: 'memory://' },
        uplink: {},
        tokens: [
          { env: 'TEST_MANAGER_TOKEN', role: 'manager' },
          { token: CAMERA_TOKEN, role: 'camera', camera: 'cam-entrance' },
          { token: ADMIN_TOKEN, role: 'admin' },
        ],
        stores: [
          {
            layout: resolve('scenarios/stores/demo-grocery.json'),
            privacy: {
              groups: 256,
              consistency: 0.5,
              intervals: ['06:00', '11:00', '14:00'],
              key: 'cd'.repeat(32),
            },
            cameras: [{ id: 'cam-entrance', source: { kind: 'push' } }],
          },
        ],
      }),
    );
    serving = await startServing(loadServeConfig(config), { env: { TEST_MANAGER_TOKEN: MANAGER_TOKEN } });
  }, 120_000);
  afterAll(async () => serving?.close());

  const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, serving.url), init);

  it('takes JPEGs pushed by a camera with its own token and turns the faces into sightings a manager can read', async () => {
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const jpeg = readFileSync(join(demo, 'sample1.jpg'));
    const push = (token: string, camera = 'cam-entrance') =>
      api(`/api/cameras/${camera}/frames`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
        body: jpeg,
      });
    expect((await push(MANAGER_TOKEN)).status).toBe(403);
    expect((await push(CAMERA_TOKEN, 'cam-exit')).status).toBe(403);
    const accepted = await push(CAMERA_TOKEN);
    expect(accepted.status).toBe(202);
    // A camera token reads nothing.
    expect((await api('/api/stores', { headers: { authorization: `Bearer ${CAMERA_TOKEN}` } })).status).toBe(
      401,
    );

    await serving.engines[0]?.idle();
    const held = (await serving.events.events('demo-grocery', { types: ['sighting'] })) as SightingV1[];
    expect(held.length).toBeGreaterThanOrEqual(2);
    for (const s of held) {
      expect(s.camera).toBe('cam-entrance');
      expect(s.cameraClass).toBe('entrance');
      expect(s.zone.length).toBeGreaterThan(0);
      expect(s.group).toBeLessThan(256);
    }
    expect(new Set(held.map((s) => s.seq)).size).toBe(held.length);

    const r = await api('/api/stores', { headers: { authorization: `Bearer ${MANAGER_TOKEN}` } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { mode: string; stores: { id: string }[] };
    expect(body.mode).toBe('live');
    expect(body.stores.map((s) => s.id)).toEqual(['demo-grocery']);
  }, 120_000);

  it("publishes the engine's frame lifetimes on /metrics, for an admin only", async () => {
    expect((await api('/metrics', { headers: { authorization: `Bearer ${MANAGER_TOKEN}` } })).status).toBe(
      401,
    );
    const r = await api('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(r.status).toBe(200);
    const text = await r.text();
    // The frame pushed above lived, was wiped, and was counted: in the histogram of buffer lifetimes.
    const frames = /varv_buffer_lifetime_seconds_count\{[^}]*buffer="frame"[^}]*\} (\d+)/.exec(text);
    expect(Number(frames?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/varv_frame_to_event_seconds_count/);
    // The uplink's side: the outbox's size is published too.
    expect(text).toMatch(/varv_outbox_pending/);
  });
});
