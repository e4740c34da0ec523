import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EncodedFrame,
  FolderReplay,
  FrameQueue,
  type SourceTarget,
} from '../../engine/capture/index.ts';
import { ManualClock } from '../../engine/clock.ts';
import type { VarvError } from '../../engine/errors.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'varv-folder-'));
  // Not JPEGs, just recognisable bytes: the replay reads files, the engine decodes them.
  for (const name of ['frame-10.jpg', 'frame-2.jpg', 'frame-1.JPG', 'notes.txt', 'frame-3.png'])
    writeFileSync(join(dir, name), name);
  mkdirSync(join(dir, 'empty'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function target(queue: FrameQueue<EncodedFrame>, errors: VarvError[]): SourceTarget {
  return {
    camera: 'cam-1',
    clock: new ManualClock(5000),
    deliver: (f) => queue.push(f),
    room: () => queue.space(),
    onError: (e) => errors.push(e),
  };
}

const names = (frames: EncodedFrame[]) => frames.map((f) => Buffer.from(f.bytes).toString());

describe('FolderReplay', () => {
  it('replays the image files in name order (numbers as numbers), waiting for room instead of dropping', async () => {
    const queue = new FrameQueue<EncodedFrame>(1);
    const errors: VarvError[] = [];
    const replay = new FolderReplay(target(queue, errors), { dir });
    replay.start();
    const taken: EncodedFrame[] = [];
    // A slow consumer: one frame at a time, as the queue gets them.
    while (taken.length < 4) {
      await queue.ready();
      taken.push(queue.shift() as EncodedFrame);
    }
    await replay.ended;
    expect(names(taken)).toEqual(['frame-1.JPG', 'frame-2.jpg', 'frame-3.png', 'frame-10.jpg']);
    expect(queue.stats()).toMatchObject({ in: 4, dropped: 0 });
    expect(taken[0]).toMatchObject({ camera: 'cam-1', t: 5000 });
    expect(errors).toEqual([]);
    expect(replay.state).toBe('ended');
  });

  it('paces frames at a given rate by the clock', async () => {
    const queue = new FrameQueue<EncodedFrame>(8);
    const clock = { now: () => 7000, monotonic: () => performance.now() };
    const replay = new FolderReplay({ ...target(queue, []), clock }, { dir, fps: 100 });
    replay.start();
    await replay.ended;
    const taken: EncodedFrame[] = [];
    while (queue.length > 0) taken.push(queue.shift() as EncodedFrame);
    expect(names(taken)).toEqual(['frame-1.JPG', 'frame-2.jpg', 'frame-3.png', 'frame-10.jpg']);
    expect(taken.every((f) => f.t === 7000)).toBe(true);
  });

  it('loops when asked, until stopped', async () => {
    const queue = new FrameQueue<EncodedFrame>(1);
    const replay = new FolderReplay(target(queue, []), { dir, loop: true });
    replay.start();
    const taken: EncodedFrame[] = [];
    while (taken.length < 6) {
      await queue.ready();
      taken.push(queue.shift() as EncodedFrame);
    }
    await replay.stop();
    expect(names(taken).slice(4)).toEqual(['frame-1.JPG', 'frame-2.jpg']);
    expect(replay.state).toBe('stopped');
  });

  it('reports a folder it cannot list, or one without images, and ends', async () => {
    for (const [d, message] of [
      [join(dir, 'missing'), /cannot list the folder .*missing: ENOENT/],
      [join(dir, 'empty'), /holds no image files/],
    ] as const) {
      const errors: VarvError[] = [];
      const replay = new FolderReplay(target(new FrameQueue(4), errors), { dir: d });
      replay.start();
      await replay.ended;
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    }
  });
});
