import { describe, expect, it } from 'vitest';
import {
  alongPolyline,
  analyticsSettings,
  eventTable,
  occupancy,
  queues,
  sightingTracks,
  viewDepth,
  viewOf,
} from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { count, MIN, spell, T0, testStore } from './fixtures.ts';

const store = testStore();

describe('queues per till', () => {
  it('watch a till with the camera made for its line, not the wide one that also sees it', () => {
    expect(viewOf(store, alongPolyline((store.tills[0] as (typeof store.tills)[number]).queue))?.camera).toBe(
      'cam-line',
    );
  });

  it('measure the line from its tracks, and the mean wait per customer by Little’s law', () => {
    // Ten customers in line, one every 2 minutes, each seen for 60 s (7 sightings), and twenty
    // visits at the door (the other ten walked straight up to a free till).
    const events: (SightingV1 | CountV1)[] = [];
    for (let i = 0; i < 10; i++) {
      const at = T0 + i * 2 * MIN;
      let g = i;
      events.push(...spell('cam-line', at, 60_000, () => g++ % 50));
      events.push(count('in', 2, at - 10 * MIN));
    }
    const table = eventTable(events, store, analyticsSettings());
    const q = queues(table, sightingTracks(table), occupancy(table), { binMs: 20 * MIN });
    const till = q.tills[0];
    expect(till?.camera).toBe('cam-line');
    // 60 s from first to last sighting + half a period = 65 s in view each, less the walk up to
    // the (empty) line: half the view's depth down the line at 1 m/s.
    const depth = viewDepth(store, 'cam-line', (store.tills[0] as (typeof store.tills)[number]).queue);
    expect(depth).toBeGreaterThan(3);
    expect(depth).toBeLessThan(4);
    const each = 65_000 - (depth / 2) * 1000;
    expect(till?.personMs).toBeCloseTo(10 * each, 6);
    expect(till?.waited.n).toBe(10);
    expect(q.customers).toBe(20);
    expect(q.meanWaitMs).toBeCloseTo((10 * each) / 20, 6);
    const first = till?.series[0];
    expect(first?.length.suppressed).toBe(false);
    expect(first?.length.value).toBeCloseTo((10 * each) / (20 * MIN), 9);
    expect(till?.peak).toBe(1);
  });

  it('suppresses a bin made of fewer than k groups', () => {
    const events = spell('cam-line', T0, 60_000, () => 3);
    const table = eventTable(events, store, analyticsSettings());
    const q = queues(table, sightingTracks(table), occupancy(table));
    expect(q.tills[0]?.series.every((c) => c.length.suppressed)).toBe(true);
  });
});
