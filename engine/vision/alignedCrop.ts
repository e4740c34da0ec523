import type { Frame } from './frame.ts';

/** A square region of a frame, turned by `angle` (radians, clockwise in image coordinates). */
export type CropRegion = { cx: number; cy: number; size: number; angle: number };

/**
 * Samples a square, possibly rotated region of a frame into an `out` × `out` RGB image (floats
 * 0…255, NHWC) by bilinear interpolation; outside the frame is black. Output pixel (u, v) comes
 * from the frame at centre + R(angle)·offset, so a face whose eyes slope by `angle` comes out level.
 * `into` may be given to reuse a buffer (e.g. a slot of a batch).
 */
export function alignedCrop(frame: Frame, r: CropRegion, out: number, into?: Float32Array): Float32Array {
  const dst = into ?? new Float32Array(out * out * 3);
  const { data, width, height } = frame;
  const step = r.size / out;
  const cos = Math.cos(r.angle) * step;
  const sin = Math.sin(r.angle) * step;
  const half = out / 2;
  let o = 0;
  for (let v = 0; v < out; v++) {
    const dy = v + 0.5 - half;
    for (let u = 0; u < out; u++) {
      const dx = u + 0.5 - half;
      // Frame coordinates of the sample, with pixel centres at integers.
      const x = r.cx + cos * dx - sin * dy - 0.5;
      const y = r.cy + sin * dx + cos * dy - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      // Weights of the four neighbours; a neighbour outside the frame counts as black.
      const inX0 = x0 >= 0 && x0 < width;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < width;
      const inY0 = y0 >= 0 && y0 < height;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < height;
      const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) : 0;
      const w10 = inX1 && inY0 ? fx * (1 - fy) : 0;
      const w01 = inX0 && inY1 ? (1 - fx) * fy : 0;
      const w11 = inX1 && inY1 ? fx * fy : 0;
      // Offsets of the four neighbours, clamped into the frame (their weight is 0 when clamped).
      const cx0 = x0 < 0 ? 0 : x0 >= width ? width - 1 : x0;
      const cx1 = x0 + 1 < 0 ? 0 : x0 + 1 >= width ? width - 1 : x0 + 1;
      const row0 = (y0 < 0 ? 0 : y0 >= height ? height - 1 : y0) * width;
      const row1 = (y0 + 1 < 0 ? 0 : y0 + 1 >= height ? height - 1 : y0 + 1) * width;
      const p00 = (row0 + cx0) * 3;
      const p10 = (row0 + cx1) * 3;
      const p01 = (row1 + cx0) * 3;
      const p11 = (row1 + cx1) * 3;
      for (let c = 0; c < 3; c++)
        dst[o++] =
          w00 * (data[p00 + c] as number) +
          w10 * (data[p10 + c] as number) +
          w01 * (data[p01 + c] as number) +
          w11 * (data[p11 + c] as number);
    }
  }
  return dst;
}
