import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  eventTable,
  serversNeeded,
  sightingTracks,
  staffing,
  tillForecast,
} from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { count, MIN, spell, T0, testStore } from './fixtures.ts';

const store = testStore();

describe('tills needed in the next 15 and 30 minutes', () => {
  it('forecast checkout arrivals from the door one visit earlier, and Erlang C gives the tills', () => {
    // Four people a minute come in for 3 hours; visits last 10 minutes.
    const events: CountV1[] = [];
    for (let m = 1; m <= 180; m++) events.push(count('in', 4, T0 + m * MIN));
    const table = eventTable(events, store, analyticsSettings());
    const f = tillForecast(table, 10 * MIN);
    const mid = f.filter((x) => x.at >= T0 + 60 * MIN && x.at <= T0 + 150 * MIN);
    expect(mid.length).toBeGreaterThan(0);
    for (const x of mid) {
      expect(x.arrivalsPerMin).toBeCloseTo(4, 0);
      // The test till serves in 60 s on average (exponential): 4/min needs 6 tills for a 2-minute wait.
      expect(x.tills).toBe(serversNeeded(4 / 60, 1 / 60, 120));
    }
    // A 30-minute horizon reaches past what has come in: it is forecast at the recent rate.
    expect(mid.some((x) => x.horizonMin === 30)).toBe(true);
  });
});

describe('staffing per interval', () => {
  it('mans the post whose zones hold the most people', () => {
    const events: (SightingV1 | CountV1)[] = [count('in', 20, T0 + MIN)];
    for (let p = 0; p < 20; p++) events.push(...spell('cam-b', T0 + p * 61_300, 120_000, () => p));
    for (let p = 0; p < 3; p++) events.push(...spell('cam-a', T0 + p * 61_300, 20_000, () => p));
    events.push(count('out', 20, T0 + 30 * MIN));
    const table = eventTable(events, store, analyticsSettings());
    const plan = staffing(table, sightingTracks(table), { peoplePerPost: 0.5 });
    const morning = plan.find((p) => p.interval === 'morning');
    expect(morning?.posts[0]?.post).toBe('post-b');
    expect(morning?.posts[0]?.staffed).toBe(true);
    expect(morning?.posts[1]?.staffed).toBe(false);
    expect(morning?.tills).toBeGreaterThanOrEqual(1);
  });
});
