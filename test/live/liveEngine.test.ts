import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvError } from '../../engine/errors.ts';
import { parseEvent, type SightingV1 } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { buildServer, type LiveSource } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { Vision } from '../../engine/vision/index.ts';
import { collectingSink, liveStore, PRIVACY, sampleJpeg, T0, TestClock } from './fixtures.ts';

// The real models on the face-api sample photographs, pushed over HTTP into the live engine.
// sample1 shows three women at 27 %, 49 % and 82 % of the width; sample3 three at 36 %, 62 % and 82 %.

let vision: Vision;
let sample1: Buffer;
let sample3: Buffer;
let empty: Buffer;

beforeAll(async () => {
  vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
  [sample1, sample3] = await Promise.all([sampleJpeg(1), sampleJpeg(3)]);
  empty = await sharp({ create: { width: 640, height: 426, channels: 3, background: '#c0c0c0' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => vision.release());

const sightings = (events: readonly { type: string }[]) =>
  events.filter((e): e is SightingV1 => e.type === 'sighting');

function engineFor(clock: TestClock, errors: { error: VarvError; camera?: string }[] = []) {
  const out = collectingSink();
  const engine = new LiveEngine({
    store: liveStore(),
    privacy: PRIVACY,
    vision,
    cameras: [{ id: 'cam-push', source: { kind: 'push' } }],
    tracker: { maxMissed: 1 },
    sink: out.sink,
    clock,
    healthEveryS: 0,
    onError: (error, camera) => errors.push({ error, camera }),
  });
  return { engine, events: out.events };
}

describe('live engine: JPEGs pushed over HTTP', () => {
  it('become sighting events with zones: one embedding per face per track, re-sightings every repeatAfter', async () => {
    const clock = new TestClock();
    const { engine, events } = engineFor(clock);
    const auth = new TokenAuth([{ token: 'push-token', role: 'camera', camera: 'cam-push' }]);
    const source = { mode: 'live', stores: () => [], now: () => clock.now() } as unknown as LiveSource;
    const app = await buildServer({ source, auth, cameras: engine });
    engine.start();
    const push = async (jpeg: Buffer) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/cameras/cam-push/frames',
        payload: Buffer.from(jpeg),
        headers: { 'content-type': 'image/jpeg', authorization: 'Bearer push-token' },
      });
      expect(r.statusCode).toBe(202);
      await engine.idle();
      clock.advance(200);
    };
    try {
      // Three frames of the same scene: three faces, embedded once each, sighted once.
      for (let i = 0; i < 3; i++) await push(sample1);
      const first = sightings(events);
      expect(first.length).toBe(3);
      // 11 s later, still in view: sighted again, with the groups they had (no new embedding).
      clock.advance(11_000);
      await push(sample1);
      const again = sightings(events).slice(3);
      expect(again.length).toBe(3);
      expect(again.map((e) => e.group).sort()).toEqual(first.map((e) => e.group).sort());
      // The scene empties: after maxMissed (1) frames without them, the tracks end.
      for (let i = 0; i < 2; i++) await push(empty);
      expect(sightings(events).length).toBe(6);
      // Another scene: three new tracks, three new embeddings.
      await push(sample3);
      const all = sightings(events);
      expect(all.length).toBe(9);

      for (const [i, e] of all.entries()) {
        expect(parseEvent(e).ok).toBe(true);
        expect(e).toMatchObject({
          store: 'live-shop',
          camera: 'cam-push',
          cameraClass: 'entrance',
          interval: 'morning',
        });
        expect(e.seq).toBe(i);
        expect(['man', 'woman', undefined]).toContain(e.attrs?.gender);
      }
      // Zones through the camera's reference: left or right of 55 % of the image's width.
      for (const batch of [all.slice(0, 3), all.slice(3, 6)])
        expect(batch.map((e) => e.zone).sort()).toEqual(['left', 'left', 'right']);
      expect(
        all
          .slice(6, 9)
          .map((e) => e.zone)
          .sort(),
      ).toEqual(['left', 'right', 'right']);
      expect(all.slice(0, 3).every((e) => e.t === T0)).toBe(true);
      expect(all.slice(3, 6).every((e) => e.t === T0 + 600 + 11_000)).toBe(true);

      const metrics = await engine.registry.metrics();
      expect(metrics).toMatch(/varv_frames_in_total\{store="live-shop",camera="cam-push"\} 7/);
      expect(metrics).toMatch(/varv_frames_processed_total\{store="live-shop",camera="cam-push"\} 7/);
      expect(metrics).toMatch(/varv_faces_embedded_total\{store="live-shop",camera="cam-push"\} 6/);
      expect(metrics).toMatch(/varv_sightings_total\{store="live-shop",camera="cam-push"\} 9/);

      // Every frame was searched on a small detection frame; only the two with new faces were
      // decoded at full size; six faces were cut, described and wiped, one at a time.
      const { lifetimes } = engine.stats();
      expect(
        [lifetimes.encoded, lifetimes.detection, lifetimes.frame, lifetimes.crop, lifetimes.embedding].map(
          (l) => l.count,
        ),
      ).toEqual([7, 7, 2, 6, 6]);
      // Health: frames in, none dropped, the full-size frame lifetimes of this camera.
      const health = await engine.reportHealth();
      expect(
        health.map((h) => [h.source, h.status, h.framesIn, h.framesDropped, h.pixelLifetimeMs.count]),
      ).toEqual([
        ['cam-push', 'ok', 7, 0, 2],
        ['engine', 'ok', 7, 0, 2],
      ]);
      expect(health.map((h) => h.seq)).toEqual([9, 10]);
      expect(events.slice(-2)).toEqual(health);
    } finally {
      await engine.stop();
      await app.close();
    }
  });

  it('never carries a group across a day interval: a face still in view at 11:00 is embedded afresh and sighted in "lunch"', async () => {
    const clock = new TestClock(Date.parse('2026-06-02T08:59:59.900Z')); // 10:59:59.9 in Stockholm
    const { engine, events } = engineFor(clock);
    engine.start();
    try {
      engine.push('cam-push', Uint8Array.from(sample1));
      await engine.idle();
      clock.advance(200);
      engine.push('cam-push', Uint8Array.from(sample1));
      await engine.idle();
      const all = sightings(events);
      expect(all.map((e) => e.interval)).toEqual([
        'morning',
        'morning',
        'morning',
        'lunch',
        'lunch',
        'lunch',
      ]);
      expect(await engine.registry.metrics()).toMatch(
        /varv_faces_embedded_total\{store="live-shop",camera="cam-push"\} 6/,
      );
      // The tracks went on (no new track), yet each got a new embedding for the new interval.
      expect(engine.stats().cameras[0]?.tracks).toBe(3);
    } finally {
      await engine.stop();
    }
  });

  it('rejects corrupt, truncated, empty and 50-megapixel frames with clear errors, wipes them, and goes on', async () => {
    const clock = new TestClock();
    const errors: { error: VarvError; camera?: string }[] = [];
    const { engine, events } = engineFor(clock, errors);
    engine.start();
    const huge = await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const bad = {
      corrupt: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('this is not really a JPEG at all')]),
      truncated: Uint8Array.from(sample1.subarray(0, sample1.length >> 1)),
      empty: new Uint8Array(0),
      huge: Uint8Array.from(huge),
    };
    for (const bytes of Object.values(bad)) {
      engine.push('cam-push', bytes);
      await engine.idle();
      clock.advance(100);
    }
    engine.push('cam-push', Uint8Array.from(sample1));
    await engine.idle();
    try {
      expect(errors.map((e) => e.camera)).toEqual(['cam-push', 'cam-push', 'cam-push', 'cam-push']);
      const messages = errors.map((e) => e.error.message);
      for (const m of messages)
        expect(m).toMatch(
          /^camera cam-push: the frame received at 2026-06-02T07:00:0\d\.\d+Z was rejected: /,
        );
      expect(messages[0]).toMatch(/cannot decode the image \(36 bytes\)/);
      expect(messages[1]).toMatch(/cannot decode the image/);
      expect(messages[2]).toMatch(/empty image/);
      expect(messages[3]).toMatch(/pixel limit/);
      expect(errors.every((e) => e.error.code === 'E_IMAGE')).toBe(true);
      // Nothing of a bad frame is kept: its bytes are wiped.
      for (const bytes of Object.values(bad)) expect(bytes.every((b) => b === 0)).toBe(true);
      // The good frame after them still yields its three sightings.
      expect(sightings(events).length).toBe(3);
      expect(await engine.registry.metrics()).toMatch(
        /varv_frames_bad_total\{store="live-shop",camera="cam-push"\} 4/,
      );
      const [camera] = await engine.reportHealth();
      expect(camera).toMatchObject({ status: 'degraded', framesIn: 5 });
      expect(camera?.message).toMatch(
        /^4 bad frames since the last report; last error: camera cam-push: .*pixel limit/,
      );
      expect(camera?.message?.length).toBeLessThanOrEqual(300);
      const [calm] = await engine.reportHealth();
      expect(calm).toMatchObject({ status: 'ok' });
      expect(calm?.message).toBeUndefined();
    } finally {
      await engine.stop();
    }
  });
});
