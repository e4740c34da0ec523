import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyHomography,
  cameraFootprint,
  cameraHomography,
  fitHomography,
  formatIssue,
  type Homography,
  inGeneralPosition,
  onBoundary,
  type Point,
  poseHomography,
  validateStore,
} from '../../engine/layout/index.ts';
import { thrown } from '../thrown.ts';
import { miniStore } from './fixtures.ts';

const SQUARE: Point[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

const near = (p: Point | null, q: Point, digits = 6) => {
  expect(p).not.toBeNull();
  expect((p as Point)[0]).toBeCloseTo(q[0], digits);
  expect((p as Point)[1]).toBeCloseTo(q[1], digits);
};

/** A random, well-behaved projective map of the unit square (a perspective view of a floor patch). */
const projective = fc
  .record({
    a: fc.double({ min: 0.5, max: 20, noNaN: true }),
    b: fc.double({ min: -5, max: 5, noNaN: true }),
    d: fc.double({ min: -5, max: 5, noNaN: true }),
    e: fc.double({ min: 0.5, max: 20, noNaN: true }),
    c: fc.double({ min: -50, max: 50, noNaN: true }),
    f: fc.double({ min: -50, max: 50, noNaN: true }),
    g: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
    h: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
  })
  .filter(({ a, b, d, e }) => Math.abs(a * e - b * d) > 0.5)
  .map(({ a, b, c, d, e, f, g, h }) => [a, b, c, d, e, f, g, h, 1] as Homography);

describe('fitHomography', () => {
  it('maps 4 reference points exactly where they belong and recovers the map between them', () => {
    fc.assert(
      fc.property(
        projective,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (H, probes) => {
          const pairs = SQUARE.map((p) => ({ from: p, to: applyHomography(H, p) as Point }));
          fc.pre(inGeneralPosition(pairs.map((p) => p.to)));
          const fitted = fitHomography(pairs);
          for (const { from, to } of pairs) near(applyHomography(fitted, from), to, 6);
          for (const p of probes) {
            const want = applyHomography(H, p as Point) as Point;
            const got = applyHomography(fitted, p as Point) as Point;
            expect(Math.hypot(got[0] - want[0], got[1] - want[1])).toBeLessThan(
              1e-6 * (1 + Math.hypot(...want)),
            );
          }
        },
      ),
    );
  });

  it('fits more than 4 points by least squares (exact points: exact map)', () => {
    const H: Homography = [3, 0.5, 2, -0.2, 4, 1, 0.1, 0.05, 1];
    const from: Point[] = [...SQUARE, [0.5, 0.5], [0.2, 0.7], [0.9, 0.1]];
    const fitted = fitHomography(from.map((p) => ({ from: p, to: applyHomography(H, p) as Point })));
    near(applyHomography(fitted, [0.3, 0.4]), applyHomography(H, [0.3, 0.4]) as Point, 8);
  });

  it('refuses fewer than 4 points and points on one line', () => {
    const three = SQUARE.slice(0, 3).map((p) => ({ from: p, to: p }));
    expect(thrown(() => fitHomography(three))).toMatchObject({ code: 'E_HOMOGRAPHY', message: /at least 4/ });
    const line = [0, 1, 2, 3].map((i) => ({ from: [i, 2 * i] as Point, to: [i, i] as Point }));
    expect(thrown(() => fitHomography(line))).toMatchObject({ code: 'E_HOMOGRAPHY', message: /no three/ });
    // Three of four on a line is not enough either; a fifth point off the line makes it enough.
    const bent: Point[] = [
      [0, 0],
      [1, 0],
      [2, 0],
      [1, 1],
    ];
    expect(inGeneralPosition(bent)).toBe(false);
    expect(inGeneralPosition([...bent, [0, 2]])).toBe(true);
  });

  it('says null for points beyond the horizon', () => {
    // Looking along the floor: the image's top half is sky.
    const H = poseHomography({ position: [0, 0], height: 3, yaw: 0, pitch: 0, hfov: 90 }, 4 / 3, 0);
    expect(H).not.toBeNull();
    expect(applyHomography(H as Homography, [0.5, 0.25])).toBeNull();
    expect(applyHomography(H as Homography, [0.5, 0.75])).not.toBeNull();
  });
});

describe('poseHomography', () => {
  it('looking straight down, maps the image centre below the camera and the edges hfov/2 away', () => {
    // 3.6 m up, faces at 1.6 m: 2 m between them; hfov 90° → the image's right edge is 2 m to the right.
    const cam = { position: [5, 5] as Point, height: 3.6, yaw: 90, pitch: -90, hfov: 90 };
    const H = poseHomography(cam, 1) as Homography;
    near(applyHomography(H, [0.5, 0.5]), [5, 5]);
    // Looking down with yaw 90° (north), the image's right is east (+x) and its top is north (+y).
    near(applyHomography(H, [1, 0.5]), [7, 5]);
    near(applyHomography(H, [0.5, 0]), [5, 7]);
  });

  it('agrees with the camera footprint: the image border on the floor is the footprint border', () => {
    fc.assert(
      fc.property(
        fc.record({
          position: fc.tuple(
            fc.double({ min: -20, max: 20, noNaN: true }),
            fc.double({ min: -20, max: 20, noNaN: true }),
          ),
          height: fc.double({ min: 2, max: 8, noNaN: true }),
          yaw: fc.double({ min: -180, max: 180, noNaN: true }),
          pitch: fc.double({ min: -90, max: -45, noNaN: true }),
          hfov: fc.double({ min: 30, max: 100, noNaN: true }),
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pose, s) => {
          const cam = { ...pose, range: 1000 };
          const H = poseHomography(cam, 16 / 9, 0) as Homography;
          const footprint = cameraFootprint(cam, 8);
          for (const p of [
            [s, 0],
            [s, 1],
            [0, s],
            [1, s],
          ] as Point[]) {
            const q = applyHomography(H, p) as Point;
            expect(q).not.toBeNull();
            expect(onBoundary(q, footprint, 1e-6 * (1 + Math.hypot(...q)))).toBe(true);
          }
        },
      ),
    );
  });

  it('is undefined for a camera at head height', () => {
    expect(poseHomography({ position: [0, 0], height: 1.6, yaw: 0, pitch: -10, hfov: 90 }, 1)).toBeNull();
  });
});

describe('a camera reference in the store layout', () => {
  const reference = [
    { image: [0, 0], floor: [0, 10] },
    { image: [1, 0], floor: [20, 10] },
    { image: [1, 1], floor: [20, 0] },
    { image: [0, 1], floor: [0, 0] },
  ];

  it('is optional, and when given, the camera maps images through it', () => {
    const s = miniStore() as { cameras: Record<string, unknown>[] };
    (s.cameras[0] as Record<string, unknown>).reference = reference;
    const r = validateStore(s);
    expect(r.ok, r.ok ? '' : r.issues.map(formatIssue).join('\n')).toBe(true);
    if (!r.ok) return;
    const cam = r.value.cameras[0];
    const H = cameraHomography(cam as NonNullable<typeof cam>, 4 / 3) as Homography;
    near(applyHomography(H, [0.25, 0.5]), [5, 5]);
  });

  it('is refused with a clear message when it has fewer than 4 points, points on one line, or points off the image', () => {
    const issuesFor = (ref: unknown) => {
      const s = miniStore() as { cameras: Record<string, unknown>[] };
      (s.cameras[0] as Record<string, unknown>).reference = ref;
      const r = validateStore(s);
      return r.ok ? [] : r.issues.map(formatIssue);
    };
    expect(issuesFor(reference.slice(0, 3)).join('\n')).toMatch(/cameras\[0\]\.reference.*at least 4 points/);
    const onALine = reference.map((p, i) => ({ image: [i / 4, i / 4], floor: p.floor }));
    expect(issuesFor(onALine).join('\n')).toMatch(/cameras\[0\]\.reference.*no three lie on one line/);
    const off = [{ image: [1.5, 0], floor: [0, 0] }, ...reference.slice(1)];
    expect(issuesFor(off).join('\n')).toMatch(/cameras\[0\]\.reference\[0\]\.image/);
  });
});
