import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  collisionRate,
  eventTable,
  groupBootstrap,
} from '../../engine/analytics/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { MIN, sighting, T0, testStore } from './fixtures.ts';

const store = testStore();

describe('the collision rate, measured from the events', () => {
  it('is 1/groups for uniformly spread groups, from same-day pairs further apart than a visit', () => {
    const rng = seededRng(7);
    const afternoon = T0 + 6 * 60 * MIN;
    const events = Array.from({ length: 4000 }, () =>
      sighting('cam-a', afternoon + rng() * 6 * 60 * MIN, Math.floor(rng() * 64)),
    );
    const rate = collisionRate(eventTable(events, store, analyticsSettings()));
    expect(rate.byInterval[2]).toBeGreaterThan(0.9 / 64);
    expect(rate.byInterval[2]).toBeLessThan(1.1 / 64);
    expect(rate.effectiveGroups).toBeCloseTo(64, -1);
    // Morning and lunch have no sightings here: no pairs, so NaN, and the pooled rate stands in.
    expect(rate.byInterval[0]).toBeNaN();
  });

  it('counts no pair within the longest visit (one person may be seen many times)', () => {
    const events = [sighting('cam-a', T0, 1), sighting('cam-b', T0 + 30 * MIN, 1)];
    expect(collisionRate(eventTable(events, store, analyticsSettings())).pairs).toBe(0);
  });
});

describe('the bootstrap over groups', () => {
  it('is reproducible and brackets a mean of group weights', () => {
    const stat = (w: Float64Array) => w.reduce((a, b) => a + b, 0) / w.length;
    const a = groupBootstrap(100, stat, { replicates: 50 });
    const b = groupBootstrap(100, stat, { replicates: 50 });
    expect(a).toEqual(b);
    expect(a.lo).toBeLessThanOrEqual(1);
    expect(a.hi).toBeGreaterThanOrEqual(1);
  });
});
