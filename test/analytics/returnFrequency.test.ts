import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  collisionRate,
  eventTable,
  returnFrequency,
} from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { count, MIN, personGroups, sighting, T0, testStore } from './fixtures.ts';

const store = testStore();
const DAY = 24 * 60 * MIN;
const AFTERNOON = T0 + 6 * 60 * MIN; // 15:00

/**
 * Two afternoons of `visits` each; on the second, a share `share` of the visits are by people of the
 * first afternoon (each keeps their group ID: the interval and the key are the same).
 */
function twoDays(visits: number, share: number, groups: number, seed: number) {
  const rng = seededRng(seed);
  const events: (SightingV1 | CountV1)[] = [];
  const homes = Array.from({ length: visits }, () => Math.floor(rng() * groups));
  const cams = ['cam-a', 'cam-b', 'cam-c', 'cam-display'];
  const visit = (day: number, home: number) => {
    const at = AFTERNOON + day * DAY + rng() * 5 * 60 * MIN;
    const group = personGroups(home, groups, 0.5, rng);
    events.push(count('in', 1, at));
    for (let k = 0; k < 12; k++)
      events.push(sighting(cams[k % cams.length] as string, at + k * 25_000, group()));
  };
  for (const home of homes) visit(0, home);
  let back = 0;
  for (let v = 0; v < visits; v++) {
    if (rng() < share) {
      back++;
      visit(1, homes[Math.floor(rng() * visits)] as number);
    } else visit(1, Math.floor(rng() * groups));
  }
  return { events, truth: back / visits };
}

describe('return frequency, corrected for consistency and collisions', () => {
  it('recovers the share of second-day visits by first-day visitors, with an interval covering it', () => {
    const { events, truth } = twoDays(1500, 0.3, 4096, 3);
    const table = eventTable(
      events,
      store,
      analyticsSettings({ groups: 4096, consistency: 0.5, intervals: ['06:00', '11:00', '14:00'] }),
    );
    const r = returnFrequency(table, collisionRate(table), { replicates: 100 });
    expect(r.days).toBe(2);
    expect(r.laterVisits).toBe(1500);
    expect(Math.abs((r.frequency as number) - truth)).toBeLessThan(0.08);
    expect(r.ci?.lo).toBeLessThanOrEqual(truth);
    expect(r.ci?.hi).toBeGreaterThanOrEqual(truth);
  });

  it('says nothing about one day, and is much less sure with fewer groups', () => {
    const one = eventTable(
      twoDays(200, 0.3, 256, 4).events.filter((e) => e.t < AFTERNOON + DAY / 2),
      store,
      analyticsSettings(),
    );
    expect(returnFrequency(one, collisionRate(one)).frequency).toBeNull();
    const width = (groups: number) => {
      const table = eventTable(
        twoDays(1500, 0.3, groups, 5).events,
        store,
        analyticsSettings({ groups, consistency: 0.5, intervals: ['06:00', '11:00', '14:00'] }),
      );
      const r = returnFrequency(table, collisionRate(table), { replicates: 60 });
      return (r.ci?.hi as number) - (r.ci?.lo as number);
    };
    expect(width(256)).toBeGreaterThan(width(4096));
  });
});
