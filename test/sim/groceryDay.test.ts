import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../engine/layout/index.ts';
import {
  type DayTruth,
  type QueueTruth,
  runStoreDays,
  type StoreDaySummary,
  type TruthRecord,
  type VisitTruth,
} from '../../scenarios/sim/index.ts';

// The demo grocery's whole day (08:00–21:00, about 3,100 visits), end to end, once; the checks
// below compare it with the shopper references of DESIGN §8.
const sc = loadScenarioFile('scenarios/runs/demo-grocery-day.json');
let summary: StoreDaySummary;
let visits: VisitTruth[] = [];
let queues: QueueTruth[] = [];
let day: DayTruth;

beforeAll(() => {
  const truth: TruthRecord[] = [];
  summary = runStoreDays(sc, { truth: (r) => truth.push(r) });
  visits = truth.filter((t): t is VisitTruth => t.type === 'visit');
  queues = truth.filter((t): t is QueueTruth => t.type === 'queue');
  day = truth.find((t): t is DayTruth => t.type === 'day') as DayTruth;
}, 300_000);

const minutes = (v: VisitTruth) => ((v.left as number) - v.entered) / 60_000;
const share = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length / xs.length;

describe("the demo grocery's full day", () => {
  it('has at least 3,000 visits and no deadlock: everyone who entered has left within 30 min of closing', () => {
    expect(visits.length).toBeGreaterThanOrEqual(3000);
    expect(day.remaining).toBe(0);
    expect(summary.remaining).toBe(0);
    expect(visits.every((v) => v.left !== null && v.paid !== null)).toBe(true);
    expect(day.lastOut as number).toBeLessThanOrEqual(day.closed + 30 * 60_000);
  });

  it('lets hardly anyone give up a stop because the way stayed blocked (under 0.5% of stops)', () => {
    const stops = visits.reduce((s, v) => s + v.stops, 0);
    const skipped = visits.reduce((s, v) => s + v.skipped, 0);
    expect(skipped / stops).toBeLessThan(0.005);
  });

  it('has trip times like the reference: about two thirds of trips under 10 minutes (55–78%)', () => {
    const under10 = share(visits, (v) => minutes(v) < 10);
    expect(under10).toBeGreaterThan(0.55);
    expect(under10).toBeLessThan(0.78);
    // And nobody is in and out in under a minute, or wanders for hours.
    expect(Math.min(...visits.map(minutes))).toBeGreaterThan(1);
    expect(Math.max(...visits.map(minutes))).toBeLessThan(90);
  });

  it('has most shoppers cover under a quarter of the store', () => {
    expect(share(visits, (v) => v.coverage < 0.25)).toBeGreaterThan(0.5);
  });

  it('draws baskets as scale × lognormal(0.07, 0.76): the log of items/scale has that mean and spread', () => {
    const scale = sc.shoppers?.basket.scale as number;
    // Rounding to whole items blurs small baskets; the ones of 4 items or more are nearly exact.
    const logs = visits.map((v) => Math.log(v.items / scale));
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1));
    expect(mean).toBeCloseTo(0.07, 1);
    expect(sd).toBeGreaterThan(0.66);
    expect(sd).toBeLessThan(0.86);
  });

  it('forms queues where and when load is high: longer lines at lunch than in the early morning', () => {
    const meanLine = (fromH: number, toH: number) => {
      let sum = 0;
      let n = 0;
      for (const q of queues)
        for (let s = (fromH - 8) * 3600; s < (toH - 8) * 3600; s++) {
          sum += q.perSecond[s] ?? 0;
          n++;
        }
      return sum / n;
    };
    expect(meanLine(12, 13.5)).toBeGreaterThan(2 * meanLine(8, 10));
    // Closed tills stay empty; every open one is used.
    const closed = new Set(sc.store.tills.filter((t) => !t.open).map((t) => t.id));
    for (const v of visits) expect(closed.has(v.till as string)).toBe(false);
    for (const t of sc.store.tills.filter((t) => t.open))
      expect(visits.some((v) => v.till === t.id)).toBe(true);
  });

  it('sends big baskets to staffed tills: nobody with more than 15 items uses a self-checkout', () => {
    for (const v of visits) if (v.bought > 15) expect(v.till?.startsWith('till-')).toBe(true);
  });
});
