import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  collisionRate,
  eventTable,
  insidePolygon,
  interest,
  sightingTracks,
  viewOf,
} from '../../engine/analytics/index.ts';
import type { SightingV1 } from '../../engine/events/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { personGroups, spell, T0, testStore } from './fixtures.ts';

const store = testStore();

describe('interest per object and zone', () => {
  it('measures a display with its own camera', () => {
    const display = store.objects[0] as (typeof store.objects)[number];
    expect(viewOf(store, insidePolygon(display.polygon))?.camera).toBe('cam-display');
  });

  it('counts passers-by and stoppers, merging a face lost for a moment and seen again', () => {
    const rng = seededRng(4);
    const events: SightingV1[] = [];
    // 300 passers-by, 100 of whom stop 30 s; 50 of the stoppers turn away for 4 s in between.
    for (let p = 0; p < 300; p++) {
      const at = T0 + p * 13_700;
      const group = personGroups(Math.floor(rng() * 256), 256, 0.5, rng);
      if (p % 3) events.push(...spell('cam-display', at, 0, group));
      else if (p % 2) events.push(...spell('cam-display', at, 30_000, group));
      else
        events.push(
          ...spell('cam-display', at, 10_000, group),
          ...spell('cam-display', at + 14_000, 20_000, group),
        );
    }
    const table = eventTable(events, store, analyticsSettings());
    const found = interest(table, sightingTracks(table), collisionRate(table));
    const d = found.find((i) => i.id === 'display');
    expect(d?.cameras).toEqual(['cam-display']);
    expect(d?.passers).toBeGreaterThan(300 * 0.9);
    expect(d?.passers).toBeLessThan(300 * 1.1);
    expect(d?.stoppers).toBeGreaterThan(100 * 0.85);
    expect(d?.stoppers).toBeLessThan(100 * 1.15);
    expect(d?.attraction).toBeCloseTo(1 / 3, 1);
    expect(d?.dwellMs?.p50).toBeGreaterThanOrEqual(15_000);
    // The zone b holds the display's camera.
    expect(found.find((i) => i.id === 'b')?.cameras).toContain('cam-display');
  });
});
