import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  collisionRate,
  eventTable,
  histogramQuantile,
  occupancy,
  visitDuration,
} from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { gaussian, seededRng } from '../../engine/privacy/index.ts';
import { count, MIN, personGroups, sighting, T0, testStore } from './fixtures.ts';

const store = testStore();

/** People coming in over 5 h with lognormal visit lengths (median 8 min); entry and exit sightings. */
function crowd(people: number, groups: number, seed: number) {
  const rng = seededRng(seed);
  const events: (SightingV1 | CountV1)[] = [];
  const durations: number[] = [];
  for (let p = 0; p < people; p++) {
    const inAt = T0 + rng() * 5 * 60 * MIN;
    const stay = 8 * MIN * Math.exp(0.5 * gaussian(rng));
    durations.push(stay);
    const group = personGroups(Math.floor(rng() * groups), groups, 0.5, rng);
    events.push(count('in', 1, inAt), count('out', 1, inAt + stay));
    events.push(sighting('cam-in', inAt + 2_000, group()), sighting('cam-out', inAt + stay - 2_000, group()));
  }
  durations.sort((a, b) => a - b);
  return { events, median: durations[durations.length >> 1] as number };
}

describe('visit duration by entry–exit pairing', () => {
  it('finds the median visit within 10% through 256 colliding groups, its interval covering it', () => {
    const { events, median } = crowd(3000, 256, 1);
    const table = eventTable(events, store, analyticsSettings());
    const d = visitDuration(table, collisionRate(table), occupancy(table), { replicates: 100 });
    expect(d.suppressed).toBe(false);
    expect(Math.abs((d.medianMs as number) - median) / median).toBeLessThan(0.1);
    expect(d.medianCi?.lo).toBeLessThan(median);
    expect(d.medianCi?.hi).toBeGreaterThan(median);
    // The background it removed is close to what two random people share.
    expect(d.background).toBeGreaterThan(0.5 / 256);
    expect(d.background).toBeLessThan(2 / 256);
  });

  it("gives the mean by Little's law from the door counts alone", () => {
    const { events } = crowd(500, 256, 2);
    const table = eventTable(events, store, analyticsSettings());
    const d = visitDuration(table, collisionRate(table), occupancy(table), { replicates: 20 });
    const stays = events.filter((e) => e.type === 'count');
    expect(d.littleMeanMs).toBeGreaterThan(7 * MIN);
    expect(d.littleMeanMs).toBeLessThan(10 * MIN);
    expect(stays).toHaveLength(1000);
  });

  it('is suppressed without pairs', () => {
    const table = eventTable([sighting('cam-in', T0, 3)], store, analyticsSettings());
    const d = visitDuration(table, collisionRate(table), occupancy(table));
    expect(d.suppressed).toBe(true);
    expect(d.medianMs).toBeNull();
  });
});

describe('histogram quantiles', () => {
  it('interpolate within the bin and ignore negative noise before the target', () => {
    expect(histogramQuantile([0, 10, 10, 0], 1000, 0.5)).toBe(2000);
    expect(histogramQuantile([0, 10, 10, 0], 1000, 0.25)).toBe(1500);
    // Total 20, half is 10: reached at the end of the second bin (−2 + 12).
    expect(histogramQuantile([-2, 12, 10], 1000, 0.5)).toBeCloseTo(2000, 9);
    expect(histogramQuantile([0, 0], 1000, 0.5)).toBeNaN();
  });
});
