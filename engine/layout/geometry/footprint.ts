import { clipHalfPlane, type HalfPlane } from './clip.ts';
import type { Point } from './types.ts';

/** What a camera's footprint needs: mounting point, height (m), yaw/pitch/fov in degrees, range (m). */
export type CameraPose = {
  position: Point;
  height: number;
  /** Direction of view on the floor, degrees counter-clockwise from +x. */
  yaw: number;
  /** Tilt, degrees; negative looks down. */
  pitch: number;
  hfov: number;
  /** Vertical field of view; derived from hfov at a 16:9 sensor when absent. */
  vfov?: number;
  /** Furthest floor distance from the point below the camera that counts as seen. */
  range: number;
};

const RAD = Math.PI / 180;

/** Vertical field of view (degrees) for a horizontal one at the given aspect ratio. */
export function verticalFov(hfov: number, aspect = 16 / 9): number {
  return (2 * Math.atan(Math.tan((hfov * RAD) / 2) / aspect)) / RAD;
}

/**
 * The part of the floor (z = 0) that a camera sees: the view pyramid cut by the floor plane,
 * limited to `range` metres from the point below the camera. Convex; empty when the camera
 * looks above the horizon. `segments` sets how finely the range circle is drawn.
 */
export function cameraFootprint(cam: CameraPose, segments = 48): Point[] {
  const yaw = cam.yaw * RAD;
  const pitch = cam.pitch * RAD;
  const ha = (cam.hfov * RAD) / 2;
  const va = ((cam.vfov ?? verticalFov(cam.hfov)) * RAD) / 2;
  const f = [Math.cos(yaw) * Math.cos(pitch), Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch)] as const;
  const r = [Math.sin(yaw), -Math.cos(yaw), 0] as const;
  // up = right × forward
  const u = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]] as const;
  const normals = [
    [r, f, Math.cos(ha), Math.sin(ha)],
    [r, f, -Math.cos(ha), Math.sin(ha)],
    [u, f, Math.cos(va), Math.sin(va)],
    [u, f, -Math.cos(va), Math.sin(va)],
  ] as const;
  const [cx, cy] = cam.position;
  const planes: HalfPlane[] = normals.map(([s, fw, ks, kf]) => {
    const n = [s[0] * ks + fw[0] * kf, s[1] * ks + fw[1] * kf, s[2] * ks + fw[2] * kf];
    // n·((x, y, 0) − (cx, cy, h)) ≥ 0
    const [nx = 0, ny = 0, nz = 0] = n;
    return { a: nx, b: ny, c: nx * cx + ny * cy + nz * cam.height };
  });
  let poly: Point[] = [];
  for (let i = 0; i < segments; i++) {
    const t = (2 * Math.PI * i) / segments;
    poly.push([cx + cam.range * Math.cos(t), cy + cam.range * Math.sin(t)]);
  }
  for (const plane of planes) poly = clipHalfPlane(poly, plane);
  return poly;
}
