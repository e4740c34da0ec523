import { ageBands, type genders } from '../events/index.ts';
import { intervalNames, release } from '../privacy/index.ts';
import type { EventTable } from './eventTable.ts';
import { solveLinear } from './solveLinear.ts';
import type { Tracks } from './tracks.ts';

/** Shares of man/woman and of age bands among the people seen in a zone in an interval. */
export type DemographicCell = {
  zone: string;
  interval: (typeof intervalNames)[number];
  /** Tracks (people seen, a person once per spell in view) and the distinct groups among them. */
  seen: number;
  gender: Record<(typeof genders)[number], number> | null;
  age: Record<(typeof ageBands)[number], number> | null;
};

/**
 * Demographics per zone and day interval, from the attributes of each track's first sighting (one
 * vote per spell in view, not per sighting, so lingering does not weigh more). With the
 * classifiers' accuracy given, their confusion is undone: gender by w = (ŵ − (1 − a))/(2a − 1),
 * age bands by solving the confusion matrix (right band with P = a, else a neighbouring band).
 * A cell is released only from k distinct group IDs.
 */
export function demographics(table: EventTable, tracks: Tracks): DemographicCell[] {
  const s = table.sightings;
  const { k, attributeAccuracy } = table.settings;
  const cells = new Map<number, { g: number[]; a: number[]; groups: Set<number>; seen: number }>();
  for (let j = 0; j < tracks.length; j++) {
    const key = (tracks.zone[j] as number) * 3 + (tracks.interval[j] as number);
    let cell = cells.get(key);
    if (!cell) {
      cell = { g: [0, 0], a: [0, 0, 0, 0, 0], groups: new Set(), seen: 0 };
      cells.set(key, cell);
    }
    const i = tracks.first[j] as number;
    cell.seen++;
    cell.groups.add(s.group[i] as number);
    const g = s.gender[i] as number;
    const a = s.age[i] as number;
    if (g >= 0) cell.g[g] = (cell.g[g] as number) + 1;
    if (a >= 0) cell.a[a] = (cell.a[a] as number) + 1;
  }
  const out: DemographicCell[] = [];
  for (const [key, cell] of [...cells].sort((x, y) => x[0] - y[0])) {
    const zone = table.zones[Math.floor(key / 3)] as string;
    const interval = intervalNames[key % 3] as (typeof intervalNames)[number];
    const ok = !release({ value: 0, groups: cell.groups }, k).suppressed;
    const gTotal = (cell.g[0] as number) + (cell.g[1] as number);
    const aTotal = cell.a.reduce((x, y) => x + y, 0);
    let woman = gTotal ? (cell.g[1] as number) / gTotal : Number.NaN;
    let age = cell.a.map((n) => (aTotal ? n / aTotal : Number.NaN));
    if (attributeAccuracy && gTotal) {
      const acc = attributeAccuracy.gender;
      if (acc > 0.5) woman = Math.min(1, Math.max(0, (woman - (1 - acc)) / (2 * acc - 1)));
    }
    if (attributeAccuracy && aTotal) age = unconfuseAge(age, attributeAccuracy.age);
    out.push({
      zone,
      interval,
      seen: cell.seen,
      gender: ok && gTotal ? { man: 1 - woman, woman } : null,
      age:
        ok && aTotal
          ? (Object.fromEntries(ageBands.map((b, i) => [b, age[i] as number])) as DemographicCell['age'])
          : null,
    });
  }
  return out;
}

/** True age-band shares from observed ones, given P(right band) = a and errors to neighbouring bands. */
export function unconfuseAge(observed: readonly number[], a: number): number[] {
  const n = observed.length;
  // C[o][t] = P(observe band o | true band t).
  const C = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let t = 0; t < n; t++) {
    const nbrs = [t - 1, t + 1].filter((o) => o >= 0 && o < n);
    (C[t] as number[])[t] = a;
    for (const o of nbrs) {
      const row = C[o] as number[];
      row[t] = (row[t] as number) + (1 - a) / nbrs.length;
    }
  }
  const x = solveLinear(C, [...observed]);
  if (!x) return [...observed];
  const clipped = x.map((v) => Math.max(0, v));
  const sum = clipped.reduce((p, q) => p + q, 0);
  return sum > 0 ? clipped.map((v) => v / sum) : [...observed];
}
