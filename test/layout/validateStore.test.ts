import { describe, expect, it } from 'vitest';
import { formatIssue, type LayoutIssue, validateStore } from '../../engine/layout/index.ts';
import { exampleStore, miniStore, rect, STORE_FILES } from './fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: the cases break the layout in ways its type forbids
type Mutable = any;

type Case = { name: string; break: (s: Mutable) => void; path: string; rule: string; message?: string };

/** Each case breaks the valid mini store in one way and names the issue it must produce. */
const cases: Case[] = [
  { name: 'wrong format', break: (s) => (s.format = 'varv.store/2'), path: 'format', rule: 'invalid_value' },
  {
    name: 'missing name',
    break: (s) => delete s.name,
    path: 'name',
    rule: 'required',
    message: 'is required',
  },
  {
    name: 'misspelt field',
    break: (s) => {
      s.obstacels = s.obstacles;
    },
    path: 'obstacels',
    rule: 'unknown-field',
  },
  {
    name: 'outline of two points',
    break: (s) =>
      (s.outline = [
        [0, 0],
        [1, 0],
      ]),
    path: 'outline',
    rule: 'too_small',
    message: 'at least 3 points',
  },
  {
    name: 'self-crossing outline',
    break: (s) =>
      (s.outline = [
        [0, 0],
        [20, 10],
        [20, 0],
        [0, 10],
      ]),
    path: 'outline',
    rule: 'simple-polygon',
    message: 'crosses itself',
  },
  {
    name: 'obstacle outside the outline',
    break: (s) => (s.obstacles[0].polygon = rect(19, 4, 21, 5)),
    path: 'obstacles[0].polygon',
    rule: 'inside-outline',
    message: 'outside the outline',
  },
  {
    name: 'obstacles overlapping',
    break: (s) => (s.obstacles[1].polygon = rect(3.5, 5, 4.5, 8)),
    path: 'obstacles[1].polygon',
    rule: 'no-overlap',
    message: 'overlaps obstacle "shelf-1"',
  },
  {
    name: 'obstacle on a till',
    break: (s) => (s.obstacles[2].polygon = rect(14.5, 1, 16.5, 2.5)),
    path: 'obstacles[2].polygon',
    rule: 'no-overlap',
    message: 'overlaps till "till-1"',
  },
  {
    name: 'obstacle across a queue line',
    break: (s) => (s.obstacles[1].polygon = rect(14, 4, 16, 5)),
    path: 'obstacles[1].polygon',
    rule: 'no-overlap',
    message: 'crosses the queue line of till "till-1"',
  },
  {
    name: 'entrance off the wall',
    break: (s) =>
      (s.entrances[0].segment = [
        [8, 1],
        [10, 1],
      ]),
    path: 'entrances[0].segment',
    rule: 'on-outline',
  },
  {
    name: 'entrance narrower than a person',
    break: (s) =>
      (s.entrances[0].segment = [
        [8, 0],
        [8.3, 0],
      ]),
    path: 'entrances[0].segment',
    rule: 'door-width',
  },
  {
    name: 'zone outside the outline',
    break: (s) => (s.zones[1].polygon = rect(0, 3.5, 25, 10)),
    path: 'zones[1].polygon',
    rule: 'inside-outline',
  },
  {
    name: 'till outside',
    break: (s) => (s.tills[0].position = [21, 2]),
    path: 'tills[0].position',
    rule: 'inside-outline',
  },
  {
    name: 'queue line leaving the store',
    break: (s) =>
      (s.tills[0].queue = [
        [15, 3],
        [15, 12],
      ]),
    path: 'tills[0].queue',
    rule: 'inside-outline',
  },
  {
    name: 'queue far from its till',
    break: (s) =>
      (s.tills[0].queue = [
        [12, 6],
        [12, 8],
      ]),
    path: 'tills[0].queue',
    rule: 'queue-at-till',
  },
  {
    name: 'camera outside',
    break: (s) => (s.cameras[0].position = [-1, 5]),
    path: 'cameras[0].position',
    rule: 'inside-outline',
  },
  {
    name: 'loop names a missing zone',
    break: (s) => s.loop.push('dairy'),
    path: 'loop[3]',
    rule: 'known-zone',
    message: 'no zone "dairy"',
  },
  {
    name: 'object in a missing zone',
    break: (s) => (s.objects[0].zone = 'nowhere'),
    path: 'objects[0].zone',
    rule: 'known-zone',
  },
  {
    name: 'object outside its zone',
    break: (s) => (s.objects[0].zone = 'front'),
    path: 'objects[0].polygon',
    rule: 'in-zone',
  },
  {
    name: 'object on a missing obstacle',
    break: (s) => (s.objects[0].obstacle = 'table-9'),
    path: 'objects[0].obstacle',
    rule: 'known-obstacle',
  },
  {
    name: 'staff post serving a missing zone',
    break: (s) => (s.staffPosts[0].serves = ['back', 'bakery']),
    path: 'staffPosts[0].serves[1]',
    rule: 'known-zone',
  },
  {
    name: 'id used twice',
    break: (s) => (s.cameras[0].id = 'shelf-2'),
    path: 'cameras[0].id',
    rule: 'unique-id',
    message: 'already used by obstacles[1]',
  },
  {
    name: 'wall cutting the store in two',
    break: (s) => s.obstacles.push({ id: 'wall', kind: 'wall', polygon: rect(0, 6.5, 20, 6.7), height: 2.5 }),
    path: 'staffPosts[0].position',
    rule: 'reachable',
    message: 'staff post "post-1" cannot be reached',
  },
  {
    name: 'shelf walled in',
    break: (s) => {
      s.obstacles.push({ id: 'box-s', kind: 'wall', polygon: rect(2.5, 3.5, 4.5, 3.7), height: 2 });
      s.obstacles.push({ id: 'box-w', kind: 'wall', polygon: rect(2.3, 3.5, 2.5, 10), height: 2 });
      s.obstacles.push({ id: 'box-e', kind: 'wall', polygon: rect(4.5, 3.5, 4.7, 10), height: 2 });
    },
    path: 'obstacles[0]',
    rule: 'reachable',
    message: 'the front of shelf "shelf-1"',
  },
  {
    name: 'till boxed in by its counter',
    break: (s) => {
      s.obstacles[2].polygon = rect(14.1, 0, 16.5, 1.5);
      s.obstacles.push({ id: 'side', kind: 'counter', polygon: rect(14.1, 1.5, 14.4, 2.7), height: 1 });
      s.obstacles.push({ id: 'back', kind: 'counter', polygon: rect(15.6, 1.5, 16.5, 2.7), height: 1 });
      s.tills[0].queue = [
        [15, 2.8],
        [15, 4],
      ];
      s.obstacles.push({ id: 'lid', kind: 'counter', polygon: rect(14.1, 2.7, 14.8, 2.9), height: 1 });
      s.obstacles.push({ id: 'lid2', kind: 'counter', polygon: rect(15.2, 2.7, 16.5, 2.9), height: 1 });
    },
    path: 'tills[0].position',
    rule: 'reachable',
    message: 'till "till-1" cannot be reached',
  },
  {
    name: 'no door to come in by',
    break: (s) => (s.entrances[0].direction = 'out'),
    path: 'entrances',
    rule: 'reachable',
    message: 'no open door to come in by',
  },
  {
    name: 'exit that nobody can walk to',
    break: (s) => {
      s.entrances.push({
        id: 'back-door',
        segment: [
          [20, 7],
          [20, 9],
        ],
        direction: 'out',
      });
      s.obstacles.push({ id: 'crate', kind: 'wall', polygon: rect(18, 6, 18.2, 10), height: 2 });
      s.obstacles.push({ id: 'crate-2', kind: 'wall', polygon: rect(18.2, 6, 20, 6.2), height: 2 });
    },
    path: 'entrances[1]',
    rule: 'reachable',
    message: 'exit "back-door" cannot be reached',
  },
  {
    name: 'camera looking at the ceiling',
    break: (s) => (s.cameras[0].pitch = 25),
    path: 'cameras[0]',
    rule: 'sees-floor',
    message: 'camera "cam-1" sees less than',
  },
  {
    name: 'field of view too wide',
    break: (s) => (s.cameras[0].hfov = 200),
    path: 'cameras[0].hfov',
    rule: 'too_big',
  },
  {
    name: 'service time in neither form',
    break: (s) => (s.tills[0].serviceTime = { base_s: 30 }),
    path: 'tills[0].serviceTime',
    rule: 'invalid_union',
    message: 'exponential_s',
  },
  {
    name: 'unknown time zone',
    break: (s) => (s.timezone = 'Mars/Olympus'),
    path: 'timezone',
    rule: 'custom',
    message: 'IANA',
  },
  {
    name: 'a point that is not a number',
    break: (s) => (s.obstacles[0].polygon[1] = [4, null]),
    path: 'obstacles[0].polygon[1][1]',
    rule: 'invalid_type',
  },
  {
    name: 'unknown obstacle kind',
    break: (s) => (s.obstacles[0].kind = 'sofa'),
    path: 'obstacles[0].kind',
    rule: 'invalid_value',
  },
];

function issuesOf(s: unknown): LayoutIssue[] {
  const r = validateStore(s);
  return r.ok ? [] : r.issues;
}

describe('validateStore', () => {
  it('accepts the mini store the cases start from', () => {
    expect(issuesOf(miniStore())).toEqual([]);
  });

  it.each(STORE_FILES)('accepts the example store %s', (file) => {
    expect(issuesOf(exampleStore(file)).map(formatIssue)).toEqual([]);
  });

  it(`has at least 15 kinds of broken layout (${cases.length})`, () => {
    expect(new Set(cases.map((c) => c.rule)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('rejects: $name → $path [$rule]', (c) => {
    const s = miniStore();
    c.break(s);
    const issues = issuesOf(s);
    const hit = issues.find((i) => i.path === c.path && i.rule === c.rule);
    expect(hit, `expected ${c.path} [${c.rule}] among:\n${issues.map(formatIssue).join('\n')}`).toBeDefined();
    if (c.message) expect(hit?.message).toContain(c.message);
  });

  it('lists every issue, not just the first', () => {
    const s: Mutable = miniStore();
    s.cameras[0].position = [-1, 5];
    s.loop.push('dairy');
    s.obstacles[1].polygon = rect(3.5, 5, 4.5, 8);
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['cameras[0].position', 'loop[3]', 'obstacles[1].polygon']));
  });

  it('formats an issue as "path: message"', () => {
    const s: Mutable = miniStore();
    s.obstacles[2].polygon = rect(14.5, 1, 16.5, 2.5);
    expect(issuesOf(s).map(formatIssue)).toContain('obstacles[2].polygon: overlaps till "till-1"');
  });

  it('fills defaults for the optional lists', () => {
    const r = validateStore({
      format: 'varv.store/1',
      id: 'bare',
      name: 'Bare room',
      outline: rect(0, 0, 5, 5),
      entrances: [
        {
          id: 'd',
          segment: [
            [1, 0],
            [3, 0],
          ],
          direction: 'both',
        },
      ],
    });
    expect(r.ok && r.value).toMatchObject({
      obstacles: [],
      tills: [],
      zones: [],
      loop: [],
      timezone: 'Europe/Stockholm',
    });
  });

  it('lets a corridor exactly one body wide through, and not one narrower', () => {
    const corridor = (width: number) => ({
      format: 'varv.store/1',
      id: 'c',
      name: 'c',
      outline: rect(0, 0, 10, width),
      entrances: [
        {
          id: 'a',
          segment: [
            [0, 0],
            [0, width],
          ],
          direction: 'in',
        },
        {
          id: 'b',
          segment: [
            [10, 0],
            [10, width],
          ],
          direction: 'out',
        },
      ],
    });
    expect(issuesOf(corridor(0.55))).toEqual([]);
    expect(issuesOf(corridor(0.45)).map((i) => i.rule)).toContain('door-width');
  });
});
