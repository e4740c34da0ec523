import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Clock } from '../../engine/clock.ts';
import type { VarvEvent } from '../../engine/events/index.ts';
import { type StoreLayout, storeSchema } from '../../engine/layout/index.ts';
import type { LivePrivacy } from '../../engine/live/index.ts';
import { StoreKey } from '../../engine/privacy/index.ts';

/** The sample photographs of @vladmandic/face-api (MIT): group photos, faces looking at the camera. */
export const DEMO = join(
  dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')),
  '..',
  'demo',
);

/** Tuesday 2 June 2026, 09:00 in Stockholm: the morning interval. */
export const T0 = Date.parse('2026-06-02T07:00:00Z');

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/**
 * A 20 m × 10 m shop with two zones, "left" (x < 11) and "right", and cameras whose reference
 * maps the image onto the whole floor: u → x = 20u, v → y = 10(1 − v). So a face left of 55 % of
 * the image's width is in "left".
 */
export function liveStore(
  cameras: readonly { id: string; class: string }[] = [
    { id: 'cam-push', class: 'entrance' },
    { id: 'cam-file', class: 'department' },
    { id: 'cam-folder', class: 'aisle' },
  ],
): StoreLayout {
  const reference = [
    { image: [0, 0], floor: [0, 10] },
    { image: [1, 0], floor: [20, 10] },
    { image: [1, 1], floor: [20, 0] },
    { image: [0, 1], floor: [0, 0] },
  ];
  const camera = (c: { id: string; class: string }) => ({
    ...c,
    position: [10, 0.5],
    height: 3,
    yaw: 90,
    pitch: -30,
    hfov: 90,
    range: 10,
    reference,
  });
  return storeSchema.parse({
    format: 'varv.store/1',
    id: 'live-shop',
    name: 'Live shop',
    outline: rect(0, 0, 20, 10),
    entrances: [
      {
        id: 'door',
        segment: [
          [9, 0],
          [11, 0],
        ],
        direction: 'both',
      },
    ],
    zones: [
      { id: 'left', class: 'department', polygon: rect(0, 0, 11, 10) },
      { id: 'right', class: 'checkout', polygon: rect(11, 0, 20, 10) },
    ],
    cameras: cameras.map(camera),
  });
}

/** A store key and a hand-set quantiser (the tests check the pipeline, not the calibration). */
export const PRIVACY: LivePrivacy = {
  key: StoreKey.parse('live-shop', '5a'.repeat(32)),
  quantizer: { projections: 6, buckets: Array(6).fill(3), nonzeros: 32, spread: Array(6).fill(1 / 32) },
};

/** Store time moves only when told (events are reproducible); durations are measured for real. */
export class TestClock implements Clock {
  constructor(private t = T0) {}
  now(): number {
    return this.t;
  }
  monotonic(): number {
    return performance.now();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A sample photograph scaled to 640 pixels wide, as a camera's JPEG. */
export async function sampleJpeg(n: number, width = 640): Promise<Buffer> {
  return sharp(readFileSync(join(DEMO, `sample${n}.jpg`)))
    .resize(width)
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A sink that keeps what it is given. */
export function collectingSink() {
  const events: VarvEvent[] = [];
  return { events, sink: (batch: readonly VarvEvent[]) => void events.push(...batch) };
}
