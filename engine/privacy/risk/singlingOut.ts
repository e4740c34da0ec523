import { seededRng } from '../random.ts';
import { wilson } from '../wilson.ts';
import { GroupKeys } from './groupKeys.ts';
import { type Identities, type PersonIndex, personIndex } from './identities.ts';
import { type AttackRisk, residualRisk } from './riskFigure.ts';
import { shuffledControl } from './shuffledControl.ts';
import { TOP_GROUPS, type VisitRecords } from './visitRecords.ts';

/** A singling-out query: a group key plus optional attribute terms (−1: not in the query). */
export type SinglingOutQuery = {
  store: number;
  epoch: number;
  interval: number;
  group: number;
  gender: number;
  age: number;
  /** Hour of the day (UTC) the visit began. */
  hour: number;
  zone: number;
};

export type SinglingOutRisk = AttackRisk & {
  /** Queries tried (a query the attacker would not claim is not an attack). */
  tried: { attack: number; control: number; baseline: number };
};

const HOUR_MS = 3_600_000;

/** Which records a query matches. */
export function matchQuery(v: VisitRecords, keys: GroupKeys, q: SinglingOutQuery): number[] {
  const out: number[] = [];
  for (const r of keys.records(keys.key(q.store, q.epoch, q.interval, q.group))) {
    if (q.gender >= 0 && v.gender[r] !== q.gender) continue;
    if (q.age >= 0 && v.age[r] !== q.age) continue;
    if (q.hour >= 0 && Math.floor(((v.t0[r] as number) % 86_400_000) / HOUR_MS) !== q.hour) continue;
    if (q.zone >= 0 && !hasZone(v, r, q.zone)) continue;
    out.push(r);
  }
  return out;
}

function hasZone(v: VisitRecords, r: number, zone: number): boolean {
  for (let i = v.pointStart[r] as number; i < (v.pointStart[r + 1] as number); i++)
    if (v.pointZone[i] === zone) return true;
  return false;
}

/** The attacker claims a query singles out one recurring person: ≥ 2 visits, each on another day. */
function claims(v: VisitRecords, matches: readonly number[]): boolean {
  if (matches.length < 2) return false;
  const days = new Set<number>();
  for (const r of matches) days.add(v.day[r] as number);
  return days.size === matches.length;
}

/**
 * Singling out (Anonymeter's attack, adapted to a release that spans days): the attacker writes
 * queries over released attributes — the group key (store, key epoch, interval, group), the
 * gender and age band, and each with probability ½ the hour the visit began and a zone it went
 * through; never the day — and claims a query singles someone out when it matches two or more
 * visits, all on different days (by the attacker's reading, one regular visitor). Success: every
 * visit it matches is the same person. Attack queries take their values from one random released
 * visit; the control does the same on a release whose group IDs carry no identity (dealt out at
 * random within each slot); the baseline takes each value from another random visit (the
 * attributes' marginals, as Anonymeter's random queries do). `attacks` claims are sought, at most
 * `maxTries` queries each.
 */
export function singlingOut(
  v: VisitRecords,
  id: Identities,
  opts: { seed: number; attacks?: number; maxTries?: number; people?: PersonIndex; control?: VisitRecords },
): SinglingOutRisk {
  const people = opts.people ?? personIndex(v, id);
  const want = opts.attacks ?? 2000;
  const maxTries = opts.maxTries ?? want * 20;
  const seed = opts.seed;

  const run = (release: VisitRecords, draw: (rng: () => number) => SinglingOutQuery | null, tag: string) => {
    const keys = new GroupKeys(release);
    const rng = seededRng(`singling-out|${tag}|${seed}`);
    let ok = 0;
    let n = 0;
    let tries = 0;
    while (n < want && tries < maxTries) {
      tries++;
      const q = draw(rng);
      if (!q) continue;
      const m = matchQuery(release, keys, q);
      if (!claims(release, m)) continue;
      n++;
      const p = people.of[m[0] as number];
      if (m.every((r) => people.of[r] === p)) ok++;
    }
    return { rate: wilson(ok, n), tries };
  };
  /** A query with its values from record `pick()` for each term in turn (one record: the attack). */
  const query = (release: VisitRecords, rng: () => number, pick: () => number): SinglingOutQuery | null => {
    const r = pick();
    const group = release.groups[r * TOP_GROUPS] as number;
    if (group < 0) return null;
    const rg = pick();
    const ra = pick();
    const hour = rng() < 0.5 ? Math.floor(((release.t0[pick()] as number) % 86_400_000) / HOUR_MS) : -1;
    let zone = -1;
    if (rng() < 0.5) {
      const rz = pick();
      const from = release.pointStart[rz] as number;
      const pts = (release.pointStart[rz + 1] as number) - from;
      if (pts > 0) zone = release.pointZone[from + Math.floor(rng() * pts)] as number;
    }
    return {
      store: release.store[r] as number,
      epoch: release.epoch[r] as number,
      interval: release.interval[r] as number,
      group,
      gender: release.gender[rg] as number,
      age: release.age[ra] as number,
      hour,
      zone,
    };
  };
  const fromOne = (release: VisitRecords) => (rng: () => number) => {
    if (release.length === 0) return null;
    const r = Math.floor(rng() * release.length);
    return query(release, rng, () => r);
  };
  const fromMarginals = (rng: () => number) =>
    v.length === 0 ? null : query(v, rng, () => Math.floor(rng() * v.length));
  const control = opts.control ?? shuffledControl(v, seed);
  const a = run(v, fromOne(v), 'attack');
  const c = run(control, fromOne(control), 'attack');
  const b = run(v, fromMarginals, 'baseline');
  return {
    ...residualRisk(a.rate, c.rate, b.rate, seed),
    tried: { attack: a.tries, control: c.tries, baseline: b.tries },
  };
}
