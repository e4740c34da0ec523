import type { Box } from './nms.ts';

/** A face found in a frame: its box, score (0…1) and 6 keypoints, in frame pixels. */
export type Detection = {
  box: Box;
  score: number;
  /** Right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion (as seen by the person). */
  keypoints: [number, number][];
};

/** One grid of BlazeFace outputs: a logit and 16 regressors per anchor. */
export type BlazeFaceGrid = { logits: Float32Array; regressors: Float32Array };

/**
 * Turns BlazeFace outputs into candidate detections with a score of at least `minScore`:
 * box centre = anchor + offset, size as regressed, keypoints likewise, then from input pixels
 * to frame pixels by dividing by `scale`.
 */
export function decodeBlazeFace(
  grids: readonly BlazeFaceGrid[],
  anchors: Float32Array,
  scale: number,
  minScore: number,
): Detection[] {
  const out: Detection[] = [];
  const minLogit = Math.log(minScore / (1 - minScore));
  let a = 0;
  for (const { logits, regressors } of grids) {
    for (let i = 0; i < logits.length; i++, a++) {
      const logit = logits[i] as number;
      if (!(logit >= minLogit)) continue;
      const r = regressors.subarray(16 * i, 16 * i + 16);
      const ax = anchors[2 * a] as number;
      const ay = anchors[2 * a + 1] as number;
      const cx = ax + (r[0] as number);
      const cy = ay + (r[1] as number);
      const w = r[2] as number;
      const h = r[3] as number;
      const keypoints: [number, number][] = [];
      for (let k = 0; k < 6; k++)
        keypoints.push([(ax + (r[4 + 2 * k] as number)) / scale, (ay + (r[5 + 2 * k] as number)) / scale]);
      out.push({
        box: { x: (cx - w / 2) / scale, y: (cy - h / 2) / scale, width: w / scale, height: h / scale },
        score: 1 / (1 + Math.exp(-logit)),
        keypoints,
      });
    }
  }
  return out;
}
