import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VarvError } from '../../engine/errors.ts';
import {
  type LayoutIssue,
  loadScenarioFile,
  validateFile,
  validateScenario,
} from '../../engine/layout/index.ts';
import { miniStore, rect } from './fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: cases break scenarios in ways their type forbids
type Json = any;

/** A store day on the inline mini store. */
function day(): Json {
  return {
    format: 'varv.scenario/1',
    store: miniStore(),
    seed: 3,
    clock: { start: '08:00', end: '20:00', days: 2 },
    arrivals: {
      perMinute: [
        ['08:00', 1],
        ['12:00', 2.5],
      ],
    },
    shoppers: { basket: { lognormal: [0.07, 0.76] }, returning: 0.3, population: 1000 },
    privacy: { groups: 128, consistency: 0.5, intervals: ['06:00', '11:00', '14:00'] },
  };
}

/** A controlled experiment on the inline mini store. */
function experiment(): Json {
  return {
    format: 'varv.scenario/1',
    store: miniStore(),
    seed: 1,
    clock: { seconds: 30 },
    dt: 0.05,
    spawn: [{ area: rect(1, 1, 3, 3), count: 10, goal: 'door', speed: { mean: 1.34, sd: 0.26 } }],
    measure: {
      lines: [
        {
          id: 'mid',
          segment: [
            [10, 0],
            [10, 3.5],
          ],
        },
      ],
      areas: [{ id: 'a', polygon: rect(4, 1, 6, 3) }],
    },
  };
}

const noFiles = (ref: string): never => {
  throw new VarvError('E_READ', `cannot read ${ref}`);
};

function issuesOf(sc: unknown): LayoutIssue[] {
  const r = validateScenario(sc, noFiles);
  return r.ok ? [] : r.issues;
}

type Case = {
  name: string;
  base: () => Json;
  break: (s: Json) => void;
  path: string;
  rule: string;
  message?: string;
};

const cases: Case[] = [
  {
    name: 'end before start',
    base: day,
    break: (s) => (s.clock.end = '07:00'),
    path: 'clock.end',
    rule: 'after-start',
  },
  {
    name: 'time of day out of range',
    base: day,
    break: (s) => (s.clock.start = '25:00'),
    path: 'clock.start',
    rule: 'invalid_format',
  },
  {
    name: 'neither arrivals nor spawn',
    base: day,
    break: (s) => {
      delete s.arrivals;
      delete s.shoppers;
    },
    path: '(root)',
    rule: 'has-agents',
  },
  {
    name: 'arrivals on a seconds clock',
    base: experiment,
    break: (s) => (s.arrivals = { perMinute: [['08:00', 1]] }),
    path: 'clock',
    rule: 'store-day',
  },
  {
    name: 'arrival times out of order',
    base: day,
    break: (s) => s.arrivals.perMinute.push(['10:00', 1]),
    path: 'arrivals.perMinute[2][0]',
    rule: 'ascending',
  },
  {
    name: 'negative arrival rate',
    base: day,
    break: (s) => (s.arrivals.perMinute[0][1] = -1),
    path: 'arrivals.perMinute[0][1]',
    rule: 'too_small',
  },
  {
    name: 'a store day with every till closed',
    base: day,
    break: (s) => (s.patch = [{ op: 'closeTill', id: 'till-1' }]),
    path: 'arrivals',
    rule: 'open-till',
  },
  {
    name: 'intervals out of order',
    base: day,
    break: (s) => (s.privacy.intervals = ['11:00', '06:00', '14:00']),
    path: 'privacy.intervals[1]',
    rule: 'ascending',
  },
  {
    name: 'consistency above 1',
    base: day,
    break: (s) => (s.privacy.consistency = 1.5),
    path: 'privacy.consistency',
    rule: 'too_big',
  },
  {
    name: 'unknown rotation',
    base: day,
    break: (s) => (s.privacy.rotation = 'hourly'),
    path: 'privacy.rotation',
    rule: 'invalid_value',
  },
  {
    name: 'returning share above 1',
    base: day,
    break: (s) => (s.shoppers.returning = 2),
    path: 'shoppers.returning',
    rule: 'too_big',
  },
  {
    name: 'shoppers without arrivals',
    base: experiment,
    break: (s) => (s.shoppers = day().shoppers),
    path: 'shoppers',
    rule: 'store-day',
  },
  {
    name: 'spawn goal that does not exist',
    base: experiment,
    break: (s) => (s.spawn[0].goal = 'roof'),
    path: 'spawn[0].goal',
    rule: 'known-goal',
  },
  {
    name: 'spawn area outside the store',
    base: experiment,
    break: (s) => (s.spawn[0].area = rect(-5, 1, -1, 3)),
    path: 'spawn[0].area',
    rule: 'inside-outline',
  },
  {
    name: 'measurement line leaving the store',
    base: experiment,
    break: (s) =>
      (s.measure.lines[0].segment = [
        [10, 0],
        [10, 30],
      ]),
    path: 'measure.lines[0].segment',
    rule: 'inside-outline',
  },
  {
    name: 'measurement ids used twice',
    base: experiment,
    break: (s) => (s.measure.areas[0].id = 'mid'),
    path: 'measure.areas[0].id',
    rule: 'unique-id',
  },
  { name: 'dt above a second', base: experiment, break: (s) => (s.dt = 2), path: 'dt', rule: 'too_big' },
  {
    name: 'patch naming a missing obstacle',
    base: day,
    break: (s) => (s.patch = [{ op: 'removeObstacle', id: 'shelf-9' }]),
    path: 'patch[0].id',
    rule: 'known-id',
  },
  {
    name: 'patch with an unknown op',
    base: day,
    break: (s) => (s.patch = [{ op: 'paint', id: 'shelf-1' }]),
    path: 'patch[0].op',
    rule: 'invalid_union',
    message: 'unknown "op"',
  },
  {
    name: 'patch that moves a shelf onto another',
    base: day,
    break: (s) => (s.patch = [{ op: 'moveObstacle', id: 'shelf-1', by: [3.5, 0] }]),
    path: 'store.obstacles[1].polygon',
    rule: 'no-overlap',
    message: '(after patch)',
  },
  {
    name: 'store file that cannot be read',
    base: day,
    break: (s) => (s.store = 'missing.json'),
    path: 'store',
    rule: 'readable',
  },
  {
    name: 'inline store that is broken',
    base: day,
    break: (s) => (s.store.outline = [[0, 0]]),
    path: 'store.outline',
    rule: 'too_small',
  },
];

describe('validateScenario', () => {
  it('accepts a store day and an experiment on an inline store', () => {
    expect(issuesOf(day())).toEqual([]);
    expect(issuesOf(experiment())).toEqual([]);
  });

  it('resolves the store and fills defaults', () => {
    const r = validateScenario(experiment(), noFiles);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.storeRef).toBe('inline');
    expect(r.value.store.id).toBe('mini');
    expect(r.value.outputs).toEqual(['events']);
    expect(r.value.spawn?.[0]?.at_s).toBe(0);
  });

  it('applies the patch to the store it returns', () => {
    const sc = day();
    sc.patch = [
      { op: 'closeTill', id: 'till-1' },
      {
        op: 'addTill',
        till: {
          ...sc.store.tills[0],
          id: 'till-2',
          position: [12, 2],
          queue: [
            [12, 3],
            [12, 4],
          ],
        },
      },
    ];
    const r = validateScenario(sc, noFiles);
    expect(r.ok && r.value.store.tills.map((t) => [t.id, t.open])).toEqual([
      ['till-1', false],
      ['till-2', true],
    ]);
  });

  it.each(cases)('rejects: $name → $path [$rule]', (c) => {
    const sc = c.base();
    c.break(sc);
    const issues = issuesOf(sc);
    const hit = issues.find((i) => i.path === c.path && i.rule === c.rule);
    expect(hit, `expected ${c.path} [${c.rule}] among ${JSON.stringify(issues, null, 1)}`).toBeDefined();
    if (c.message) expect(hit?.message).toContain(c.message);
  });

  const runs = readdirSync('scenarios/runs').filter((f) => f.endsWith('.json'));
  it.each(runs)('accepts the example scenario %s', (file) => {
    const r = validateFile(`scenarios/runs/${file}`);
    expect(r.ok ? [] : r.issues).toEqual([]);
    expect(r.ok && r.value.kind).toBe('scenario');
  });

  it('has a full day and a smoke run for each example store, and a run for each validation geometry', () => {
    const stores = runs
      .map((f) => loadScenarioFile(`scenarios/runs/${f}`))
      .map((s) => [s.store.id, 'start' in s.clock ? 'day' : 'experiment']);
    for (const id of ['demo-grocery', 'demo-fashion'])
      expect(stores.filter(([s]) => s === id).length).toBeGreaterThanOrEqual(2);
    for (const id of ['validation-corridor', 'validation-corner'])
      expect(stores).toContainEqual([id, 'experiment']);
  });

  it('loadScenarioFile throws a VarvError listing the issues', () => {
    expect(() => loadScenarioFile('scenarios/stores/demo-grocery.json')).toThrow(
      /is a store layout, not a scenario/,
    );
    expect(() => loadScenarioFile('does/not/exist.json')).toThrow(VarvError);
  });
});
