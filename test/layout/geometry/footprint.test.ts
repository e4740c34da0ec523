import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CameraPose, cameraFootprint, verticalFov } from '../../../engine/layout/geometry/footprint.ts';
import {
  area,
  bbox,
  centroid,
  containsPoint,
  rotatePolygon,
} from '../../../engine/layout/geometry/polygon.ts';
import { distance, orient } from '../../../engine/layout/geometry/segment.ts';
import type { Point } from '../../../engine/layout/geometry/types.ts';

const RAD = Math.PI / 180;

/** The default range circle has 48 sides; this is the area it loses against the true circle, per r². */
const CIRCLE_LOSS = Math.PI - 24 * Math.sin(Math.PI / 24);

const pose = fc.record({
  position: fc.tuple(
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.double({ min: -50, max: 50, noNaN: true }),
  ),
  height: fc.double({ min: 0.5, max: 8, noNaN: true }),
  yaw: fc.double({ min: -360, max: 360, noNaN: true }),
  pitch: fc.double({ min: -90, max: 45, noNaN: true }),
  hfov: fc.double({ min: 5, max: 160, noNaN: true }),
  vfov: fc.option(fc.double({ min: 5, max: 150, noNaN: true }), { nil: undefined }),
  range: fc.double({ min: 0.5, max: 30, noNaN: true }),
});

/**
 * Whether the floor point p is in view, worked out independently of the clipping code: the ray
 * from the camera to p, in the camera's own forward/right/up frame, must point forward and stay
 * within half of each field of view.
 */
function seen(cam: CameraPose, p: Point, tol: number): boolean {
  const yaw = cam.yaw * RAD;
  const pitch = cam.pitch * RAD;
  const forward = [Math.cos(yaw) * Math.cos(pitch), Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch)];
  const right = [Math.sin(yaw), -Math.cos(yaw), 0];
  const up = [-Math.cos(yaw) * Math.sin(pitch), -Math.sin(yaw) * Math.sin(pitch), Math.cos(pitch)];
  const ray = [p[0] - cam.position[0], p[1] - cam.position[1], -cam.height];
  const dot = (v: number[]) => v.reduce((s, x, i) => s + x * (ray[i] as number), 0);
  const f = dot(forward);
  const vfov = cam.vfov ?? verticalFov(cam.hfov);
  return (
    f > 0 &&
    Math.abs(dot(right)) <= f * Math.tan((cam.hfov * RAD) / 2) + tol &&
    Math.abs(dot(up)) <= f * Math.tan((vfov * RAD) / 2) + tol
  );
}

describe('verticalFov', () => {
  it('is about 58.7° for a 90° horizontal field of view on a 16:9 sensor', () => {
    expect(verticalFov(90, 16 / 9)).toBeCloseTo(58.7155, 3);
    expect(verticalFov(90)).toBe(verticalFov(90, 16 / 9));
  });

  it('equals the horizontal field of view on a square sensor', () => {
    expect(verticalFov(70, 1)).toBeCloseTo(70, 12);
  });

  it('is narrower than the horizontal one on a wide sensor and grows with it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 170, noNaN: true }),
        fc.double({ min: 1, max: 170, noNaN: true }),
        (a, b) => {
          expect(verticalFov(a)).toBeLessThan(a);
          if (b - a > 1e-6) expect(verticalFov(a)).toBeLessThan(verticalFov(b));
        },
      ),
    );
  });
});

describe('cameraFootprint', () => {
  it('of a camera looking straight down is the rectangle of its two fields of view, centred below it', () => {
    const cam: CameraPose = {
      position: [5, 7],
      height: 3,
      yaw: 0,
      pitch: -90,
      hfov: 90,
      vfov: 60,
      range: 10,
    };
    const fp = cameraFootprint(cam);
    // yaw 0: the image's up is +x, so the vertical fov spans x and the horizontal fov spans y
    const halfX = 3 * Math.tan(30 * RAD);
    const halfY = 3 * Math.tan(45 * RAD);
    expect(containsPoint(fp, [5, 7])).toBe(true);
    const box = bbox(fp);
    expect(box.minX).toBeCloseTo(5 - halfX, 9);
    expect(box.maxX).toBeCloseTo(5 + halfX, 9);
    expect(box.minY).toBeCloseTo(7 - halfY, 9);
    expect(box.maxY).toBeCloseTo(7 + halfY, 9);
    expect(area(fp)).toBeCloseTo(4 * halfX * halfY, 9);
    const [x, y] = centroid(fp);
    expect(x).toBeCloseTo(5, 9);
    expect(y).toBeCloseTo(7, 9);
  });

  it('of a camera looking straight down is symmetric about the point below it, whatever the pose', () => {
    fc.assert(
      fc.property(pose, (p) => {
        const cam = { ...p, pitch: -90 };
        const fp = cameraFootprint(cam);
        const [cx, cy] = cam.position;
        expect(containsPoint(fp, cam.position)).toBe(true);
        const [x, y] = centroid(fp);
        expect(Math.abs(x - cx)).toBeLessThan(1e-6);
        expect(Math.abs(y - cy)).toBeLessThan(1e-6);
        // half a turn about the camera maps the region (and its 48-sided range circle) onto itself
        for (const v of rotatePolygon(fp, 180, cam.position)) expect(containsPoint(fp, v)).toBe(true);
      }),
    );
  });

  it('is cut to the range circle when the fields of view reach further', () => {
    const cam: CameraPose = {
      position: [0, 0],
      height: 3,
      yaw: 0,
      pitch: -90,
      hfov: 170,
      vfov: 170,
      range: 2,
    };
    const fp = cameraFootprint(cam);
    expect(fp).toHaveLength(48);
    for (const v of fp) expect(distance(v, [0, 0])).toBeCloseTo(2, 9);
    expect(area(fp)).toBeCloseTo(4 * (Math.PI - CIRCLE_LOSS), 9);
    expect(cameraFootprint(cam, 8)).toHaveLength(8);
  });

  it('is convex and counter-clockwise, within range of the camera, and seen by it', () => {
    fc.assert(
      fc.property(pose, (cam) => {
        const fp = cameraFootprint(cam);
        const scale = cam.range * cam.range;
        for (let i = 0; i < fp.length; i++) {
          const a = fp[i] as Point;
          const b = fp[(i + 1) % fp.length] as Point;
          const c = fp[(i + 2) % fp.length] as Point;
          expect(orient(a, b, c)).toBeGreaterThanOrEqual(-1e-9 * scale);
          expect(distance(a, cam.position)).toBeLessThanOrEqual(cam.range + 1e-9);
          expect(seen(cam, a, 1e-6 * (cam.range + cam.height))).toBe(true);
        }
      }),
    );
  });

  it('is the same with vfov left out as with the 16:9 vertical fov given', () => {
    fc.assert(
      fc.property(pose, (p) => {
        const { vfov: _, ...withoutVfov } = p;
        expect(cameraFootprint(withoutVfov)).toEqual(cameraFootprint({ ...p, vfov: verticalFov(p.hfov) }));
      }),
    );
  });

  it('is empty when the whole view lies above the horizon', () => {
    expect(
      cameraFootprint({ position: [0, 0], height: 2.8, yaw: 0, pitch: 10, hfov: 90, vfov: 10, range: 20 }),
    ).toEqual([]);
    // default vfov 58.7°: the lowest ray is 29.4° below the axis, so a 40° tilt up clears the floor
    expect(
      cameraFootprint({ position: [0, 0], height: 2.8, yaw: 45, pitch: 40, hfov: 90, range: 20 }),
    ).toEqual([]);
  });

  it('is empty whenever the pitch is at least half the vertical fov', () => {
    fc.assert(
      fc.property(pose, fc.double({ min: 0, max: 40, noNaN: true }), (p, above) => {
        const vfov = p.vfov ?? verticalFov(p.hfov);
        const pitch = vfov / 2 + 1e-6 + above;
        fc.pre(pitch < 90);
        expect(cameraFootprint({ ...p, pitch })).toEqual([]);
      }),
    );
  });

  it('of a level camera only sees the floor beyond where the lowest ray lands', () => {
    // pitch 0, vfov 30°: the lowest ray falls 15° and meets the floor h / tan 15° away
    const near = 2.8 / Math.tan(15 * RAD);
    const base = { position: [0, 0] as Point, height: 2.8, yaw: 0, pitch: 0, hfov: 90, vfov: 30 };
    expect(near).toBeCloseTo(10.45, 2);
    expect(cameraFootprint({ ...base, range: 8 })).toEqual([]);
    const fp = cameraFootprint({ ...base, range: 20 });
    expect(area(fp)).toBeGreaterThan(0);
    expect(containsPoint(fp, [0, 0])).toBe(false);
    for (const [x, y] of fp) {
      expect(x).toBeGreaterThanOrEqual(near - 1e-9);
      expect(Math.abs(y)).toBeLessThanOrEqual(x + 1e-9); // within the 45° half-angle either side
    }
    expect(containsPoint(fp, [15, 0])).toBe(true);
    expect(containsPoint(fp, [15, 14])).toBe(false);
  });

  it('turns with the yaw: rotating the footprint for yaw θ by φ gives the footprint for yaw θ + φ', () => {
    fc.assert(
      fc.property(pose, fc.integer({ min: -48, max: 48 }), (cam, k) => {
        // steps of 7.5° map the 48-sided range circle onto itself, so the two agree exactly
        const phi = 7.5 * k;
        const turned = rotatePolygon(cameraFootprint(cam), phi, cam.position);
        const direct = cameraFootprint({ ...cam, yaw: cam.yaw + phi });
        const scale = cam.range * cam.range;
        expect(Math.abs(area(turned) - area(direct))).toBeLessThan(1e-9 * scale);
        for (const v of turned) expect(direct.some((w) => distance(v, w) < 1e-6 * cam.range)).toBe(true);
      }),
    );
  });

  it('keeps its area under any yaw change, up to what the 48-sided range circle loses', () => {
    fc.assert(
      fc.property(pose, fc.double({ min: -360, max: 360, noNaN: true }), (cam, phi) => {
        const turned = rotatePolygon(cameraFootprint(cam), phi, cam.position);
        const direct = cameraFootprint({ ...cam, yaw: cam.yaw + phi });
        expect(Math.abs(area(turned) - area(direct))).toBeLessThanOrEqual(
          CIRCLE_LOSS * cam.range ** 2 + 1e-9,
        );
      }),
    );
  });

  it('of the demo entrance camera (yaw −90, pitch −20) lies south of it', () => {
    const cam: CameraPose = { position: [20, 29], height: 2.8, yaw: -90, pitch: -20, hfov: 90, range: 8 };
    const fp = cameraFootprint(cam);
    expect(area(fp)).toBeGreaterThan(0);
    const [x, y] = centroid(fp);
    expect(y).toBeLessThan(29);
    expect(x).toBeCloseTo(20, 9);
    // the lowest ray is 20° + 29.36° below level, so nothing nearer than 2.8 / tan 49.36° is seen
    const near = 2.8 / Math.tan((20 + verticalFov(90) / 2) * RAD);
    for (const v of fp) expect(v[1]).toBeLessThanOrEqual(29 - near + 1e-9);
    expect(containsPoint(fp, [20, 29])).toBe(false);
    expect(containsPoint(fp, [20, 25])).toBe(true);
    expect(containsPoint(fp, [20, 33])).toBe(false);
  });
});
