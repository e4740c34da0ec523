import { readFileSync } from 'node:fs';
import pointInPolygon from 'point-in-polygon';
import { type Point, storeSchema, strictlyInside, validateStore } from '../../engine/layout/index.ts';
import { type BenchLine, compare } from './measure.ts';

const grocery = JSON.parse(readFileSync('scenarios/stores/demo-grocery.json', 'utf8'));

/** Point-in-polygon on the grocery's obstacles against the npm point-in-polygon package. */
export function pointInPolygonBench(): BenchLine {
  const polys = storeSchema.parse(grocery).obstacles.map((o) => o.polygon);
  const plain = polys.map((p) => p.map(([x, y]) => [x, y]));
  // A fixed lattice of query points over the store (no randomness needed).
  const pts: Point[] = [];
  for (let x = 0.05; x < 40; x += 0.7) for (let y = 0.05; y < 30; y += 0.7) pts.push([x, y]);
  let sink = 0;
  const line = compare(
    'layout-pip',
    'point_in_polygon_tests_per_s',
    () => {
      for (const p of pts) for (const poly of polys) if (strictlyInside(poly, p)) sink++;
    },
    {
      name: 'point-in-polygon (npm)',
      fn: () => {
        for (const p of pts)
          for (const poly of plain) if (pointInPolygon(p as unknown as number[], poly)) sink++;
      },
    },
    20,
  );
  const perCall = pts.length * polys.length;
  if (sink < 0) throw new Error('unreachable');
  return {
    ...line,
    value: line.value * perCall,
    peerValue: (line.peerValue ?? 0) * perCall,
    note: `${pts.length} points × ${polys.length} obstacles per call, both even-odd ray casting`,
  };
}

/** Full validation of the grocery against parsing its shape alone (zod): the price of the rules. */
export function validateBench(): BenchLine {
  return compare(
    'layout-validate',
    'grocery_validations_per_s',
    () => {
      if (!validateStore(grocery).ok) throw new Error('grocery should be valid');
    },
    { name: 'zod shape parse only', fn: () => storeSchema.parse(grocery) },
    5,
    5,
    'ratio < 1 is expected: geometry rules and the 0.1 m reachability flood cost this much over shape checks',
  );
}
