import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SightingV1 } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { VisionWorkers } from '../../engine/vision/index.ts';
import { collectingSink, liveStore, PRIVACY, sampleJpeg, TestClock } from './fixtures.ts';

// The live engine with its vision in two worker threads: the same sightings as in one thread
// (see liveEngine.test.ts), every buffer's lifetime still counted.

let workers: VisionWorkers;
beforeAll(async () => {
  workers = await VisionWorkers.open({ workers: 2 });
}, 60_000);
afterAll(() => workers.release());

describe('live engine with VisionWorkers', () => {
  it('turns pushed frames into the same sightings, with zones, and counts every lifetime', async () => {
    const clock = new TestClock();
    const out = collectingSink();
    const engine = new LiveEngine({
      store: liveStore(),
      privacy: PRIVACY,
      vision: workers,
      cameras: [{ id: 'cam-push', source: { kind: 'push' } }],
      tracker: { maxMissed: 1 },
      sink: out.sink,
      clock,
      healthEveryS: 0,
    });
    const [sample1, sample3] = await Promise.all([sampleJpeg(1), sampleJpeg(3)]);
    engine.start();
    try {
      for (const jpeg of [sample1, sample1, sample3, sample3, sample3]) {
        const bytes = Uint8Array.from(jpeg);
        engine.push('cam-push', bytes);
        await engine.idle();
        // Wiped once processed.
        expect(bytes.every((b) => b === 0)).toBe(true);
        clock.advance(200);
      }
      const sightings = out.events.filter((e): e is SightingV1 => e.type === 'sighting');
      // sample1's three faces, then (their tracks ended) sample3's three.
      expect(sightings.length).toBe(6);
      expect(
        sightings
          .slice(0, 3)
          .map((e) => e.zone)
          .sort(),
      ).toEqual(['left', 'left', 'right']);
      expect(
        sightings
          .slice(3)
          .map((e) => e.zone)
          .sort(),
      ).toEqual(['left', 'right', 'right']);
      expect(sightings.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5]);
      const { lifetimes } = engine.stats();
      expect(
        [lifetimes.encoded, lifetimes.detection, lifetimes.frame, lifetimes.crop, lifetimes.embedding].map(
          (l) => l.count,
        ),
      ).toEqual([5, 5, 2, 6, 6]);
    } finally {
      await engine.stop();
    }
  });
});
