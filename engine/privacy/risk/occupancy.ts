import { VarvError } from '../../errors.ts';
import { type IntervalName, intervalNames } from '../intervals.ts';
import type { SightingTable } from './sightingTable.ts';

/** ARX's default thresholds for the three attacker models (as stated in DESIGN §4 and issue #8). */
export const ARX_THRESHOLDS = { prosecutor: 0.2, journalist: 0.05, marketer: 0.05 } as const;

export type AttackerModelRisk = {
  /** The largest re-identification risk of any record (1 / its class size). */
  highest: number;
  /** The mean over records: the expected share an attacker re-identifies. */
  average: number;
  /** Share of records whose risk exceeds the threshold. */
  recordsAtRisk: number;
  threshold: number;
  /** The highest risk is within the threshold (the marketer model compares the average). */
  pass: boolean;
};

export type GroupOccupancy = {
  /** Equivalence classes: (store, day, interval, group) cells with at least one sighting. */
  classes: number;
  /** Records: distinct (person, class) memberships (a person seen in a class, however often). */
  records: number;
  /** k = distinct people in a class: its distribution over classes (k ≥ 10 pooled as "10+"). */
  k: { histogram: { k: string; classes: number }[]; min: number; median: number; mean: number };
  prosecutor: AttackerModelRisk;
  /** Against population class sizes when given (else the release stands for the population). */
  journalist: AttackerModelRisk & { population: 'given' | 'release' };
  marketer: { risk: number; threshold: number; pass: boolean };
  bySlot: {
    store: string;
    day: number;
    interval: IntervalName;
    classes: number;
    meanK: number;
    shareK1: number;
  }[];
  /** Every class with its k (and its population size F when given), ordered by store, day, interval, group. */
  cells: { store: string; day: number; interval: IntervalName; group: number; k: number; F: number | null }[];
};

/**
 * Group occupancy: k = how many different people make each (store, day, interval, group) class of
 * released sightings, and the ARX attacker models on it — prosecutor (the attacker knows the target
 * is in the release: risk 1/k), journalist (does not: 1/F, F the class size in the population,
 * estimated as at least k), marketer (re-identify as many as possible: the average risk).
 * `person[i]` is the truth behind sighting i.
 */
export function groupOccupancy(
  s: SightingTable,
  person: ArrayLike<number>,
  opts: {
    thresholds?: Partial<typeof ARX_THRESHOLDS>;
    /** People in the population whose group in (store, epoch, interval) is `group`. */
    populationClassSize?: (store: number, epoch: number, interval: number, group: number) => number;
  } = {},
): GroupOccupancy {
  if (person.length !== s.length)
    throw new VarvError('E_RISK_INPUT', `${person.length} persons for ${s.length} sightings`);
  const th = { ...ARX_THRESHOLDS, ...opts.thresholds };
  const classOf = new Map<number, number>();
  const classRow: number[] = [];
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  let span = 1;
  let maxPerson = 0;
  for (let i = 0; i < s.length; i++) {
    minDay = Math.min(minDay, s.day[i] as number);
    maxDay = Math.max(maxDay, s.day[i] as number);
    span = Math.max(span, (s.group[i] as number) + 1);
    maxPerson = Math.max(maxPerson, person[i] as number);
  }
  const days = Number.isFinite(minDay) ? maxDay - minDay + 1 : 1;
  const members = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const key =
      (((s.store[i] as number) * days + ((s.day[i] as number) - minDay)) * 3 + (s.interval[i] as number)) *
        span +
      (s.group[i] as number);
    let c = classOf.get(key);
    if (c === undefined) {
      c = classRow.push(i) - 1;
      classOf.set(key, c);
    }
    members[i] = c * (maxPerson + 1) + (person[i] as number);
  }
  members.sort();
  const classes = classRow.length;
  const k = new Int32Array(classes);
  let records = 0;
  for (let i = 0; i < members.length; i++) {
    if (i > 0 && members[i] === members[i - 1]) continue;
    records++;
    const c = Math.floor((members[i] as number) / (maxPerson + 1));
    k[c] = (k[c] as number) + 1;
  }
  // Per class, its population size F (at least k).
  const F = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const row = classRow[c] as number;
    const given = opts.populationClassSize?.(
      s.store[row] as number,
      s.epoch[row] as number,
      s.interval[row] as number,
      s.group[row] as number,
    );
    F[c] = Math.max(k[c] as number, given ?? 0);
  }
  const model = (size: Float64Array | Int32Array, threshold: number): AttackerModelRisk => {
    let highest = 0;
    let sum = 0;
    let atRisk = 0;
    for (let c = 0; c < classes; c++) {
      const kc = k[c] as number;
      const risk = 1 / (size[c] as number);
      highest = Math.max(highest, risk);
      sum += kc * risk;
      if (risk > threshold) atRisk += kc;
    }
    return {
      highest,
      average: records ? sum / records : 0,
      recordsAtRisk: records ? atRisk / records : 0,
      threshold,
      pass: highest <= threshold,
    };
  };
  const prosecutor = model(k, th.prosecutor);
  const journalist = model(F, th.journalist);
  const given = opts.populationClassSize !== undefined;
  const marketerRisk = given ? journalist.average : prosecutor.average;

  const sorted = Int32Array.from(k).sort();
  const hist = new Map<string, number>();
  for (let c = 0; c < classes; c++) {
    const label = (k[c] as number) >= 10 ? '10+' : String(k[c]);
    hist.set(label, (hist.get(label) ?? 0) + 1);
  }
  const slots = new Map<
    string,
    { store: number; day: number; interval: number; classes: number; sumK: number; k1: number }
  >();
  for (let c = 0; c < classes; c++) {
    const row = classRow[c] as number;
    const id = `${s.store[row]}|${s.day[row]}|${s.interval[row]}`;
    const e = slots.get(id) ?? {
      store: s.store[row] as number,
      day: s.day[row] as number,
      interval: s.interval[row] as number,
      classes: 0,
      sumK: 0,
      k1: 0,
    };
    e.classes++;
    e.sumK += k[c] as number;
    if (k[c] === 1) e.k1++;
    slots.set(id, e);
  }
  return {
    classes,
    records,
    k: {
      histogram: [...Array.from({ length: 9 }, (_, i) => String(i + 1)), '10+']
        .filter((label) => hist.has(label))
        .map((label) => ({ k: label, classes: hist.get(label) as number })),
      min: classes ? (sorted[0] as number) : 0,
      median: classes ? (sorted[classes >> 1] as number) : 0,
      mean: classes ? records / classes : 0,
    },
    prosecutor,
    journalist: { ...journalist, population: given ? 'given' : 'release' },
    marketer: { risk: marketerRisk, threshold: th.marketer, pass: marketerRisk <= th.marketer },
    cells: classRow
      .map((row, c) => ({ row, c }))
      .sort(
        (a, b) =>
          (s.store[a.row] as number) - (s.store[b.row] as number) ||
          (s.day[a.row] as number) - (s.day[b.row] as number) ||
          (s.interval[a.row] as number) - (s.interval[b.row] as number) ||
          (s.group[a.row] as number) - (s.group[b.row] as number),
      )
      .map(({ row, c }) => ({
        store: s.stores[s.store[row] as number] as string,
        day: s.day[row] as number,
        interval: intervalNames[s.interval[row] as number] as IntervalName,
        group: s.group[row] as number,
        k: k[c] as number,
        F: given ? (F[c] as number) : null,
      })),
    bySlot: [...slots.values()]
      .sort((a, b) => a.store - b.store || a.day - b.day || a.interval - b.interval)
      .map((e) => ({
        store: s.stores[e.store] as string,
        day: e.day,
        interval: intervalNames[e.interval] as IntervalName,
        classes: e.classes,
        meanK: e.sumK / e.classes,
        shareK1: e.k1 / e.classes,
      })),
  };
}
