import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CalibrationReport,
  calibrate,
  chiSquareUniform,
  chiSquareUpperTail,
  GroupAssigner,
  type GroupSettings,
  genuinePairs,
  impostorPairs,
  observe,
  type Quantizer,
  randomIdentity,
  StoreKey,
  seededRng,
  wilson,
} from '../../engine/privacy/index.ts';
import { thrown } from '../thrown.ts';

// α for the statistical tests below; each uses a fixed seed, so each outcome is reproducible.
const ALPHA = 0.001;
/** The two-sided normal quantile for α: intervals at 1 − α. */
const Z_ALPHA = 3.2905;

const keyA = StoreKey.parse('store-a', 'a1'.repeat(32));
const keyB = StoreKey.parse('store-b', 'b2'.repeat(32));
const settings = (groups: number, rotation: GroupSettings['rotation'] = 'none'): GroupSettings => ({
  groups,
  rotation,
  intervals: ['06:00', '11:00', '14:00'],
  timezone: 'Europe/Stockholm',
});
/**
 * A quantiser of the kind calibration picks at low noise: 6 projections of 5 buckets each
 * (5⁶ = 15,625 equally likely codes). A projection of an isotropic unit vector in d dimensions
 * spreads as 1/√d.
 */
const fineFor = (dim: number): Quantizer => ({
  projections: 6,
  buckets: Array(6).fill(5),
  nonzeros: 32,
  spread: Array(6).fill(1 / Math.sqrt(dim)),
});
const fine = fineFor(128);

/** 10:00, 12:00 and 16:00 local time on Tuesday 2 June 2026 (CEST, UTC+2), and the next day at 10:00. */
const MORNING = Date.parse('2026-06-02T08:00:00Z');
const LUNCH = Date.parse('2026-06-02T10:00:00Z');
const AFTERNOON = Date.parse('2026-06-02T14:00:00Z');
const NEXT_MORNING = MORNING + 86_400_000;

function people(n: number, dim: number, seed: number): Float32Array[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => randomIdentity(dim, rng));
}

describe('group assignment', () => {
  it('is deterministic: same embedding, time and key give the same group, in any assigner', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1024 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 4e12 }),
        (dim, seed, t) => {
          const [x] = people(1, dim, seed) as [Float32Array];
          const a = new GroupAssigner(keyA, settings(256), fine).assign(x, t);
          const b = new GroupAssigner(keyA, settings(256), fine).assign(Float32Array.from(x), t);
          expect(b).toEqual(a);
          expect(a.group).toBeGreaterThanOrEqual(0);
          expect(a.group).toBeLessThan(256);
        },
      ),
      { numRuns: 60, seed: 1 },
    );
  });

  it('does not depend on the length of the embedding vector (L2-normalised on entry)', () => {
    const [x] = people(1, 512, 3) as [Float32Array];
    const scaled = x.map((v) => v * 37.5);
    const g = new GroupAssigner(keyA, settings(256), fineFor(512));
    expect(g.assign(scaled, MORNING)).toEqual(g.assign(x, MORNING));
  });

  it('rejects zero, non-finite and one-dimensional embeddings with E_EMBEDDING', () => {
    const g = new GroupAssigner(keyA, settings(256), fine);
    const bad = [
      new Float32Array(16),
      Float32Array.from([1, Number.NaN, 0]),
      Float32Array.from([1, Number.POSITIVE_INFINITY]),
      Float32Array.from([1]),
    ];
    for (const x of bad) expect(thrown(() => g.assign(x, MORNING)).code).toBe('E_EMBEDDING');
  });

  it('rejects impossible settings with E_CONFIG', () => {
    expect(() => new GroupAssigner(keyA, settings(1), fine)).toThrow(/groups must be/);
    expect(() => new GroupAssigner(keyA, settings(256), { ...fine, buckets: [5, 5, 0, 5, 5, 5] })).toThrow(
      /run calibration/,
    );
    expect(() => new GroupAssigner(keyA, settings(256), { ...fine, spread: [1] })).toThrow(/run calibration/);
  });

  it(`spreads random people over the groups as a uniform distribution would (χ², α = ${ALPHA})`, () => {
    const G = 64;
    const g = new GroupAssigner(keyA, settings(G), fineFor(256));
    const counts = new Float64Array(G);
    for (const x of people(40 * G, 256, 11)) {
      const { group } = g.assign(x, MORNING);
      counts[group] = (counts[group] as number) + 1;
    }
    expect(chiSquareUniform(counts).p).toBeGreaterThan(ALPHA);
  });

  it(`keeps stores apart: one person's groups under two stores' keys are independent (χ², α = ${ALPHA})`, () => {
    const G = 8;
    const a = new GroupAssigner(keyA, settings(G), fine);
    const b = new GroupAssigner(keyB, settings(G), fine);
    const table = Array.from({ length: G }, () => new Float64Array(G));
    const crowd = people(30 * G * G, 128, 12);
    for (const x of crowd) {
      const row = table[a.assign(x, MORNING).group] as Float64Array;
      const col = b.assign(x, MORNING).group;
      row[col] = (row[col] as number) + 1;
    }
    // Pearson's test of independence on the G × G table.
    const n = crowd.length;
    const rows = table.map((r) => r.reduce((s, v) => s + v, 0));
    const cols = Array.from({ length: G }, (_, j) => table.reduce((s, r) => s + (r[j] as number), 0));
    let stat = 0;
    table.forEach((r, i) => {
      r.forEach((o, j) => {
        const e = ((rows[i] as number) * (cols[j] as number)) / n;
        stat += (o - e) ** 2 / e;
      });
    });
    expect(chiSquareUpperTail(stat, (G - 1) * (G - 1))).toBeGreaterThan(ALPHA);
  });

  it('an attacker who learns the mapping between two stores on half the people does no better than chance on the rest', () => {
    const G = 32;
    const a = new GroupAssigner(keyA, settings(G), fine);
    const b = new GroupAssigner(keyB, settings(G), fine);
    const crowd = people(6000, 128, 13).map(
      (x) => [a.assign(x, MORNING).group, b.assign(x, MORNING).group] as const,
    );
    const learn = crowd.slice(0, 3000);
    const test = crowd.slice(3000);
    // For each A-group, the B-group seen most often with it.
    const best = new Map<number, number>();
    for (let ga = 0; ga < G; ga++) {
      const tally = new Float64Array(G);
      for (const [x, y] of learn) if (x === ga) tally[y] = (tally[y] as number) + 1;
      best.set(ga, tally.indexOf(Math.max(...tally)));
    }
    const hits = test.filter(([x, y]) => best.get(x) === y).length;
    expect(wilson(hits, test.length, Z_ALPHA).lo).toBeLessThanOrEqual(1 / G);
  });

  it('gives the same embedding unrelated groups in different intervals of a day', () => {
    const G = 64;
    const g = new GroupAssigner(keyA, settings(G), fine);
    const crowd = people(4000, 128, 14);
    for (const [t1, t2] of [
      [MORNING, LUNCH],
      [LUNCH, AFTERNOON],
      [MORNING, AFTERNOON],
    ] as const) {
      const same = crowd.filter((x) => g.assign(x, t1).group === g.assign(x, t2).group).length;
      const r = wilson(same, crowd.length, Z_ALPHA);
      expect(r.lo).toBeLessThanOrEqual(1 / G);
      expect(r.hi).toBeGreaterThanOrEqual(1 / G);
    }
  });

  it('keeps a group across days without rotation, and re-draws it each key epoch with rotation', () => {
    const G = 64;
    const crowd = people(4000, 128, 15);
    const none = new GroupAssigner(keyA, settings(G, 'none'), fine);
    expect(crowd.every((x) => none.assign(x, MORNING).group === none.assign(x, NEXT_MORNING).group)).toBe(
      true,
    );
    const daily = new GroupAssigner(keyA, settings(G, 'daily'), fine);
    const same = crowd.filter(
      (x) => daily.assign(x, MORNING).group === daily.assign(x, NEXT_MORNING).group,
    ).length;
    const r = wilson(same, crowd.length, Z_ALPHA);
    expect(r.lo).toBeLessThanOrEqual(1 / G);
    expect(r.hi).toBeGreaterThanOrEqual(1 / G);
    // Weekly: Tuesday 2 June and Wednesday 3 June 2026 share an epoch.
    const weekly = new GroupAssigner(keyA, settings(G, 'weekly'), fine);
    expect(crowd.every((x) => weekly.assign(x, MORNING).group === weekly.assign(x, NEXT_MORNING).group)).toBe(
      true,
    );
  });

  it('names the interval by the store-local time', () => {
    const g = new GroupAssigner(keyA, settings(16), fine);
    const [x] = people(1, 64, 16) as [Float32Array];
    expect([MORNING, LUNCH, AFTERNOON].map((t) => g.assign(x, t).interval)).toEqual([
      'morning',
      'lunch',
      'afternoon',
    ]);
  });
});

describe('calibration', () => {
  const run = (meanDeg: number, seed: number, groups = 256): CalibrationReport => {
    const rng = seededRng(seed);
    const model = { dim: 128, angle: { meanDeg, sdDeg: meanDeg / 4 } };
    return calibrate(keyA, genuinePairs(model, 4500, rng), impostorPairs(model, 4500, rng), {
      consistency: 0.5,
      groups,
    });
  };

  it('reaches the target consistency: 0.5 lies in the held-out 95% interval, for noise from 3° to 30°', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (meanDeg, seed) => {
        const r = run(meanDeg, seed);
        expect(r.genuine.n).toBe(1125); // every fourth of 4500 pairs is held out
        expect(r.genuine.lo).toBeLessThanOrEqual(0.5);
        expect(r.genuine.hi).toBeGreaterThanOrEqual(0.5);
      }),
      { numRuns: 6, seed: 7 },
    );
  });

  it('reaches other targets too', () => {
    const rng = seededRng(5);
    const model = { dim: 64, angle: { meanDeg: 8, sdDeg: 2 } };
    const g = genuinePairs(model, 4500, rng);
    const i = impostorPairs(model, 4500, rng);
    for (const target of [0.3, 0.8]) {
      const r = calibrate(keyA, g, i, { consistency: target, groups: 128 });
      expect(r.genuine.lo).toBeLessThanOrEqual(target);
      expect(r.genuine.hi).toBeGreaterThanOrEqual(target);
    }
  });

  it('says how many groups people are really spread over: nearly all at low noise, few at high noise', () => {
    const low = run(4, 1);
    const high = run(35, 2);
    expect(low.effectiveGroups).toBeGreaterThan(200);
    expect(high.effectiveGroups).toBeLessThan(20);
    // Two people land in one group far more often than 1/256 at high noise (held-out pairs).
    expect(high.impostor.lo).toBeGreaterThan(1 / 64);
  });

  it('the calibrated assigner keeps the consistency on fresh pairs it never saw', () => {
    const r = run(10, 3);
    const g = new GroupAssigner(keyA, settings(256), r.quantizer);
    const rng = seededRng(99);
    const model = { dim: 128, angle: { meanDeg: 10, sdDeg: 2.5 } };
    let same = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const id = randomIdentity(128, rng);
      const first = g.assign(observe(id, model, rng), MORNING).group;
      const second = g.assign(observe(id, model, rng), MORNING).group;
      if (first === second) same++;
    }
    const fresh = wilson(same, n);
    expect(fresh.lo).toBeLessThanOrEqual(0.5);
    expect(fresh.hi).toBeGreaterThanOrEqual(0.5);
  });

  it('refuses too few pairs and impossible targets', () => {
    const rng = seededRng(1);
    const model = { dim: 16, angle: { meanDeg: 10, sdDeg: 2 } };
    const g = genuinePairs(model, 30, rng);
    expect(() => calibrate(keyA, g.slice(0, 5), g, { consistency: 0.5, groups: 16 })).toThrow(/at least 20/);
    expect(() => calibrate(keyA, g, g, { consistency: 0.01, groups: 16 })).toThrow(/between 1\/groups/);
  });
});
