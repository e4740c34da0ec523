import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import { LiveEngine, type LiveOptions } from '../../engine/live/index.ts';
import type { Vision } from '../../engine/vision/index.ts';
import { thrown } from '../thrown.ts';
import { collectingSink, liveStore, PRIVACY, TestClock } from './fixtures.ts';

// The engine's queues, counts and metrics, without the models: the frames here never decode, so
// the vision is never asked.

const noVision = {} as Vision;

function engine(o: Partial<LiveOptions> = {}) {
  const out = collectingSink();
  const errors: string[] = [];
  const e = new LiveEngine({
    store: liveStore(),
    privacy: PRIVACY,
    vision: noVision,
    cameras: [{ id: 'cam-push', source: { kind: 'push' }, queue: 2 }],
    sink: out.sink,
    clock: new TestClock(),
    healthEveryS: 0,
    onError: (err) => errors.push(err.message),
    ...o,
  });
  return { engine: e, events: out.events, errors };
}

describe('live engine queues and metrics', () => {
  it('drops the oldest frames of a full queue, wipes them, counts them and reports them in health', async () => {
    const { engine: e, errors } = engine();
    // Not started: frames wait in the queue of 2.
    const frames = [1, 2, 3, 4].map((n) => Uint8Array.from([0xff, 0xd8, n, n, n]));
    const stats = frames.map((f) => e.push('cam-push', f));
    expect(stats.at(-1)).toEqual({ capacity: 2, in: 4, out: 0, dropped: 2, queued: 2 });
    expect(frames.map((f) => f.every((b) => b === 0))).toEqual([true, true, false, false]);
    e.start();
    await e.idle();
    // The two kept were processed (and, not being JPEGs, rejected and wiped).
    expect(frames.every((f) => f.every((b) => b === 0))).toBe(true);
    expect(errors.length).toBe(2);
    // Every JPEG's life was timed, from receipt to its wipe: the two dropped and the two rejected.
    const { encoded, detection, frame } = e.stats().lifetimes;
    expect([encoded.count, detection.count, frame.count]).toEqual([4, 0, 0]);
    const metrics = await e.registry.metrics();
    expect(metrics).toMatch(/varv_frames_in_total\{store="live-shop",camera="cam-push"\} 4/);
    expect(metrics).toMatch(/varv_frames_dropped_total\{store="live-shop",camera="cam-push"\} 2/);
    expect(metrics).toMatch(/varv_frames_bad_total\{store="live-shop",camera="cam-push"\} 2/);
    expect(metrics).toMatch(/varv_frame_queue_depth\{store="live-shop",camera="cam-push"\} 0/);
    const [camera, all] = await e.reportHealth();
    expect(camera).toMatchObject({ source: 'cam-push', status: 'degraded', framesIn: 4, framesDropped: 2 });
    expect(camera?.message).toMatch(/^2 frames dropped, 2 bad frames since the last report; last error: /);
    expect(all).toMatchObject({ source: 'engine', status: 'degraded', framesIn: 4, framesDropped: 2 });
    await e.stop();
    // After stop, frames are refused (and wiped) rather than queued.
    const late = Uint8Array.from([0xff, 0xd8, 9]);
    e.push('cam-push', late);
    expect(late.every((b) => b === 0)).toBe(true);
  });

  it('lets engines of two stores share one registry, each labelled by its store', async () => {
    const registry = new Registry();
    const a = engine({ registry });
    const other = { ...liveStore(), id: 'other-shop' };
    const b = engine({ registry, store: other });
    a.engine.push('cam-push', new Uint8Array([1]));
    b.engine.push('cam-push', new Uint8Array([2]));
    b.engine.push('cam-push', new Uint8Array([3]));
    const text = await registry.metrics();
    expect(text).toMatch(/varv_frames_in_total\{store="live-shop",camera="cam-push"\} 1/);
    expect(text).toMatch(/varv_frames_in_total\{store="other-shop",camera="cam-push"\} 2/);
    expect(text).toMatch(/varv_frame_queue_depth\{store="other-shop",camera="cam-push"\} 2/);
    await Promise.all([a.engine.stop(), b.engine.stop()]);
  });

  it('refuses cameras the store does not have, cameras given twice, and pushes to a camera that is not a push camera', () => {
    expect(thrown(() => engine({ cameras: [{ id: 'cam-x', source: { kind: 'push' } }] }))).toMatchObject({
      code: 'E_CONFIG',
      message: 'live camera "cam-x" is not a camera of store "live-shop"',
    });
    const twice = [
      { id: 'cam-push', source: { kind: 'push' } },
      { id: 'cam-push', source: { kind: 'push' } },
    ] as const;
    expect(thrown(() => engine({ cameras: twice }))).toMatchObject({
      code: 'E_CONFIG',
      message: /configured twice/,
    });
    const { engine: e } = engine({
      cameras: [{ id: 'cam-folder', source: { kind: 'folder', dir: '/nonexistent' } }],
    });
    expect(e.accepts('cam-folder')).toBe(false);
    expect(e.accepts('cam-push')).toBe(false);
    const err = thrown(() => e.push('cam-folder', new Uint8Array([1])));
    expect(err).toBeInstanceOf(VarvError);
    expect(err.message).toMatch(/does not take pushed frames/);
  });

  it('numbers events on from firstSeq', async () => {
    const { engine: e, events } = engine({ firstSeq: 41 });
    const health = await e.reportHealth();
    expect(health.map((h) => h.seq)).toEqual([41, 42]);
    expect(e.nextSeq).toBe(43);
    expect(events).toEqual(health);
  });
});
