import type { CropRegion } from './alignedCrop.ts';
import type { Detection } from './decodeBlazeFace.ts';

/**
 * The square region to describe for a detection: centred on the box, `margin` times its larger
 * side, turned so that the eyes (keypoints 0 and 1) come out level.
 */
export function faceRegion(d: Detection, margin: number): CropRegion {
  const [right, left] = d.keypoints;
  const angle = right && left ? Math.atan2(left[1] - right[1], left[0] - right[0]) : 0;
  return {
    cx: d.box.x + d.box.width / 2,
    cy: d.box.y + d.box.height / 2,
    size: Math.max(d.box.width, d.box.height) * margin,
    angle,
  };
}
