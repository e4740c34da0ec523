import { VarvError } from '../../errors.ts';
import type { CameraPose } from './footprint.ts';
import type { Point } from './types.ts';

/**
 * A plane-to-plane projective map, a 3 × 3 matrix row by row: (u, v) ↦ (X/W, Y/W) with
 * [X, Y, W] = H · [u, v, 1]. Scaled so that W > 0 for points the camera really sees.
 */
export type Homography = readonly number[];

/**
 * One correspondence of a camera's reference: where a face appears in the camera's image, as
 * fractions of the image's width and height ([0, 0] top left, [1, 1] bottom right), and the floor
 * point (metres) the person stands on. Faces are seen at head height, so mark the image point at
 * the centre of the face of someone standing on the floor point (not at their feet).
 */
export type ReferencePoint = { image: Point; floor: Point };

/** Where faces are, above the floor, when a camera's image→floor map comes from its pose (m). */
export const HEAD_HEIGHT_M = 1.6;

const RAD = Math.PI / 180;
/** Three points closer to one line than this (sine of the angle at the first) count as collinear. */
const COLLINEAR_SINE = 1e-2;

/**
 * Fits the homography taking each `from` to its `to`: exactly through 4 points, least squares
 * through more (direct linear transform on Hartley-normalised points). Needs at least 4 pairs
 * with 4 points of which no three are collinear on each side; else E_HOMOGRAPHY.
 */
export function fitHomography(pairs: readonly { from: Point; to: Point }[]): Homography {
  if (pairs.length < 4)
    throw new VarvError('E_HOMOGRAPHY', `a homography needs at least 4 point pairs, got ${pairs.length}`);
  if (!inGeneralPosition(pairs.map((p) => p.from)) || !inGeneralPosition(pairs.map((p) => p.to)))
    throw new VarvError(
      'E_HOMOGRAPHY',
      'a homography needs 4 points of which no three lie on one line, on both sides',
    );
  const nf = normaliser(pairs.map((p) => p.from));
  const nt = normaliser(pairs.map((p) => p.to));
  // Normal equations AᵀA h = Aᵀb of the 2n equations in h0…h7 (h8 = 1).
  const ata = Array.from({ length: 8 }, () => new Float64Array(8));
  const atb = new Float64Array(8);
  const row = new Float64Array(8);
  for (const p of pairs) {
    const [x, y] = apply3(nf, p.from);
    const [X, Y] = apply3(nt, p.to);
    for (const [rhs, eq] of [
      [X, [x, y, 1, 0, 0, 0, -x * X, -y * X]],
      [Y, [0, 0, 0, x, y, 1, -x * Y, -y * Y]],
    ] as const) {
      row.set(eq);
      for (let i = 0; i < 8; i++) {
        atb[i] = (atb[i] as number) + (row[i] as number) * rhs;
        const a = ata[i] as Float64Array;
        for (let j = 0; j < 8; j++) a[j] = (a[j] as number) + (row[i] as number) * (row[j] as number);
      }
    }
  }
  const h = solve(ata, atb);
  if (!h) throw new VarvError('E_HOMOGRAPHY', 'the reference points do not determine a homography');
  const hn = [...h, 1];
  // Undo the normalisations: H = Tto⁻¹ · Hn · Tfrom.
  const H = multiply(inverseSimilarity(nt), multiply(hn, nf));
  // Scale so that W > 0 at the reference points (they are seen).
  const [u0, v0] = (pairs[0] as { from: Point }).from;
  const w = (H[6] as number) * u0 + (H[7] as number) * v0 + (H[8] as number);
  const s = (w < 0 ? -1 : 1) / Math.hypot(...H);
  return H.map((v) => v * s);
}

/** Maps a point; null where W ≤ 0 (behind the camera or beyond the horizon). */
export function applyHomography(h: Homography, [u, v]: Point): Point | null {
  const w = (h[6] as number) * u + (h[7] as number) * v + (h[8] as number);
  if (!(w > 1e-12)) return null;
  return [
    ((h[0] as number) * u + (h[1] as number) * v + (h[2] as number)) / w,
    ((h[3] as number) * u + (h[4] as number) * v + (h[5] as number)) / w,
  ];
}

/** True when some 4 of the points have no three on one line (what a homography fit needs). */
export function inGeneralPosition(points: readonly Point[]): boolean {
  const n = points.length;
  const ok = (a: number, b: number, c: number) =>
    !collinear(points[a] as Point, points[b] as Point, points[c] as Point);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++) {
        if (!ok(a, b, c)) continue;
        for (let d = c + 1; d < n; d++) if (ok(a, b, d) && ok(a, c, d) && ok(b, c, d)) return true;
      }
  return false;
}

/**
 * The image→floor map of a camera from its pose, for faces at `planeHeight` metres: a pinhole
 * camera at (position, height) looking along yaw (degrees counter-clockwise from +x) and pitch
 * (negative: down), with `hfov` across the image and `vfov` (or, absent, square pixels at the
 * image's `aspect` = width / height) down it. Image points are fractions of width and height, as
 * in a reference. Null when the camera hangs at head height (every face on the horizon line).
 */
export function poseHomography(
  cam: Pick<CameraPose, 'position' | 'height' | 'yaw' | 'pitch' | 'hfov' | 'vfov'>,
  aspect: number,
  planeHeight = HEAD_HEIGHT_M,
): Homography | null {
  const dz = planeHeight - cam.height;
  if (Math.abs(dz) < 0.05 || !(aspect > 0)) return null;
  const yaw = cam.yaw * RAD;
  const pitch = cam.pitch * RAD;
  const f = [Math.cos(yaw) * Math.cos(pitch), Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch)];
  const r = [Math.sin(yaw), -Math.cos(yaw), 0];
  const up = [
    (r[1] as number) * (f[2] as number) - (r[2] as number) * (f[1] as number),
    (r[2] as number) * (f[0] as number) - (r[0] as number) * (f[2] as number),
    (r[0] as number) * (f[1] as number) - (r[1] as number) * (f[0] as number),
  ];
  const tanH = Math.tan((cam.hfov * RAD) / 2);
  const tanV = cam.vfov !== undefined ? Math.tan((cam.vfov * RAD) / 2) : tanH / aspect;
  // The ray through image point (u, v) is D · [u, v, 1], D's columns a, b, c:
  // d = f + (2u − 1)·tanH·r − (2v − 1)·tanV·up.
  const D = [0, 1, 2].map((k) => [
    2 * tanH * (r[k] as number),
    -2 * tanV * (up[k] as number),
    (f[k] as number) - tanH * (r[k] as number) + tanV * (up[k] as number),
  ]) as [number[], number[], number[]];
  // It meets the plane at s = dz / (D₂·q): floor = position + s·(D₀·q, D₁·q). As a homography:
  // [px·D₂ + dz·D₀; py·D₂ + dz·D₁; D₂], signed so that W > 0 where s > 0.
  const [px, py] = cam.position;
  const sign = dz > 0 ? 1 : -1;
  const H: number[] = [];
  for (let j = 0; j < 3; j++) H.push(sign * (px * (D[2][j] as number) + dz * (D[0][j] as number)));
  for (let j = 0; j < 3; j++) H.push(sign * (py * (D[2][j] as number) + dz * (D[1][j] as number)));
  for (let j = 0; j < 3; j++) H.push(sign * (D[2][j] as number));
  return H;
}

/**
 * A camera's image→floor map: fitted to its `reference` points when it has them, else derived
 * from its pose (faces at head height). Image points are fractions of width and height.
 */
export function cameraHomography(
  cam: Pick<CameraPose, 'position' | 'height' | 'yaw' | 'pitch' | 'hfov' | 'vfov'> & {
    reference?: readonly ReferencePoint[] | undefined;
  },
  aspect: number,
): Homography | null {
  if (cam.reference) return fitHomography(cam.reference.map((p) => ({ from: p.image, to: p.floor })));
  return poseHomography(cam, aspect);
}

function collinear(a: Point, b: Point, c: Point): boolean {
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const vx = c[0] - a[0];
  const vy = c[1] - a[1];
  const lengths = Math.hypot(ux, uy) * Math.hypot(vx, vy);
  return !(lengths > 0) || Math.abs(ux * vy - uy * vx) <= COLLINEAR_SINE * lengths;
}

/** A similarity (as a 3 × 3 matrix) moving the points' centroid to 0 and their mean distance to √2. */
function normaliser(points: readonly Point[]): number[] {
  let cx = 0;
  let cy = 0;
  for (const [x, y] of points) {
    cx += x;
    cy += y;
  }
  cx /= points.length;
  cy /= points.length;
  let d = 0;
  for (const [x, y] of points) d += Math.hypot(x - cx, y - cy);
  const s = Math.SQRT2 / (d / points.length);
  return [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1];
}

function inverseSimilarity(m: readonly number[]): number[] {
  const s = m[0] as number;
  return [1 / s, 0, -(m[2] as number) / s, 0, 1 / s, -(m[5] as number) / s, 0, 0, 1];
}

function apply3(m: readonly number[], [x, y]: Point): Point {
  return [
    (m[0] as number) * x + (m[1] as number) * y + (m[2] as number),
    (m[3] as number) * x + (m[4] as number) * y + (m[5] as number),
  ];
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (a[3 * i + k] as number) * (b[3 * k + j] as number);
      out.push(s);
    }
  return out;
}

/** Solves M·x = y (Gaussian elimination, partial pivoting); null when singular. Overwrites M and y. */
function solve(m: Float64Array[], y: Float64Array): number[] | null {
  const n = y.length;
  let scale = 0;
  for (const r of m) for (const v of r) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (
        Math.abs((m[r] as Float64Array)[col] as number) > Math.abs((m[pivot] as Float64Array)[col] as number)
      )
        pivot = r;
    if (!(Math.abs((m[pivot] as Float64Array)[col] as number) > 1e-12 * scale)) return null;
    [m[col], m[pivot]] = [m[pivot] as Float64Array, m[col] as Float64Array];
    [y[col], y[pivot]] = [y[pivot] as number, y[col] as number];
    const pr = m[col] as Float64Array;
    for (let r = col + 1; r < n; r++) {
      const row = m[r] as Float64Array;
      const k = (row[col] as number) / (pr[col] as number);
      if (k === 0) continue;
      for (let c = col; c < n; c++) row[c] = (row[c] as number) - k * (pr[c] as number);
      y[r] = (y[r] as number) - k * (y[col] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as Float64Array;
    let s = y[r] as number;
    for (let c = r + 1; c < n; c++) s -= (row[c] as number) * (x[c] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}
