import type { SightingV1 } from '../../engine/events/index.ts';
import type { ResolvedScenario } from '../../engine/layout/index.ts';
import { DayIntervals, keyEpoch } from '../../engine/privacy/index.ts';
import type { SightingTable } from '../../engine/privacy/risk/index.ts';
import { releaseBuilder } from './labRelease.ts';

/**
 * Records a simulation's released sightings as a lab table, each beside the visit it came from:
 * give `sightedBy` to the store-day sink (truth only; the events themselves are unchanged).
 */
export function releaseRecorder(sc: ResolvedScenario) {
  const rotation = sc.privacy?.rotation ?? 'none';
  const intervals = new DayIntervals(sc.store.timezone, sc.privacy?.intervals);
  const b = releaseBuilder();
  const visitOf: number[] = [];
  return {
    intervals,
    sightedBy(e: SightingV1, visit: number): void {
      const day = intervals.at(e.t).day;
      b.add(
        e.store,
        e.zone,
        e.group,
        e.interval,
        day,
        keyEpoch(rotation, day),
        e.t,
        e.attrs?.gender,
        e.attrs?.age,
      );
      visitOf.push(visit);
    },
    build(): { table: SightingTable; visitOf: Int32Array } {
      return { table: b.build(), visitOf: Int32Array.from(visitOf) };
    },
  };
}
