import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../../engine/privacy/index.ts';
import {
  alignedCrop,
  type Detection,
  decodeImage,
  dot,
  FACE_SIZE,
  type Frame,
  faceRegion,
  rocAuc,
  Vision,
} from '../../engine/vision/index.ts';

// The real models on the sample photographs of @vladmandic/face-api (MIT): six group photos of
// 22 young women in all, looking roughly at the camera.

const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');

/** Face centres as fractions of width and height, read off the photographs by eye. */
const FACES: [number, number][][] = [
  [
    [0.27, 0.4],
    [0.49, 0.44],
    [0.82, 0.27],
  ],
  [
    [0.23, 0.21],
    [0.5, 0.27],
    [0.81, 0.21],
  ],
  [
    [0.36, 0.36],
    [0.62, 0.28],
    [0.82, 0.33],
  ],
  [
    [0.17, 0.23],
    [0.39, 0.14],
    [0.56, 0.23],
    [0.71, 0.2],
  ],
  [
    [0.24, 0.75],
    [0.35, 0.4],
    [0.45, 0.17],
    [0.63, 0.25],
    [0.79, 0.39],
  ],
  [
    [0.18, 0.42],
    [0.4, 0.33],
    [0.66, 0.31],
    [0.83, 0.29],
  ],
];

let vision: Vision;
const frames: Frame[] = [];
const detections: Detection[][] = [];

beforeAll(async () => {
  vision = await Vision.open();
  for (let i = 1; i <= FACES.length; i++) {
    const frame = await decodeImage(readFileSync(join(demo, `sample${i}.jpg`)));
    frames.push(frame);
    detections.push(await vision.detector.detect(frame));
  }
});
afterAll(() => vision.release());

describe('face detection on the sample photographs', () => {
  it('finds every face once, with a square box around its centre of about a tenth of the width', () => {
    FACES.forEach((faces, i) => {
      const frame = frames[i] as Frame;
      const found = detections[i] as Detection[];
      expect(found.length, `sample${i + 1}`).toBe(faces.length);
      for (const [fx, fy] of faces) {
        const [x, y] = [fx * frame.width, fy * frame.height];
        const around = found.filter(
          (d) => d.box.x < x && x < d.box.x + d.box.width && d.box.y < y && y < d.box.y + d.box.height,
        );
        expect(around.length, `sample${i + 1} face at ${fx}, ${fy}`).toBe(1);
      }
      for (const d of found) {
        expect(d.box.width / frame.width).toBeGreaterThan(0.05);
        expect(d.box.width / frame.width).toBeLessThan(0.2);
        expect(d.box.height / d.box.width).toBeCloseTo(1, 1);
        expect(d.score).toBeGreaterThan(0.4);
        // Eyes above the mouth, and every keypoint on the face (within the box, give or take a quarter).
        const [right, left, , mouth] = d.keypoints as [
          [number, number],
          [number, number],
          unknown,
          [number, number],
        ];
        expect(mouth[1]).toBeGreaterThan(Math.max(right[1], left[1]));
        const slack = d.box.width / 4;
        for (const [kx, ky] of d.keypoints) {
          expect(kx).toBeGreaterThan(d.box.x - slack);
          expect(kx).toBeLessThan(d.box.x + d.box.width + slack);
          expect(ky).toBeGreaterThan(d.box.y - slack);
          expect(ky).toBeLessThan(d.box.y + d.box.height + slack);
        }
      }
    });
  });
});

describe('face description on the sample photographs', () => {
  /** The face crop and four augmentations: mirrored, shifted and rescaled, darker, brighter. */
  function augmentations(frame: Frame, d: Detection, rng: () => number): Float32Array[] {
    const r = faceRegion(d, 1.2);
    const base = alignedCrop(frame, r, FACE_SIZE);
    const mirrored = new Float32Array(base.length);
    for (let y = 0; y < FACE_SIZE; y++)
      for (let x = 0; x < FACE_SIZE; x++)
        for (let c = 0; c < 3; c++)
          mirrored[(y * FACE_SIZE + x) * 3 + c] = base[(y * FACE_SIZE + FACE_SIZE - 1 - x) * 3 + c] as number;
    const jitter = (k: number) => (rng() - 0.5) * k * r.size;
    const shifted = alignedCrop(
      frame,
      { ...r, cx: r.cx + jitter(0.16), cy: r.cy + jitter(0.16), size: r.size * (0.9 + 0.2 * rng()) },
      FACE_SIZE,
    );
    return [base, mirrored, shifted, base.map((v) => v * 0.7), base.map((v) => Math.min(255, v * 1.3))];
  }

  it('embeds augmentations of one face closer than different faces (ROC AUC), and says "woman" or "unknown", aged 15–50', async () => {
    const rng = seededRng(7);
    const embeddings: { face: number; e: Float32Array }[] = [];
    const originals: { gender: string; ageYears: number; age: string }[] = [];
    let face = 0;
    for (const [i, found] of detections.entries()) {
      for (const d of found) {
        const crops = augmentations(frames[i] as Frame, d, rng);
        const batch = new Float32Array(crops.length * FACE_SIZE * FACE_SIZE * 3);
        for (const [k, c] of crops.entries()) batch.set(c, k * c.length);
        const described = await vision.describer.describe(batch);
        for (const x of described) {
          expect(dot(x.embedding, x.embedding)).toBeCloseTo(1, 5);
          embeddings.push({ face, e: x.embedding });
        }
        originals.push(described[0] as (typeof originals)[number]);
        face++;
      }
    }
    const genuine: number[] = [];
    const impostor: number[] = [];
    for (let a = 0; a < embeddings.length; a++)
      for (let b = a + 1; b < embeddings.length; b++) {
        const [p, q] = [
          embeddings[a] as (typeof embeddings)[number],
          embeddings[b] as (typeof embeddings)[number],
        ];
        (p.face === q.face ? genuine : impostor).push(dot(p.e, q.e));
      }
    const auc = rocAuc(genuine, impostor);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.info(
      `faces ${face}, genuine pairs ${genuine.length} (cosine mean ${mean(genuine).toFixed(3)}, min ${Math.min(...genuine).toFixed(3)}), impostor pairs ${impostor.length} (mean ${mean(impostor).toFixed(3)}, max ${Math.max(...impostor).toFixed(3)}), ROC AUC ${auc.toFixed(4)}`,
    );
    expect(face).toBe(22);
    expect(auc).toBeGreaterThan(0.98);
    expect(originals.filter((o) => o.gender === 'man')).toEqual([]);
    expect(originals.filter((o) => o.gender === 'woman').length).toBeGreaterThanOrEqual(16);
    for (const o of originals) {
      expect(o.ageYears).toBeGreaterThan(15);
      expect(o.ageYears).toBeLessThan(50);
      expect(['18-29', '30-44', 'unknown']).toContain(o.age);
    }
  });

  it('analyses a whole frame: one description per detected face', async () => {
    const faces = await vision.analyse(frames[0] as Frame);
    expect(faces.map((f) => f.detection)).toEqual(detections[0]);
    for (const f of faces) expect(f.embedding.length).toBe(1024);
  });
});
