import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VarvError } from '../../engine/errors.ts';
import type { SightingV1 } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { Vision } from '../../engine/vision/index.ts';
import { collectingSink, liveStore, PRIVACY, sampleJpeg, TestClock } from './fixtures.ts';

// An MJPEG clip made by ffmpeg from the sample photographs goes through FfmpegSource, and a folder
// of JPEGs through FolderReplay, into one engine; the real models find, embed and place the faces.

let vision: Vision;
let dir: string;
let clip: string;
let folder: string;

beforeAll(async () => {
  vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
  dir = mkdtempSync(join(tmpdir(), 'varv-live-'));
  const [s1, s3] = await Promise.all([sampleJpeg(1), sampleJpeg(3)]);
  const grey = await sharp({ create: { width: 640, height: 428, channels: 3, background: '#c0c0c0' } })
    .jpeg()
    .toBuffer();
  writeFileSync(join(dir, 's1.jpg'), s1);
  writeFileSync(join(dir, 's3.jpg'), s3);
  writeFileSync(join(dir, 'grey.jpg'), grey);
  // 5 fps: sample1 for 3 frames, an empty scene for 2 (the tracks end), sample3 for 3.
  const still = (file: string, frames: number) => [
    '-loop',
    '1',
    '-framerate',
    '5',
    '-t',
    String(frames / 5),
    '-i',
    join(dir, file),
  ];
  clip = join(dir, 'clip.avi');
  execFileSync('/usr/bin/ffmpeg', [
    '-loglevel',
    'error',
    ...still('s1.jpg', 3),
    ...still('grey.jpg', 2),
    ...still('s3.jpg', 3),
    '-filter_complex',
    '[0:v]scale=640:428,setsar=1[a];[1:v]scale=640:428,setsar=1[b];[2:v]scale=640:428,setsar=1[c];[a][b][c]concat=n=3:v=1:a=0',
    '-r',
    '5',
    '-c:v',
    'mjpeg',
    '-q:v',
    '3',
    clip,
  ]);
  folder = join(dir, 'frames');
  mkdirSync(folder);
  writeFileSync(join(folder, 'frame-1.jpg'), s3);
  writeFileSync(join(folder, 'frame-2.jpg'), s3);
});
afterAll(async () => {
  await vision.release();
  rmSync(dir, { recursive: true, force: true });
});

describe('live engine with ffmpeg and folder sources', () => {
  it('turns an MJPEG stream from ffmpeg and a folder replay into sightings with zones, and measures how long pixels lived', async () => {
    const clock = new TestClock();
    const out = collectingSink();
    const errors: VarvError[] = [];
    const engine = new LiveEngine({
      store: liveStore(),
      privacy: PRIVACY,
      vision,
      cameras: [
        { id: 'cam-file', source: { kind: 'ffmpeg', url: clip, fps: 5, restart: false }, queue: 16 },
        { id: 'cam-folder', source: { kind: 'folder', dir: folder } },
      ],
      tracker: { maxMissed: 1 },
      sink: out.sink,
      clock,
      healthEveryS: 0,
      onError: (e) => errors.push(e),
    });
    engine.start();
    await Promise.all([engine.source('cam-file')?.ended, engine.source('cam-folder')?.ended]);
    await engine.idle();
    const health = await engine.reportHealth();
    await engine.stop();

    expect(errors).toEqual([]);
    const sightings = out.events.filter((e): e is SightingV1 => e.type === 'sighting');
    const of = (camera: string) => sightings.filter((e) => e.camera === camera);
    // Three faces in the first scene, three new ones after the empty frames.
    const file = of('cam-file');
    expect(file.length).toBe(6);
    expect(
      file
        .slice(0, 3)
        .map((e) => e.zone)
        .sort(),
    ).toEqual(['left', 'left', 'right']);
    expect(
      file
        .slice(3)
        .map((e) => e.zone)
        .sort(),
    ).toEqual(['left', 'right', 'right']);
    expect(file.every((e) => e.cameraClass === 'department')).toBe(true);
    // The folder's two identical frames: one track per face, sighted once.
    const folderSightings = of('cam-folder');
    expect(folderSightings.map((e) => e.zone).sort()).toEqual(['left', 'right', 'right']);
    expect(folderSightings.every((e) => e.cameraClass === 'aisle')).toBe(true);
    // One sequence for the store, in order.
    expect(out.events.map((e) => e.seq)).toEqual(out.events.map((_, i) => i));

    const stats = engine.stats();
    expect(stats.cameras.map((c) => [c.id, c.queue.in, c.queue.dropped, c.bad, c.processed])).toEqual([
      ['cam-file', 8, 0, 0, 8],
      ['cam-folder', 2, 0, 0, 2],
    ]);
    // Lifetimes, each buffer wiped and timed: every JPEG and every detection frame (10); a
    // full-size frame only for the three frames with new faces; every face's crop and embedding (9).
    const { encoded, detection, frame, crop, embedding } = stats.lifetimes;
    expect([encoded.count, detection.count, frame.count, crop.count, embedding.count]).toEqual([
      10, 10, 3, 9, 9,
    ]);
    for (const l of [encoded, detection, frame, crop, embedding]) {
      expect(l.p50).toBeGreaterThan(0);
      expect(l.p99).toBeGreaterThanOrEqual(l.p50);
      expect(l.max).toBeGreaterThanOrEqual(l.p99);
    }
    console.info(
      `lifetimes (ms): detection frame p50 ${detection.p50.toFixed(2)} p99 ${detection.p99.toFixed(2)}; frame p50 ${frame.p50.toFixed(2)} p99 ${frame.p99.toFixed(2)} max ${frame.max.toFixed(2)}; crop p50 ${crop.p50.toFixed(2)} p99 ${crop.p99.toFixed(2)}; embedding p50 ${embedding.p50.toFixed(4)} p99 ${embedding.p99.toFixed(4)}`,
    );
    // …exported: as Prometheus histograms and in the health events.
    const metrics = await engine.registry.metrics();
    expect(metrics).toMatch(/varv_buffer_lifetime_seconds_count\{store="live-shop",buffer="encoded"\} 10/);
    expect(metrics).toMatch(/varv_buffer_lifetime_seconds_count\{store="live-shop",buffer="detection"\} 10/);
    expect(metrics).toMatch(/varv_buffer_lifetime_seconds_count\{store="live-shop",buffer="frame"\} 3/);
    expect(metrics).toMatch(/varv_buffer_lifetime_seconds_count\{store="live-shop",buffer="crop"\} 9/);
    expect(metrics).toMatch(/varv_buffer_lifetime_seconds_count\{store="live-shop",buffer="embedding"\} 9/);
    expect(metrics).toMatch(/varv_frame_to_event_seconds_count\{store="live-shop"\} 9/);
    expect(health.map((h) => [h.source, h.framesIn, h.pixelLifetimeMs.count])).toEqual([
      ['cam-file', 8, 2],
      ['cam-folder', 2, 1],
      ['engine', 10, 3],
    ]);
    expect(health.at(-1)?.pixelLifetimeMs).toEqual(frame);
  });
});
