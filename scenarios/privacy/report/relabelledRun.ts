import type { CountV1, SightingV1 } from '../../../engine/events/index.ts';
import type { PrivacySettings, ResolvedScenario } from '../../../engine/layout/index.ts';
import { intervalNames, keyEpoch } from '../../../engine/privacy/index.ts';
import { DEFAULT_SENSORS } from '../../sensors/index.ts';
import { Population, RandomTree, simulationAssigner } from '../../sim/index.ts';
import { fastRng } from '../fastRng.ts';
import { type LabRelease, releaseBuilder } from '../labRelease.ts';
import { PersonCodes } from '../personCodes.ts';
import type { CrowdRecording } from './crowdRecording.ts';

export type RelabelledRun = {
  scenario: ResolvedScenario;
  /** The recording's events, each sighting's group assigned anew under `privacy`. */
  events: (SightingV1 | CountV1)[];
  /** The same sightings as the attacker's release, with the truth beside them. */
  release: LabRelease;
  /** How many groups people are really spread over under `privacy` (the calibration's estimate). */
  effectiveGroups: number;
};

/**
 * The recording's sightings under other privacy settings: the same people on the same walks, each
 * sighting's group drawn again through the real group assigner calibrated for `privacy` (a code of
 * the person's face through the sensors' noise model, as the lab's synthetic mode draws it, then
 * the keyed hash for the sighting's interval and key epoch). Door counts and everything else stay.
 * Deterministic in (recording, privacy, pool).
 */
export function relabelledRun(
  rec: CrowdRecording,
  privacy: PrivacySettings,
  opts: { pool?: number } = {},
): RelabelledRun {
  const sc: ResolvedScenario = { ...rec.scenario, privacy };
  const { assigner, report } = simulationAssigner(sc, rec.seed);
  const population = new Population(
    new RandomTree(rec.seed).child('population'),
    sc.shoppers?.population ?? 1,
    DEFAULT_SENSORS.noise.dim,
    sc.shoppers?.returning ?? 0,
  );
  const codes = new PersonCodes(assigner, DEFAULT_SENSORS.noise, opts.pool ?? 32, rec.seed);
  const rng = fastRng(`relabel|${sc.store.id}|${rec.seed}|${privacy.groups}|${privacy.consistency}`);
  const b = releaseBuilder();
  const visitOfSighting: number[] = [];
  // Visits renumbered densely in order of first sighting.
  const visitIndex = new Map<number, number>();
  const visits: LabRelease['visits'] = {
    length: 0,
    person: new Int32Array(0),
    store: [],
    day: new Int32Array(0),
    entered: new Float64Array(0),
    gender: [],
    age: [],
  };
  const person: number[] = [];
  const day: number[] = [];
  const entered: number[] = [];
  const events = rec.events.map((e, i) => {
    if (e.type !== 'sighting') return e;
    const visit = rec.visitOf[i] as number;
    const truth = rec.visits.get(visit);
    if (!truth) return e;
    const at = assigner.intervals.at(e.t);
    const epoch = keyEpoch(privacy.rotation, at.day);
    const group = codes.group(population.person(truth.person), epoch, e.interval, rng);
    let v = visitIndex.get(visit);
    if (v === undefined) {
      v = person.length;
      visitIndex.set(visit, v);
      person.push(truth.person);
      day.push(assigner.intervals.at(truth.entered).day);
      entered.push(truth.entered);
      visits.store.push(sc.store.id);
      visits.gender.push(truth.gender);
      visits.age.push(truth.age);
    }
    b.add(
      e.store,
      e.zone,
      group,
      intervalNames.indexOf(e.interval),
      at.day,
      epoch,
      e.t,
      e.attrs?.gender,
      e.attrs?.age,
    );
    visitOfSighting.push(v);
    return { ...e, group };
  });
  visits.length = person.length;
  visits.person = Int32Array.from(person);
  visits.day = Int32Array.from(day);
  visits.entered = Float64Array.from(entered);
  return {
    scenario: sc,
    events,
    release: { table: b.build(), visitOf: Int32Array.from(visitOfSighting), visits },
    effectiveGroups: report.effectiveGroups,
  };
}
