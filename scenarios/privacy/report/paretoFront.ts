/**
 * Which points are Pareto-optimal when both coordinates are to be minimised: no other point is at
 * least as good in both and better in one. Points with a missing coordinate are never on the front.
 */
export function paretoFront(points: readonly { x: number | null; y: number | null }[]): boolean[] {
  return points.map((p, i) => {
    if (p.x === null || p.y === null || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return false;
    const px = p.x;
    const py = p.y;
    return !points.some(
      (q, j) => j !== i && q.x !== null && q.y !== null && q.x <= px && q.y <= py && (q.x < px || q.y < py),
    );
  });
}
