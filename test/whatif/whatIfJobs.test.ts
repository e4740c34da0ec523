import { afterEach, describe, expect, it } from 'vitest';
import type { StaffingPlan } from '../../engine/analytics/index.ts';
import { VarvError } from '../../engine/errors.ts';
import {
  type JobRunner,
  peakWindow,
  type RunResult,
  type WhatIfJob,
  WhatIfJobs,
} from '../../scenarios/whatif/index.ts';

// The what-if service behind the twin's edit mode, on the demo grocery's day as the baseline.
// Its runs go to a stand-in runner (the real runs are exercised by test/twin/edit.e2e.test.ts and
// the rest of test/whatif): what matters here is what it asks to be run, its checks, its queue and
// how it turns results into the twin's view.
const GROCERY = 'scenarios/runs/demo-grocery-day.json';

/** A runner whose runs finish when the test says so; each result is made from the job. */
class HeldRunner implements JobRunner {
  readonly slots = 2;
  readonly jobs: WhatIfJob[] = [];
  private readonly waiting: { job: WhatIfJob; resolve(r: RunResult): void }[] = [];
  closed = false;
  cancels = 0;
  runOne(job: WhatIfJob): Promise<RunResult> {
    this.jobs.push(job);
    return new Promise((resolve) => this.waiting.push({ job, resolve }));
  }
  /** Finishes every run queued so far. */
  finishAll(): void {
    for (const w of this.waiting.splice(0)) w.resolve(result(w.job));
  }
  cancelPending(): void {
    this.cancels++;
    for (const w of this.waiting.splice(0))
      w.resolve({
        variant: w.job.variant,
        seed: w.job.seed,
        values: {},
        run: null,
        error: { code: 'E_WHATIF_CANCELLED', message: 'cancelled' },
      });
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** The variant waits 10 s less than the baseline on every seed; zone "dry-goods" holds 2 + arm people. */
function result(job: WhatIfJob): RunResult {
  const plan = (interval: StaffingPlan['interval'], tills: number): StaffingPlan => ({
    interval,
    tills,
    posts: [{ post: 'post-floor', demand: 1 + job.variant, staffed: job.variant === 1 }],
    zones: { 'dry-goods': 2 + job.variant, entrance: 0.5 },
  });
  return {
    variant: job.variant,
    seed: job.seed,
    values: { meanWaitS: 60 + job.seed - 10 * job.variant, visits: 100 + job.seed },
    run: { visits: 100, remaining: 0, stuck: 0, sightings: 1000 },
    staffing: [plan('lunch', 3 + job.variant)],
  };
}

/** Lets the service's promise chains run (the held runner resolves synchronously). */
const settle = () => new Promise((r) => setImmediate(r));

describe('WhatIfJobs', () => {
  let service: WhatIfJobs | null = null;
  let runner: HeldRunner;
  const open = (o: { maxQueued?: number } = {}) => {
    runner = new HeldRunner();
    service = new WhatIfJobs({ baselines: [GROCERY], runner: () => runner, ...o });
    return service;
  };
  afterEach(async () => {
    await service?.close();
    service = null;
  });

  it('offers the baseline’s day, its busiest hour and 4 seeds, with the baseline named relative to the working folder', () => {
    const s = open();
    expect(s.defaults('demo-grocery')).toEqual({
      store: 'demo-grocery',
      baseline: GROCERY,
      day: { start: '08:00', end: '21:00' },
      window: { start: '12:00', end: '13:00' },
      seeds: 4,
      maxSeeds: 20,
      maxMinutes: 780,
    });
    expect(s.defaults('elsewhere')).toBeNull();
  });

  it('checks a variant: a valid move passes; a shelf pushed into its neighbour names both', () => {
    const s = open();
    expect(s.check('demo-grocery', [{ op: 'moveObstacle', id: 'gondola-4', by: [0.6, 0] }])).toEqual({
      ok: true,
      issues: [],
    });
    const bad = s.check('demo-grocery', [{ op: 'moveObstacle', id: 'gondola-4', by: [2.4, 0] }]);
    expect(bad.ok).toBe(false);
    const overlap = bad.issues.find((i) => i.rule === 'no-overlap');
    expect(overlap?.element?.kind).toBe('obstacle');
    const named = new Set([overlap?.element?.id, ...(overlap?.mentions ?? [])]);
    expect(named).toEqual(new Set(['gondola-4', 'gondola-5']));
  });

  it('names the patch entry for an unknown op or id, and refuses what is not a list', () => {
    const s = open();
    const r = s.check('demo-grocery', [
      { op: 'openTill', id: 'till-4' },
      { op: 'moveObstacle', id: 'no-such-shelf', by: [1, 0] },
    ]);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ path: 'patch[1].id', element: { kind: 'patch', id: '1' } }),
    );
    expect(s.check('demo-grocery', [{ op: 'paintWalls' }]).issues[0]?.path).toBe('patch[0].op');
    expect(s.check('demo-grocery', { op: 'openTill' }).issues[0]?.path).toBe('patch');
    expect(() => s.check('elsewhere', [])).toThrow(VarvError);
  });

  it('runs the baseline and the variant on the same seeds over the window only, and reports KPIs, heat and staffing', async () => {
    const s = open();
    const patch = [{ op: 'openTill', id: 'till-4' }];
    const v = s.start('demo-grocery', {
      patch,
      name: 'till 4',
      window: { start: '12:00', end: '12:30' },
      seeds: 3,
    });
    expect(v).toMatchObject({ state: 'running', done: 0, total: 6, seeds: [42, 43, 44], name: 'till 4' });
    await settle();
    expect(runner.jobs.map((j) => [j.variant, j.seed])).toEqual([
      [0, 42],
      [1, 42],
      [0, 43],
      [1, 43],
      [0, 44],
      [1, 44],
    ]);
    for (const j of runner.jobs) {
      expect(j.scenario.clock).toMatchObject({ start: '12:00', end: '12:30', days: 1 });
      const till = (j.scenario.store as { tills: { id: string; open: boolean }[] }).tills.find(
        (t) => t.id === 'till-4',
      );
      expect(till?.open).toBe(j.variant === 1);
    }
    runner.finishAll();
    await settle();
    const done = s.job(v.id);
    expect(done?.state).toBe('done');
    expect(done?.done).toBe(6);
    const r = done?.result;
    const wait = r?.rows.find((x) => x.kpi === 'meanWaitS');
    expect(wait).toMatchObject({ better: 'lower', significant: true, diff: { mean: -10 } });
    expect(wait?.baseline.mean).toBe(103); // 60 + seeds 42, 43, 44
    expect(r?.rows.find((x) => x.kpi === 'visits')?.significant).toBe(false);
    expect(r?.heat.baseline['dry-goods']).toBe(2);
    expect(r?.heat.variant['dry-goods']).toBe(3);
    expect(r?.heat.variant.frozen).toBe(0);
    expect(r?.staffing).toEqual([
      {
        interval: 'lunch',
        baselineTills: 3,
        variantTills: 4,
        posts: [{ post: 'post-floor', demand: 2, staffed: 1 }],
      },
    ]);
    expect(r?.report).toMatchObject({ format: 'varv.whatif/1', seeds: [42, 43, 44] });
  });

  it('runs one what-if at a time, queues the next, cancels, refuses beyond the queue and stops on close', async () => {
    const s = open({ maxQueued: 2 });
    const start = () =>
      s.start('demo-grocery', { patch: [], window: { start: '12:00', end: '12:10' }, seeds: 2 });
    const a = start();
    const b = start();
    expect(() => start()).toThrow(expect.objectContaining({ code: 'E_WHATIF_BUSY' }));
    await settle();
    expect(s.job(a.id)?.state).toBe('running');
    expect(s.job(b.id)?.state).toBe('queued');
    expect(runner.jobs).toHaveLength(4);
    expect(s.cancel(b.id)).toBe(true);
    expect(s.job(b.id)?.state).toBe('cancelled');
    expect(s.cancel(a.id)).toBe(true);
    await settle();
    expect(s.job(a.id)?.state).toBe('cancelled');
    expect(runner.cancels).toBeGreaterThan(0);
    expect(s.cancel('no-such-job')).toBe(false);
    const c = start();
    await settle();
    expect(s.job(c.id)?.state).toBe('running');
    await s.close();
    expect(s.job(c.id)?.state).toBe('cancelled');
    expect(runner.closed).toBe(true);
    expect(() => start()).toThrow(expect.objectContaining({ code: 'E_WHATIF_BUSY' }));
  });

  it('refuses bad seeds, windows outside the day, bad names and unknown stores', () => {
    const s = open();
    const bad = (request: Record<string, unknown>, code: string) =>
      expect(() => s.start('demo-grocery', { patch: [], ...request })).toThrow(
        expect.objectContaining({ code }),
      );
    bad({ seeds: 1 }, 'E_USAGE');
    bad({ seeds: 21 }, 'E_USAGE');
    bad({ seeds: 2.5 }, 'E_USAGE');
    bad({ window: { start: '07:00', end: '09:00' } }, 'E_USAGE');
    bad({ window: { start: '13:00', end: '12:00' } }, 'E_USAGE');
    bad({ window: { start: '12:00', end: '12:60' } }, 'E_USAGE');
    bad({ window: '12:00' }, 'E_USAGE');
    bad({ name: '' }, 'E_USAGE');
    bad({ patch: [{ op: 'moveObstacle', id: 'gondola-4', by: [2.4, 0] }] }, 'E_INVALID');
    expect(() => s.start('elsewhere', { patch: [] })).toThrow(
      expect.objectContaining({ code: 'E_NOT_FOUND' }),
    );
  });
});

describe('peakWindow', () => {
  const day = { start: '08:00', end: '21:00' };
  it('starts where the rate is highest (the first such piece) and ends by closing time', () => {
    const rates: [string, number][] = [
      ['08:00', 1],
      ['12:00', 5],
      ['16:00', 5],
      ['20:30', 9],
    ];
    expect(peakWindow(rates, day)).toEqual({ start: '20:00', end: '21:00' });
    expect(peakWindow(rates.slice(0, 3), day)).toEqual({ start: '12:00', end: '13:00' });
    expect(peakWindow(rates.slice(0, 3), day, 30)).toEqual({ start: '12:00', end: '12:30' });
  });
  it('fits a short day and starts no earlier than opening', () => {
    expect(peakWindow([['06:00', 3]], { start: '12:00', end: '12:15' })).toEqual({
      start: '12:00',
      end: '12:15',
    });
  });
});
