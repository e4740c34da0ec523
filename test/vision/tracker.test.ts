import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Box, FaceTracker } from '../../engine/vision/index.ts';

const box = (x: number, y: number, size = 40): Box => ({ x, y, width: size, height: size });

describe('FaceTracker', () => {
  it('follows a face moving a little each frame as one track, born once', () => {
    const tracker = new FaceTracker<string>();
    const ids = new Set<number>();
    for (let f = 0; f < 20; f++) {
      const u = tracker.update([box(100 + 4 * f, 50)]);
      expect(u.born).toEqual([f === 0]);
      ids.add((u.tracks[0] as { id: number }).id);
      if (f === 0) (u.tracks[0] as { data: string | undefined }).data = 'group 7';
      expect(u.tracks[0]?.data).toBe('group 7');
    }
    expect(ids.size).toBe(1);
  });

  it('keeps two faces apart, matching each to the box it overlaps most', () => {
    const tracker = new FaceTracker();
    const first = tracker.update([box(0, 0), box(200, 0)]).tracks.map((t) => t.id);
    // Given in the other order and moved a little: each keeps its own track.
    const next = tracker.update([box(205, 3), box(6, 2)]).tracks.map((t) => t.id);
    expect(next).toEqual([first[1], first[0]]);
  });

  it('lets a track miss up to maxMissed frames, then ends it once', () => {
    const tracker = new FaceTracker({ maxMissed: 2 });
    const id = tracker.update([box(10, 10)]).tracks[0]?.id;
    expect(tracker.update([]).lost).toEqual([]);
    expect(tracker.update([]).lost).toEqual([]);
    expect(tracker.update([box(12, 10)]).tracks[0]?.id).toBe(id); // back within 2 missed frames
    tracker.update([]);
    tracker.update([]);
    const ended = tracker.update([]).lost;
    expect(ended.map((t) => t.id)).toEqual([id]);
    expect(tracker.tracks).toEqual([]);
    const again = tracker.update([box(12, 10)]);
    expect(again.born).toEqual([true]);
    expect(again.tracks[0]?.id).not.toBe(id);
  });

  it('starts a new track for a box that overlaps no track enough', () => {
    const tracker = new FaceTracker({ minIou: 0.5 });
    const a = tracker.update([box(0, 0)]).tracks[0]?.id;
    const u = tracker.update([box(20, 0)]); // IoU 1/3
    expect(u.born).toEqual([true]);
    expect(u.tracks[0]?.id).not.toBe(a);
  });

  it('for any frames: one distinct track per box, new ids only for births, and an ended track never returns', () => {
    const frames = fc.array(
      fc.array(
        fc.record({
          x: fc.integer({ min: 0, max: 300 }),
          y: fc.integer({ min: 0, max: 300 }),
          s: fc.integer({ min: 10, max: 80 }),
        }),
        { maxLength: 6 },
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(frames, fc.integer({ min: 0, max: 4 }), (sequence, maxMissed) => {
        const tracker = new FaceTracker({ maxMissed });
        const ended = new Set<number>();
        let maxId = 0;
        for (const boxes of sequence) {
          const u = tracker.update(boxes.map((b) => box(b.x, b.y, b.s)));
          const ids = u.tracks.map((t) => t.id);
          expect(ids.length).toBe(boxes.length);
          expect(new Set(ids).size).toBe(ids.length);
          for (const [i, t] of u.tracks.entries()) {
            expect(ended.has(t.id)).toBe(false);
            if (u.born[i]) {
              expect(t.id).toBeGreaterThan(maxId);
              maxId = t.id;
            } else expect(t.id).toBeLessThanOrEqual(maxId);
            expect(t.box).toEqual(box(boxes[i]?.x as number, boxes[i]?.y as number, boxes[i]?.s));
          }
          for (const t of u.lost) {
            expect(ids).not.toContain(t.id);
            expect(t.missed).toBe(maxMissed + 1);
            ended.add(t.id);
          }
          expect(tracker.tracks.every((t) => t.missed <= maxMissed)).toBe(true);
        }
      }),
    );
  });
});
