import { describe, expect, it } from 'vitest';
import { storeSchema } from '../../engine/layout/index.ts';
import { truthKpis, truthTillsNeeded } from '../../scenarios/score/index.ts';
import type { TruthRecord, VisitTruth } from '../../scenarios/sim/index.ts';
import { miniStore } from '../layout/fixtures.ts';

const store = storeSchema.parse(miniStore());
const T = Date.parse('2026-03-02T15:00:00+01:00');
const DAY = 86_400_000;

function visit(day: number, person: number, entered: number, zones: [string, number, number][]): VisitTruth {
  const left = zones[zones.length - 1]?.[2] ?? entered;
  return {
    type: 'visit',
    day,
    visit: person * 10 + day,
    person,
    gender: 'woman',
    age: '30-44',
    follower: true,
    items: 3,
    bought: 3,
    stops: 1,
    skipped: 0,
    speed: 1,
    entered,
    left,
    till: 'till-1',
    joinedLine: left - 120_000,
    serviceStart: left - 60_000,
    paid: left - 10_000,
    zones,
    dwells: [],
    passed: [],
    coverage: 0.1,
  };
}

const dayTruth = (day: number): TruthRecord => ({
  type: 'day',
  day,
  date: '2026-03-02',
  opened: T + day * DAY,
  closed: T + day * DAY + 3_600_000,
  arrivals: 2,
  visits: 2,
  lastOut: null,
  remaining: 0,
  stuck: 0,
});

describe('the truth side of the score', () => {
  it('reads durations, waits, transitions and returns from the truth log', () => {
    const z = (t: number): [string, number, number][] => [
      ['front', t, t + 5_000],
      ['back', t + 5_000, t + 300_000],
      ['front', t + 300_000, t + 600_000],
    ];
    const truth: TruthRecord[] = [
      visit(0, 1, T, z(T)),
      visit(0, 2, T + 60_000, z(T + 60_000)),
      dayTruth(0),
      visit(1, 1, T + DAY, z(T + DAY)),
      visit(1, 3, T + DAY + 1000, z(T + DAY + 1000)),
      dayTruth(1),
    ];
    const t = truthKpis(truth, store);
    expect(t.visits).toBe(4);
    expect(t.medianVisitMs).toBe(600_000);
    expect(t.meanWaitMs).toBe(60_000);
    expect(t.transitions.get('front')?.get('back')).toBe(4);
    expect(t.transitions.get('back')?.get('front')).toBe(4);
    // Day 2: person 1 came back in the same (afternoon) interval, person 3 is new.
    expect(t.returnFrequency).toBe(0.5);
    expect(t.demographics.get('back|afternoon')?.woman).toBe(1);
  });

  it("needs one till when nobody comes, and Erlang C's answer on what did", () => {
    expect(truthTillsNeeded([], new Set(['till-1']), T, 15)).toBe(1);
    const v = visit(0, 1, T, [['front', T, T + 600_000]]);
    expect(truthTillsNeeded([v], new Set(['till-1']), T + 400_000, 15)).toBeGreaterThanOrEqual(1);
  });
});
