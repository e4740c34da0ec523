import { DateTime } from 'luxon';
import { VarvError } from '../../engine/errors.ts';
import { ageBands } from '../../engine/events/index.ts';
import { minutesOfDay, type ResolvedScenario } from '../../engine/layout/index.ts';
import { keyEpoch } from '../../engine/privacy/index.ts';
import { DEFAULT_SENSORS, type SensorSettings } from '../sensors/index.ts';
import { arrivalTimes, type Person, Population, RandomTree, simulationAssigner } from '../sim/index.ts';
import { fastRng } from './fastRng.ts';
import { type LabRelease, releaseBuilder } from './labRelease.ts';
import { PersonCodes } from './personCodes.ts';
import type { VisitTemplates } from './visitTemplates.ts';

export type SynthesisOptions = {
  seed?: number;
  days?: number;
  /** Codes drawn per person (default 32). */
  pool?: number;
  sensors?: SensorSettings;
  /** A template is drawn among those that began within this many seconds of the arrival's time of day. */
  windowS?: number;
  calibrationPairs?: number;
};

/**
 * A release synthesised far faster than the crowd simulation, from the simulator's own parts: the
 * scenario's arrivals (the same streams as the simulator), the same fixed population with the same
 * returning visitors, the same calibrated group assigner (key, quantiser, keyed hash per interval
 * and epoch), and the sensors' noise and attribute confusion. Only the walk is not simulated: each
 * visit replays the sightings (times after entering, zones) of a template visit of a crowd run that
 * began at a similar time of day. Deterministic in (scenario, templates, seed).
 */
export function synthesiseRelease(
  sc: ResolvedScenario,
  templates: VisitTemplates,
  opts: SynthesisOptions = {},
): LabRelease {
  if (!('start' in sc.clock) || !sc.arrivals || !sc.shoppers)
    throw new VarvError(
      'E_UNSUPPORTED',
      'a synthetic release needs a store-day scenario (clock.start/end, arrivals, shoppers)',
    );
  if (templates.visits.length === 0) throw new VarvError('E_UNSUPPORTED', 'no template visits to replay');
  const clock = sc.clock;
  const seed = opts.seed ?? sc.seed;
  const days = opts.days ?? clock.days;
  const sensors = opts.sensors ?? DEFAULT_SENSORS;
  const windowS = opts.windowS ?? 1800;
  const store = sc.store;
  const rotation = sc.privacy?.rotation ?? 'none';
  const tree = new RandomTree(seed);
  const { assigner } = simulationAssigner(sc, seed, opts.calibrationPairs);
  const population = new Population(
    tree.child('population'),
    sc.shoppers.population,
    sensors.noise.dim,
    sc.shoppers.returning,
  );
  const codes = new PersonCodes(assigner, sensors.noise, opts.pool ?? 32, seed);
  const rng = fastRng(`synthesis|${store.id}|${seed}`);
  const openS = minutesOfDay(clock.start) * 60;
  const starts = Float64Array.from(templates.visits, (v) => v.startS);
  const b = releaseBuilder();
  const visitOf: number[] = [];
  const person: number[] = [];
  const vDay: number[] = [];
  const entered: number[] = [];
  const gender: string[] = [];
  const age: string[] = [];

  for (let day = 0; day < days; day++) {
    population.newDay();
    const dayTree = tree.child(`day/${day}`);
    const date = DateTime.fromISO(clock.date, { zone: store.timezone }).plus({ days: day });
    const openEpoch = date
      .set({ hour: Math.floor(openS / 3600), minute: Math.floor(openS / 60) % 60 })
      .toMillis();
    const arrivals = arrivalTimes(sc.arrivals.perMinute, clock.start, clock.end, dayTree.stream('arrivals'));
    const visitorRng = dayTree.stream('visitors');
    for (const s of arrivals) {
      const when = openEpoch + Math.round((s - openS) * 1000);
      const pos = assigner.intervals.at(when);
      const who = population.nextVisitor(pos.interval, visitorRng);
      const tpl = templates.visits[pickTemplate(starts, s, windowS, rng)] as VisitTemplates['visits'][number];
      const v = person.length;
      person.push(who.index);
      vDay.push(pos.day);
      entered.push(when);
      gender.push(who.gender);
      age.push(who.age);
      for (let j = 0; j < tpl.dt.length; j++) {
        const t = when + (tpl.dt[j] as number);
        const at = assigner.intervals.at(t);
        const epoch = keyEpoch(rotation, at.day);
        const group = codes.group(who, epoch, at.interval, rng);
        b.add(
          store.id,
          tpl.zone[j] as string,
          group,
          at.interval,
          at.day,
          epoch,
          t,
          seenGender(who, sensors, rng),
          seenAge(who, sensors, rng),
        );
        visitOf.push(v);
      }
    }
  }
  const n = person.length;
  return {
    table: b.build(),
    visitOf: Int32Array.from(visitOf),
    visits: {
      length: n,
      person: Int32Array.from(person),
      store: new Array<string>(n).fill(store.id),
      day: Int32Array.from(vDay),
      entered: Float64Array.from(entered),
      gender,
      age,
    },
  };
}

/** A random template among those that began within `windowS` of `s` (all of them when none did). */
function pickTemplate(starts: Float64Array, s: number, windowS: number, rng: () => number): number {
  let lo = lowerBound(starts, s - windowS);
  let hi = lowerBound(starts, s + windowS + 1e-9);
  if (hi <= lo) {
    lo = 0;
    hi = starts.length;
  }
  return lo + Math.floor(rng() * (hi - lo));
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The gender classifier of the sensor model (CameraSensors): right with its accuracy, else the other. */
function seenGender(p: Person, s: SensorSettings, rng: () => number): Person['gender'] {
  if (rng() < s.genderAccuracy) return p.gender;
  return p.gender === 'man' ? 'woman' : 'man';
}

/** The age classifier of the sensor model: the right band with its accuracy, else a neighbouring band. */
function seenAge(p: Person, s: SensorSettings, rng: () => number): Person['age'] {
  if (rng() < s.ageAccuracy) return p.age;
  const i = ageBands.indexOf(p.age);
  const neighbours = [ageBands[i - 1], ageBands[i + 1]].filter((x) => x !== undefined);
  return neighbours[Math.floor(rng() * neighbours.length)] as Person['age'];
}
