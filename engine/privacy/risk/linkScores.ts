import { seededRng } from '../random.ts';
import { groupScore } from './groupScore.ts';
import type { PersonIndex } from './identities.ts';
import { inScope, type LinkScope } from './linkScope.ts';
import type { VisitRecords } from './visitRecords.ts';

export type LinkScores = {
  scope: LinkScope;
  /** Group-agreement scores of mated pairs (one person) and of non-mated pairs (two people) in the scope. */
  mated: Float64Array;
  nonMated: Float64Array;
  /** All unordered pairs of records in the scope, and how many of them are mated (counted, not sampled). */
  pairs: { all: number; mated: number };
  /** The realistic prior odds of a mated pair in the scope: mated / (all − mated). */
  omega: number | null;
};

/**
 * Scores of mated and non-mated visit pairs in a scope, for the unlinkability measures. Mated pairs:
 * all of them (a random `maxMated` when more). Non-mated pairs: `nonMated` draws of a random visit
 * and a random other visit in its scope, of another person.
 */
export function linkScores(
  v: VisitRecords,
  people: PersonIndex,
  scope: LinkScope,
  opts: { seed: number; maxMated?: number; nonMated?: number },
): LinkScores {
  const rng = seededRng(`link-scores|${scope}|${opts.seed}`);
  const matedPairs: number[] = [];
  for (let p = 0; p < people.persons; p++) {
    const a0 = people.start[p] as number;
    const a1 = people.start[p + 1] as number;
    for (let i = a0; i < a1; i++)
      for (let j = i + 1; j < a1; j++) {
        const a = people.records[i] as number;
        const b = people.records[j] as number;
        if (inScope(v, a, b, scope)) matedPairs.push(a, b);
      }
  }
  const matedCount = matedPairs.length / 2;
  const maxMated = opts.maxMated ?? 20_000;
  const take = Math.min(matedCount, maxMated);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng() * (matedCount - i));
    for (const o of [0, 1]) {
      const tmp = matedPairs[2 * i + o] as number;
      matedPairs[2 * i + o] = matedPairs[2 * j + o] as number;
      matedPairs[2 * j + o] = tmp;
    }
  }
  const mated = new Float64Array(take);
  for (let i = 0; i < take; i++)
    mated[i] = groupScore(v, matedPairs[2 * i] as number, matedPairs[2 * i + 1] as number);

  const all = pairsInScope(v, scope);
  // Partners of a record are drawn from a pool that holds every record in its scope.
  const pools = new Map<number, number[]>();
  const poolKey = (r: number) =>
    scope === 'interval'
      ? ((v.store[r] as number) * 1e7 + (v.epoch[r] as number)) * 3 + (v.interval[r] as number)
      : scope === 'stores'
        ? 0
        : (v.store[r] as number);
  for (let r = 0; r < v.length; r++) {
    const k = poolKey(r);
    let list = pools.get(k);
    if (!list) {
      list = [];
      pools.set(k, list);
    }
    list.push(r);
  }
  const want = all - matedCount > 0 ? (opts.nonMated ?? 20_000) : 0;
  const non: number[] = [];
  for (let tries = 0; non.length < want && tries < want * 50; tries++) {
    const a = Math.floor(rng() * v.length);
    const pool = pools.get(poolKey(a)) as number[];
    const b = pool[Math.floor(rng() * pool.length)] as number;
    if (people.of[a] === people.of[b] || !inScope(v, a, b, scope)) continue;
    non.push(groupScore(v, a, b));
  }
  return {
    scope,
    mated,
    nonMated: Float64Array.from(non),
    pairs: { all, mated: matedCount },
    omega: all - matedCount > 0 && matedCount > 0 ? matedCount / (all - matedCount) : null,
  };
}

/** How many unordered pairs of records are in the scope (by counting, not enumerating). */
export function pairsInScope(v: VisitRecords, scope: LinkScope): number {
  const c2 = (n: number) => (n < 2 ? 0 : (n * (n - 1)) / 2); // (c2(0) would be −0)
  const tally = (key: (r: number) => number | string) => {
    const m = new Map<number | string, number>();
    for (let r = 0; r < v.length; r++) {
      const k = key(r);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    let s = 0;
    for (const n of m.values()) s += c2(n);
    return s;
  };
  const st = (r: number) => v.store[r] as number;
  switch (scope) {
    case 'interval':
      return (
        tally((r) => `${st(r)}|${v.epoch[r]}|${v.interval[r]}`) -
        tally((r) => `${st(r)}|${v.epoch[r]}|${v.interval[r]}|${v.day[r]}`)
      );
    case 'intervals':
      return tally(st) - tally((r) => `${st(r)}|${v.interval[r]}`);
    case 'days':
      return tally(st) - tally((r) => `${st(r)}|${v.day[r]}`);
    case 'epochs':
      return tally(st) - tally((r) => `${st(r)}|${v.epoch[r]}`);
    case 'stores':
      return c2(v.length) - tally(st);
  }
}
