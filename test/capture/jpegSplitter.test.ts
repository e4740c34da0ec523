import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { JpegSplitter } from '../../engine/capture/index.ts';

let jpegs: Uint8Array[] = [];

beforeAll(async () => {
  const image = (w: number, h: number, colour: string) =>
    sharp({ create: { width: w, height: h, channels: 3, background: colour } });
  // Baseline, progressive, with restart markers and EXIF, and noisy content (many 0xFF bytes
  // stuffed in the entropy-coded data).
  const noise = Buffer.alloc(48 * 32 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
  jpegs = await Promise.all([
    image(16, 8, '#ff0000').jpeg().toBuffer(),
    image(40, 24, '#00ff00').jpeg({ progressive: true }).toBuffer(),
    image(33, 17, '#ffffff')
      .withMetadata({ exif: { IFD0: { Copyright: 'x\u00ff\u00d9y' } } })
      .jpeg()
      .toBuffer(),
    sharp(noise, { raw: { width: 48, height: 32, channels: 3 } })
      .jpeg({ quality: 100 })
      .toBuffer(),
  ]);
  jpegs = jpegs.map((b) => new Uint8Array(b));
});

/** Splits `stream` at the given cut points and feeds the pieces to a splitter. */
function feed(splitter: JpegSplitter, stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, stream.length]) {
    out.push(...splitter.push(stream.slice(from, p)));
    from = p;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

/** Which of the test JPEGs a frame is (−1: none of them), so failures print short. */
const which = (b: Uint8Array) => jpegs.findIndex((j) => Buffer.from(j).equals(Buffer.from(b)));

describe('JpegSplitter', () => {
  it('gives back exactly the JPEGs of a stream, in order, whatever the chunk boundaries and the bytes between them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            jpeg: fc.integer({ min: 0, max: 3 }),
            // Multipart headers and other text between frames (no 0xFF bytes).
            gap: fc.string({ maxLength: 40 }),
          }),
          { maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 30 }),
        (frames, cuts) => {
          const parts: Uint8Array[] = [];
          for (const f of frames) parts.push(text(f.gap), jpegs[f.jpeg] as Uint8Array);
          const got = feed(new JpegSplitter(), concat(parts), cuts);
          expect(got.map(which)).toEqual(frames.map((f) => f.jpeg));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('drops a frame that breaks off: every JPEG starting beyond the reach of its last segment (64 KB) comes out intact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (k, keep, pattern, cuts) => {
          const whole = jpegs[k] as Uint8Array;
          const broken = whole.slice(0, Math.max(4, Math.floor(whole.length * keep)));
          // Enough frames after the break to pass 64 KB (the longest a segment can be).
          const after: Uint8Array[] = [];
          let bytes = 0;
          for (let i = 0; bytes < 70_000; i++) {
            const j = jpegs[pattern[i % pattern.length] as number] as Uint8Array;
            after.push(j);
            bytes += j.length;
          }
          const splitter = new JpegSplitter();
          const got = feed(splitter, concat([broken, ...after]), cuts);
          got.push(...splitter.end());
          // The broken frame's last marker lies within it; its segment reaches at most 2 + 65 535 bytes on.
          let offset = 0;
          let reachable = 0;
          for (const [i, j] of after.entries()) {
            if (offset > 65_537) {
              reachable = i;
              break;
            }
            offset += j.length;
          }
          const tail = after.slice(reachable).map(which);
          expect(got.slice(-tail.length).map(which)).toEqual(tail);
          expect(got.length).toBeLessThanOrEqual(after.length);
          // The broken frame is discarded, or comes out merged with what its segment swallowed
          // (then it is none of the stream's JPEGs, and fails to decode downstream).
          expect(splitter.discarded + got.filter((b) => which(b) < 0).length).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('loses nothing after a frame that breaks off in its image data (as when ffmpeg is killed)', () => {
    const whole = jpegs[3] as Uint8Array;
    const broken = whole.slice(0, whole.length - 40);
    const splitter = new JpegSplitter();
    const got = feed(
      splitter,
      concat([broken, jpegs[0] as Uint8Array, jpegs[1] as Uint8Array]),
      [7, 300, 900],
    );
    expect(got.map((b) => b.length)).toEqual([jpegs[0]?.length, jpegs[1]?.length]);
    expect(splitter.discarded).toBe(1);
  });

  it('gives up on a frame larger than maxBytes and holds nothing of it', () => {
    const splitter = new JpegSplitter(64);
    const big = jpegs[3] as Uint8Array;
    expect(big.length).toBeGreaterThan(64);
    expect(splitter.push(big)).toEqual([]);
    expect(splitter.discarded).toBe(1);
    expect(splitter.pending).toBe(0);
    expect(splitter.push(jpegs[0] as Uint8Array).length).toBe(0); // still over 64 bytes: refused too
  });
});
