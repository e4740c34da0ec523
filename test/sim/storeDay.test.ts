import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEvent, type VarvEvent } from '../../engine/events/index.ts';
import { loadScenarioFile, type ResolvedScenario } from '../../engine/layout/index.ts';
import {
  type DayTruth,
  type QueueTruth,
  runStoreDays,
  type TruthRecord,
  type VisitTruth,
} from '../../scenarios/sim/index.ts';

const smoke = loadScenarioFile('scenarios/runs/demo-grocery-smoke.json');

/** Runs store days and keeps everything they put out. */
function run(sc: ResolvedScenario, opts: { seed?: number; days?: number } = {}) {
  const events: VarvEvent[] = [];
  const truth: TruthRecord[] = [];
  const hash = createHash('sha256');
  const summary = runStoreDays(
    sc,
    {
      event: (e) => {
        events.push(e);
        hash.update(JSON.stringify(e));
      },
      truth: (r) => {
        truth.push(r);
        hash.update(JSON.stringify(r));
      },
      position: (id, frame, x, y) => hash.update(`${id},${frame},${x},${y}\n`),
    },
    opts,
  );
  const visits = truth.filter((t): t is VisitTruth => t.type === 'visit');
  const queues = truth.filter((t): t is QueueTruth => t.type === 'queue');
  const days = truth.filter((t): t is DayTruth => t.type === 'day');
  return { summary, events, visits, queues, days, digest: hash.digest('hex') };
}

const base = run(smoke);

describe('store days (the grocery, 15 minutes at lunch)', () => {
  it('reproduce bit for bit from (scenario, seed), and another seed gives another day', () => {
    expect(run(smoke).digest).toBe(base.digest);
    expect(run(smoke, { seed: 2 }).digest).not.toBe(base.digest);
  });

  it('let everyone who came in leave, and log each visit in order: in, shop, queue, pay, out', () => {
    const [day] = base.days;
    expect(day?.remaining).toBe(0);
    expect(base.visits.length).toBe(day?.visits);
    expect(day?.visits).toBe(day?.arrivals);
    for (const v of base.visits) {
      expect(v.left).not.toBeNull();
      expect(v.entered).toBeLessThan(v.left as number);
      expect(v.zones[0]?.[0]).toBe('entrance');
      expect(v.zones.at(-1)?.[0]).toBe('exit');
      expect(v.till).not.toBeNull();
      expect(v.joinedLine as number).toBeLessThanOrEqual(v.serviceStart as number);
      expect(v.serviceStart as number).toBeLessThan(v.paid as number);
      expect(v.paid as number).toBeLessThan(v.left as number);
      expect(v.dwells.length).toBeGreaterThanOrEqual(v.stops - v.skipped);
      for (const [, start, end] of v.dwells) {
        expect(start).toBeGreaterThanOrEqual(v.entered);
        expect(end).toBeGreaterThan(start);
      }
    }
  });

  it('charge the till its service time: 35 s + 2.8 s per item at a staffed till, 45 s + 4 s at a self-checkout', () => {
    for (const v of base.visits) {
      const ms = (v.paid as number) - (v.serviceStart as number);
      const expected = v.till?.startsWith('self') ? 45_000 + 4_000 * v.bought : 35_000 + 2_800 * v.bought;
      expect(Math.abs(ms - expected)).toBeLessThanOrEqual(1);
    }
  });

  it('keep the per-second line lengths consistent with the waits (Little: Σ length·1 s = Σ wait)', () => {
    const lineSeconds = base.queues.reduce((s, q) => s + q.perSecond.reduce((a, b) => a + b, 0), 0);
    const waits = base.visits.reduce(
      (s, v) => s + ((v.serviceStart as number) - (v.joinedLine as number)) / 1000,
      0,
    );
    // Sampled once a second, each wait is off by under a second.
    expect(Math.abs(lineSeconds - waits)).toBeLessThanOrEqual(base.visits.length);
  });

  it('emit only valid events, in order, numbered without gaps; door counts match the visits', () => {
    expect(base.events.length).toBe(base.summary.events);
    base.events.forEach((e, i) => {
      expect(parseEvent(e).ok).toBe(true);
      expect(e.seq).toBe(i);
      if (i > 0) expect(e.t).toBeGreaterThanOrEqual((base.events[i - 1] as VarvEvent).t);
    });
    const counted = (direction: string) =>
      base.events.reduce((s, e) => s + (e.type === 'count' && e.direction === direction ? e.n : 0), 0);
    expect(counted('in')).toBe(base.visits.length);
    expect(counted('out')).toBe(base.visits.length);
    const sightings = base.events.filter((e) => e.type === 'sighting');
    expect(sightings.length).toBeGreaterThan(5 * base.visits.length);
    const cameras = new Set(smoke.store.cameras.map((c) => c.id));
    for (const s of sightings) expect(cameras.has(s.camera)).toBe(true);
  });

  it("draw each visit's list from its own stream: doubling the arrivals does not change visit k's basket", () => {
    const busier = run({
      ...smoke,
      arrivals: { perMinute: [['12:00', 6]] },
    });
    expect(busier.visits.length).toBeGreaterThan(base.visits.length);
    const items = new Map(base.visits.map((v) => [v.visit, [v.items, v.follower]]));
    for (const v of busier.visits)
      if (items.has(v.visit)) expect([v.items, v.follower]).toEqual(items.get(v.visit));
  });

  it('over several days bring people back, day after day, on the calendar', () => {
    const week = run(
      {
        ...smoke,
        shoppers: { ...(smoke.shoppers as NonNullable<ResolvedScenario['shoppers']>), returning: 0.5 },
      },
      { days: 3 },
    );
    expect(week.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    for (const d of week.days) expect(d.remaining).toBe(0);
    const firstDay = new Set(week.visits.filter((v) => v.day === 0).map((v) => v.person));
    const returning = week.visits.filter((v) => v.day > 0 && firstDay.has(v.person));
    expect(returning.length).toBeGreaterThan(0);
    const dayOf = (t: number) => week.days.findIndex((d) => t >= d.opened && t < d.opened + 86_400_000);
    for (const v of week.visits) expect(dayOf(v.entered)).toBe(v.day);
  });
});
