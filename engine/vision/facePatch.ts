import type { CropRegion } from './alignedCrop.ts';
import type { Frame } from './frame.ts';

/**
 * The pixels around one face, copied out of a frame so that the frame can be wiped at once: the
 * smallest rectangle holding every pixel `alignedCrop` may read for `region` (whatever its angle),
 * and the region in the patch's coordinates. `alignedCrop(patch.pixels, patch.region, n)` equals
 * `alignedCrop(frame, region, n)`. `born` is when it was cut (a monotonic clock reading), for its
 * lifetime.
 */
export type FacePatch = { pixels: Frame; region: CropRegion; born: number };

/** How far from a region's centre its patch reaches: every sample lies within size/√2 (less half a pixel), and bilinear reads one further. */
function reachOf(region: CropRegion): number {
  return region.size * Math.SQRT1_2 + 2;
}

/**
 * Bytes enough for the patch of `region`, or of a region up to `slack` times its size (to allocate
 * before the frame is decoded, when the region is known only approximately).
 */
export function patchCapacity(region: CropRegion, slack = 1): number {
  const side = Math.ceil(2 * reachOf({ ...region, size: region.size * slack })) + 2;
  return side * side * 3;
}

/**
 * Cuts the patch of `region` out of `frame` (the frame is not changed; the caller wipes the
 * patch), into `into` when it is large enough (a buffer allocated beforehand, so that nothing is
 * allocated, and no garbage collection set off, while the frame's pixels exist).
 */
export function cutPatch(frame: Frame, region: CropRegion, born = Number.NaN, into?: Uint8Array): FacePatch {
  const reach = reachOf(region);
  const x0 = Math.max(0, Math.floor(region.cx - reach));
  const y0 = Math.max(0, Math.floor(region.cy - reach));
  const x1 = Math.min(frame.width, Math.ceil(region.cx + reach));
  const y1 = Math.min(frame.height, Math.ceil(region.cy + reach));
  if (x1 <= x0 || y1 <= y0) {
    // The region misses the frame: one black pixel far from it (the crop comes out black anyway).
    const far = { ...region, cx: -reach - 2, cy: -reach - 2 };
    const data = into && into.length >= 3 ? into.subarray(0, 3).fill(0) : new Uint8Array(3);
    return { pixels: { data, width: 1, height: 1 }, region: far, born };
  }
  const width = x1 - x0;
  const height = y1 - y0;
  const need = width * height * 3;
  const data = into && into.length >= need ? into.subarray(0, need) : new Uint8Array(need);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * frame.width + x0) * 3;
    data.set(frame.data.subarray(from, from + width * 3), y * width * 3);
  }
  return {
    pixels: { data, width, height },
    region: { ...region, cx: region.cx - x0, cy: region.cy - y0 },
    born,
  };
}
