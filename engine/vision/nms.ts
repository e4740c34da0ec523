/** An axis-aligned box in pixels: top-left corner and size. */
export type Box = { x: number; y: number; width: number; height: number };

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Greedy non-maximum suppression: takes candidates by falling score and keeps one unless it
 * overlaps a kept one by more than `maxIou`. Returns the kept candidates, best first; ties in
 * score keep their input order.
 */
export function nms<T extends { box: Box; score: number }>(
  candidates: readonly T[],
  maxIou: number,
  limit = Infinity,
): T[] {
  const order = candidates
    .map((_, i) => i)
    .sort((i, j) => (candidates[j] as T).score - (candidates[i] as T).score || i - j);
  const kept: T[] = [];
  for (const i of order) {
    if (kept.length >= limit) break;
    const c = candidates[i] as T;
    if (kept.every((k) => iou(k.box, c.box) <= maxIou)) kept.push(c);
  }
  return kept;
}
