import { VarvError } from '../../engine/errors.ts';
import type { ResolvedScenario } from '../../engine/layout/index.ts';
import { runStoreDays, type StoreDaySummary, type VisitTruth } from '../sim/index.ts';
import type { LabRelease } from './labRelease.ts';
import { releaseRecorder } from './releaseRecorder.ts';

/**
 * Store days through the whole simulator (crowd, cameras, the privacy core), keeping beside each
 * released sighting the visit it came from (the sink's `sightedBy` truth) and each visit's person:
 * the release an attacker gets, and the truth that scores the attacks.
 */
export function runLinkedDays(
  sc: ResolvedScenario,
  opts: { seed?: number; days?: number; calibrationPairs?: number } = {},
): { release: LabRelease; summary: StoreDaySummary } {
  const recorder = releaseRecorder(sc);
  const { intervals } = recorder;
  const truth = new Map<number, VisitTruth>();
  const summary = runStoreDays(
    sc,
    {
      sightedBy: recorder.sightedBy,
      truth(r) {
        if (r.type === 'visit') truth.set(r.visit, r);
      },
    },
    { seed: opts.seed, days: opts.days, calibrationPairs: opts.calibrationPairs },
  );
  const n = truth.size;
  const visits: LabRelease['visits'] = {
    length: n,
    person: new Int32Array(n),
    store: [],
    day: new Int32Array(n),
    entered: new Float64Array(n),
    gender: [],
    age: [],
  };
  for (let k = 0; k < n; k++) {
    const t = truth.get(k);
    if (!t) throw new VarvError('E_INTERNAL', `visit ${k} has no truth record (visits are numbered densely)`);
    visits.person[k] = t.person;
    visits.store.push(sc.store.id);
    visits.day[k] = intervals.at(t.entered).day;
    visits.entered[k] = t.entered;
    visits.gender.push(t.gender);
    visits.age.push(t.age);
  }
  return { release: { ...recorder.build(), visits }, summary };
}
