import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvError } from '../../engine/errors.ts';
import type { SightingV1 } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { buildServer, type LiveSource } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { Vision } from '../../engine/vision/index.ts';
import { collectingSink, liveStore, PRIVACY, sampleJpeg, TestClock } from '../live/fixtures.ts';

// Fuzzing the camera push endpoint (issue #10): random bytes, JPEG-looking garbage, wrong content
// types, wrong or missing tokens, other cameras, oversized bodies. Every request gets a 4xx with a
// JSON error that says what is wrong, or a 202 (then the engine reports a bad frame); nothing
// crashes, the server answers the next request, and a real frame afterwards still becomes
// sightings with the next sequence numbers (nothing accepted is lost or counted twice).

const LIMIT = 64 * 1024;
const TOKEN = 'push-token';

let vision: Vision;
beforeAll(async () => {
  vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
});
afterAll(() => vision?.release());

const body = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  // Starts like a JPEG (SOI + a marker), then noise.
  fc.uint8Array({ maxLength: 2048 }).map((b) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...b])),
  // A JPEG that ends where it should, with nothing valid between.
  fc.uint8Array({ maxLength: 512 }).map((b) => Uint8Array.from([0xff, 0xd8, ...b, 0xff, 0xd9])),
  // Over the body limit.
  fc.integer({ min: LIMIT + 1, max: LIMIT * 3 }).map((n) => new Uint8Array(n).fill(0xff)),
);
const contentType = fc.constantFrom(
  'image/jpeg',
  'image/png',
  'application/json',
  'text/plain',
  '',
  'image/jpeg; charset=x',
);
const token = fc.constantFrom(
  `Bearer ${TOKEN}`,
  'Bearer wrong',
  '',
  'Bearer ',
  `Bearer ${TOKEN}x`,
  'Basic abc',
);
const camera = fc.constantFrom('cam-push', 'cam-file', 'no-such-camera', '..%2F..', 'cam-push%00');

describe('the camera push endpoint under fuzzing', () => {
  it('answers every malformed push with a clear 4xx or takes it as a bad frame, keeps running, and loses nothing afterwards', async () => {
    const clock = new TestClock();
    const out = collectingSink();
    const errors: VarvError[] = [];
    const engine = new LiveEngine({
      store: liveStore(),
      privacy: PRIVACY,
      vision,
      cameras: [{ id: 'cam-push', source: { kind: 'push' } }],
      sink: out.sink,
      clock,
      healthEveryS: 0,
      bodyLimit: LIMIT,
      onError: (e) => errors.push(e),
    });
    const auth = new TokenAuth([{ token: TOKEN, role: 'camera', camera: 'cam-push' }]);
    const source = { mode: 'live', stores: () => [], now: () => clock.now() } as unknown as LiveSource;
    const app = await buildServer({ source, auth, cameras: engine, rateLimit: false });
    engine.start();
    let accepted = 0;
    try {
      await fc.assert(
        fc.asyncProperty(body, contentType, token, camera, async (b, type, auth, cam) => {
          const r = await app.inject({
            method: 'POST',
            url: `/api/cameras/${cam}/frames`,
            payload: Buffer.from(b),
            headers: { ...(type ? { 'content-type': type } : {}), ...(auth ? { authorization: auth } : {}) },
          });
          if (r.statusCode === 202) {
            accepted++;
            return;
          }
          expect(r.statusCode).toBeGreaterThanOrEqual(400);
          expect(r.statusCode).toBeLessThan(500);
          const error = (r.json() as { error?: unknown; message?: unknown }).error ?? r.json().message;
          expect(typeof error).toBe('string');
          expect((error as string).length).toBeGreaterThan(5);
        }),
        { numRuns: 150, seed: 20261129 },
      );
      // The body alone fuzzed, with the right camera, token and type: these reach the engine.
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const r = await app.inject({
            method: 'POST',
            url: '/api/cameras/cam-push/frames',
            payload: Buffer.from(b),
            headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${TOKEN}` },
          });
          if (r.statusCode === 202) accepted++;
          else expect([400, 413]).toContain(r.statusCode);
        }),
        { numRuns: 60, seed: 1129 },
      );
      expect(accepted).toBeGreaterThan(10);
      await engine.idle();
      // Whatever got through was a bad frame: counted, reported, no sighting from noise.
      expect(out.events.filter((e) => e.type === 'sighting')).toEqual([]);
      // (A frame that waited while the queue overflowed was dropped instead, and counted as such.)
      const queue = engine.stats().cameras[0]?.queue;
      expect(queue?.in).toBe(accepted);
      expect(errors.length + (queue?.dropped ?? 0)).toBe(accepted);
      for (const e of errors) expect(e.code).toBe('E_IMAGE');

      // A real frame afterwards: the engine still works, sequence numbers start at 0 without gaps.
      const r = await app.inject({
        method: 'POST',
        url: '/api/cameras/cam-push/frames',
        payload: await sampleJpeg(1),
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${TOKEN}` },
      });
      expect(r.statusCode).toBe(202);
      await engine.idle();
      const sightings = out.events.filter((e): e is SightingV1 => e.type === 'sighting');
      expect(sightings.length).toBe(3);
      expect(out.events.map((e) => e.seq)).toEqual(out.events.map((_, i) => i));
    } finally {
      await engine.stop();
      await app.close();
    }
  }, 180_000);
});
