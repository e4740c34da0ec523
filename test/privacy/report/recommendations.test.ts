import { describe, expect, it } from 'vitest';
import type { PrivacySettings } from '../../../engine/layout/index.ts';
import {
  type FrontierPoint,
  type PrivacyUtilityFrontier,
  recommendations,
} from '../../../scenarios/privacy/report/index.ts';
import { figure } from './figures.ts';

// Recommendations come from the measured figures: a figure within its threshold asks for nothing,
// and each recommendation quotes the numbers it rests on.

const privacy = (over: Partial<PrivacySettings> = {}): PrivacySettings => ({
  groups: 256,
  consistency: 0.5,
  intervals: ['06:00', '11:00', '14:00'],
  rotation: 'none',
  k: 5,
  ...over,
});

const point = (
  groups: number,
  consistency: number,
  link: number,
  rfError: number,
  over: Partial<FrontierPoint> = {},
): FrontierPoint => ({
  groups,
  consistency,
  rotation: 'none',
  role: 'grid',
  current: false,
  measuredConsistency: consistency,
  effectiveGroups: consistency > 0.7 ? 6 : groups / 2,
  risk: {
    linkInterval: { risk: link, lo: link - 0.02, hi: link + 0.02, attacks: 2000 },
    linkDays: { risk: link * 0.6, lo: link * 0.6 - 0.02, hi: link * 0.6 + 0.02, attacks: 2000 },
    singlingOut: { risk: 0.1, lo: 0.08, hi: 0.12, attacks: 2000 },
  },
  utility: {
    returnFrequency: {
      error: rfError,
      perSeed: [rfError],
      kind: 'absolute',
      estimate: 0.5 - rfError,
      truth: 0.5,
    },
    medianVisit: { error: 0.1, perSeed: [0.1], kind: 'relative', estimate: 8, truth: 7.3 },
    meanWait: null,
    flow: { error: 0.2, perSeed: [0.2], kind: 'distance', estimate: 0.2, truth: 0 },
    returnFrequencyCiWidth: 1,
  },
  pareto: false,
  ...over,
});

const frontier = (points: FrontierPoint[]): PrivacyUtilityFrontier => ({
  store: 'demo-grocery',
  seeds: [7],
  days: 3,
  window: { start: '11:00', end: '14:00' },
  grid: { groups: [64, 256], consistency: [0.5, 0.8] },
  visits: 1200,
  axes: { risk: 'linkInterval', utility: 'returnFrequency' },
  points,
});

const green = [
  figure('singlingOut', 0.05),
  figure('linkability.intervals', 0.01),
  figure('inference.age', 0.03),
];

describe('recommendations', () => {
  it('ask for daily rotation when cross-day linkability is high and the keys do not rotate, quoting the figure and its cost', () => {
    const recs = recommendations({
      figures: [...green, figure('linkability.interval', 0.82), figure('linkability.days', 0.39)],
      privacy: privacy(),
      quietestSlot: null,
      frontier: null,
    });
    const rotate = recs.find((r) => r.id === 'rotate-daily');
    expect(rotate?.rating).toBe('red');
    expect(rotate?.text).toContain('0.82 [0.8–0.84]');
    expect(rotate?.text).toContain('0.39');
    expect(rotate?.addresses).toEqual(['linkability.interval', 'linkability.days']);
    expect(rotate?.cost).toMatch(/return-frequency KPI/);
  });

  it('do not ask a configuration that rotates daily to rotate daily', () => {
    const recs = recommendations({
      figures: [...green, figure('linkability.days', 0.3)],
      privacy: privacy({ rotation: 'daily' }),
      quietestSlot: null,
      frontier: null,
    });
    expect(recs.map((r) => r.id)).not.toContain('rotate-daily');
  });

  it('ask for nothing when every figure is green', () => {
    const recs = recommendations({ figures: green, privacy: privacy(), quietestSlot: null, frontier: null });
    expect(recs.map((r) => r.id)).toEqual(['none']);
  });

  it('follow the numbers: an amber figure is flagged, a lower one is not', () => {
    const amber = recommendations({
      figures: [figure('inference.gender', 0.19, { low: 0.15, high: 0.23 })],
      privacy: privacy(),
      quietestSlot: null,
      frontier: null,
    });
    expect(amber.find((r) => r.id === 'aggregate-attributes')?.rating).toBe('amber');
    const low = recommendations({
      figures: [figure('inference.gender', 0.1)],
      privacy: privacy(),
      quietestSlot: null,
      frontier: null,
    });
    expect(low.map((r) => r.id)).toEqual(['none']);
  });

  it('size the groups from the quietest part of the day when classes hold too few people', () => {
    const recs = recommendations({
      figures: [
        figure('occupancy.prosecutor', 1, { low: 1, high: 1 }),
        figure('occupancy.kMedian', 4, { threshold: 5, bound: 'atLeast', low: 3, high: 4 }),
      ],
      privacy: privacy(),
      quietestSlot: { label: 'morning', meanK: 2.5 },
      frontier: null,
    });
    const fewer = recs.find((r) => r.id === 'fewer-groups');
    // 256 groups × 2.5 people / 5 wanted = 128 groups.
    expect(fewer?.title).toContain('about 128 groups instead of 256');
    expect(fewer?.text).toContain('morning');
  });

  it('move along the frontier to the least linkable points, taking the smallest error among those the data cannot tell apart, with the measured trend and cost', () => {
    const points = [
      point(256, 0.5, 0.85, 0.05, { current: true }),
      point(256, 0.8, 0.31, 0.3),
      point(64, 0.8, 0.29, 0.4),
      point(1024, 0.8, 0.4, 0.05),
      point(64, 0.5, 0.84, 0.1),
      point(256, 0.5, 0, 0.5, {
        role: 'rotation',
        rotation: 'daily',
        risk: { linkInterval: null, linkDays: { risk: 0, lo: 0, hi: 0.01, attacks: 900 }, singlingOut: null },
      }),
    ];
    const recs = recommendations({
      figures: [figure('linkability.interval', 0.82), figure('linkability.days', 0.4)],
      privacy: privacy(),
      quietestSlot: null,
      frontier: frontier(points),
    });
    const move = recs.find((r) => r.id === 'frontier-move');
    expect(move?.title).toBe('Move to 256 groups, consistency 0.8');
    expect(move?.text).toMatch(/from 0\.85 to 0\.31/);
    expect(move?.text).toMatch(/the linkability falls as consistency rises from 0\.5 to 0\.8/);
    expect(move?.text).toMatch(/spread over about 6 groups \(against 80 at 0\.5\)/);
    expect(move?.cost).toContain('0.05 → 0.3');
    // The rotation point's measured effect is quoted in the rotation recommendation.
    expect(recs.find((r) => r.id === 'rotate-daily')?.text).toMatch(
      /daily rotation took .* to 0 \[0–0\.01\]/,
    );
  });
});
