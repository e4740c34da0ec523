import polygonClipping, { type MultiPolygon, type Pair } from 'polygon-clipping';
import { area } from './polygon.ts';
import type { Point, Polygon } from './types.ts';

// Boolean operations come from polygon-clipping (Martinez-Rueda sweep line, the one turf used);
// these wrappers only turn its multipolygons into the areas the validator needs.

function ring(poly: Polygon): Pair[] {
  return poly.map((p) => [p[0], p[1]] as Pair);
}

/** Area of a multipolygon result (outer rings minus holes). */
export function multiPolygonArea(mp: MultiPolygon): number {
  let total = 0;
  for (const polygon of mp) {
    polygon.forEach((r, i) => {
      total += i === 0 ? area(r) : -area(r);
    });
  }
  return total;
}

/** The polygons where a and b overlap. */
export function intersection(a: Polygon, b: Polygon): Point[][] {
  return polygonClipping.intersection([ring(a)], [ring(b)]).map((p) => (p[0] ?? []).slice(0, -1));
}

/** Area (m²) where a and b overlap; touching edges give 0. */
export function overlapArea(a: Polygon, b: Polygon): number {
  return multiPolygonArea(polygonClipping.intersection([ring(a)], [ring(b)]));
}

/** Area (m²) of `inner` that lies outside `outer`. */
export function areaOutside(inner: Polygon, outer: Polygon): number {
  return multiPolygonArea(polygonClipping.difference([ring(inner)], [ring(outer)]));
}
