import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EncodedFrame, FfmpegSource, type SourceTarget } from '../../engine/capture/index.ts';
import { ManualClock } from '../../engine/clock.ts';
import type { VarvError } from '../../engine/errors.ts';

const FFMPEG = '/usr/bin/ffmpeg';
let dir: string;
let clip: string;
let parts: Buffer[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'varv-ffmpeg-'));
  clip = join(dir, 'clip.avi');
  // Ten frames of ffmpeg's test pattern at 10 fps, MJPEG in AVI; and six JPEGs for an HTTP stream.
  execFileSync(FFMPEG, [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=10',
    '-frames:v',
    '10',
    '-c:v',
    'mjpeg',
    clip,
  ]);
  execFileSync(FFMPEG, [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=10',
    '-frames:v',
    '6',
    '-q:v',
    '5',
    join(dir, 'part-%02d.jpg'),
  ]);
  parts = readdirSync(dir)
    .filter((f) => f.startsWith('part-'))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A target that keeps frames and errors, with promises for "n frames" and "n errors". */
function collector(camera = 'cam-1') {
  const frames: EncodedFrame[] = [];
  const errors: VarvError[] = [];
  const waits: { n: number; of: 'frames' | 'errors'; resolve: () => void }[] = [];
  const check = () => {
    for (const w of waits.splice(0)) {
      if ((w.of === 'frames' ? frames : errors).length >= w.n) w.resolve();
      else waits.push(w);
    }
  };
  const target: SourceTarget = {
    camera,
    clock: new ManualClock(1_700_000_000_000),
    deliver: (f) => {
      frames.push(f);
      check();
    },
    onError: (e) => {
      errors.push(e);
      check();
    },
  };
  const until = (n: number, of: 'frames' | 'errors') =>
    new Promise<void>((resolve) => {
      waits.push({ n, of, resolve });
      check();
    });
  return { target, frames, errors, until };
}

describe('FfmpegSource', () => {
  it('reads a video file into JPEG frames at the configured rate, stamped on receipt, then ends', async () => {
    const c = collector();
    const source = new FfmpegSource(c.target, { url: clip, fps: 10, restart: false });
    expect(source.args()).toEqual(expect.arrayContaining(['-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1']));
    source.start();
    await source.ended;
    expect(source.state).toBe('ended');
    expect(c.errors).toEqual([]);
    expect(c.frames.length).toBe(10);
    for (const f of c.frames) {
      expect(f).toMatchObject({ camera: 'cam-1', t: 1_700_000_000_000 });
      const meta = await sharp(f.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    }
  });

  it('scales to a width and halves the rate when asked', async () => {
    const c = collector();
    const source = new FfmpegSource(c.target, { url: clip, fps: 5, width: 160, restart: false });
    source.start();
    await source.ended;
    expect(c.frames.length).toBe(5);
    expect((await sharp((c.frames[0] as EncodedFrame).bytes).metadata()).width).toBe(160);
  });

  it('reads an MJPEG stream over HTTP (multipart/x-mixed-replace), timed by arrival', async () => {
    // A camera's MJPEG endpoint: one part per frame, 20 frames per second.
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'multipart/x-mixed-replace; boundary=frame' });
      let i = 0;
      const next = () => {
        if (i === parts.length) return res.end('--frame--\r\n');
        const p = parts[i++] as Buffer;
        res.write(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${p.length}\r\n\r\n`);
        res.write(p);
        res.write('\r\n');
        setTimeout(next, 50);
      };
      next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const c = collector();
      const source = new FfmpegSource(c.target, {
        url: `http://127.0.0.1:${port}/video`,
        fps: 20,
        restart: false,
      });
      expect(source.args()).toContain('-use_wallclock_as_timestamps');
      source.start();
      await source.ended;
      // Arrival times jitter on a busy machine: most frames come through, each a whole JPEG.
      expect(c.frames.length).toBeGreaterThanOrEqual(3);
      expect(c.frames.length).toBeLessThanOrEqual(8);
      for (const f of c.frames) expect((await sharp(f.bytes).metadata()).width).toBe(160);
    } finally {
      server.close();
    }
  });

  it('reports a failing camera without throwing, restarts with growing waits, and stops', async () => {
    const c = collector();
    const source = new FfmpegSource(c.target, {
      url: join(dir, 'no-such-camera.avi'),
      fps: 5,
      backoff: { initialMs: 5, maxMs: 40 },
    });
    source.start();
    await c.until(3, 'errors');
    await source.stop();
    expect(source.state).toBe('stopped');
    expect(source.runs).toBeGreaterThanOrEqual(3);
    expect(c.errors[0]?.code).toBe('E_CAMERA');
    expect(c.errors[0]?.message).toMatch(
      /camera cam-1 .*ffmpeg exited with code \d+: .*No such file.*restarting in 5 ms/,
    );
    expect(c.errors[1]?.message).toMatch(/restarting in 10 ms/);
    expect(c.errors[2]?.message).toMatch(/restarting in 20 ms/);
    await source.ended;
  });

  it('masks credentials in the URL of its messages', async () => {
    const c = collector();
    const source = new FfmpegSource(c.target, {
      url: 'http://admin:s3cret@127.0.0.1:9/video',
      fps: 5,
      restart: false,
    });
    source.start();
    await source.ended;
    expect(c.errors.length).toBe(1);
    expect(c.errors[0]?.message).toMatch(/http:\/\/\*\*\*@127\.0\.0\.1:9/);
    expect(c.errors[0]?.message).not.toMatch(/s3cret/);
  });

  it('reports a missing ffmpeg binary as an error', async () => {
    const c = collector();
    const source = new FfmpegSource(c.target, {
      url: clip,
      fps: 5,
      restart: false,
      ffmpegPath: join(dir, 'no-ffmpeg'),
    });
    source.start();
    await source.ended;
    expect(c.errors[0]?.message).toMatch(/cannot start ffmpeg: .*ENOENT/);
  });
});
