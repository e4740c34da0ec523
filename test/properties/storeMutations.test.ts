import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LayoutIssue, validateStore } from '../../engine/layout/index.ts';
import { exampleStore, miniStore } from '../layout/fixtures.ts';

// Mutations of the valid stores that must be rejected with a path and a rule, never a crash.

// biome-ignore lint/suspicious/noExplicitAny: mutations reach into the raw JSON
type Json = any;

const bases: [string, () => Json][] = [
  ['mini', miniStore],
  ['grocery', () => exampleStore('scenarios/stores/demo-grocery.json')],
  ['fashion', () => exampleStore('scenarios/stores/demo-fashion.json')],
];
const baseArb = fc.constantFrom(...bases);
const RUNS = { numRuns: 40 };

function issuesOf(s: unknown): LayoutIssue[] {
  const r = validateStore(s);
  return r.ok ? [] : r.issues;
}

/** Every leaf of a JSON value with its path, e.g. [['obstacles', 0, 'height'], 1.8]. */
function leaves(v: Json, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [[path, v]];
}

function setAt(root: Json, path: (string | number)[], value: unknown) {
  let node = root;
  for (const k of path.slice(0, -1)) node = node[k];
  node[path[path.length - 1] as string | number] = value;
}

function pathString(path: (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

describe('mutations of valid stores', () => {
  // Shifted by at most 4 cm: the thinnest obstacle (a fitting-room wall) is 10 cm thick, so the
  // overlap is always well above the 1e-4 m² rounding tolerance.
  it('moving an obstacle onto another is an overlap', () => {
    fc.assert(
      fc.property(
        baseArb,
        fc.nat(),
        fc.nat(),
        fc.double({ min: -0.04, max: 0.04, noNaN: true }),
        fc.double({ min: -0.04, max: 0.04, noNaN: true }),
        ([, make], a, b, dx, dy) => {
          const s = make();
          const n = s.obstacles.length;
          const i = a % n;
          const j = (i + 1 + (b % (n - 1))) % n;
          s.obstacles[i].polygon = s.obstacles[j].polygon.map(([x, y]: [number, number]) => [x + dx, y + dy]);
          const issues = issuesOf(s);
          const ids = [s.obstacles[i].id, s.obstacles[j].id];
          expect(
            issues.some(
              (x) =>
                x.rule === 'no-overlap' &&
                ids.some(
                  (id) => x.message.includes(`"${id}"`) || x.path === `obstacles[${Math.max(i, j)}].polygon`,
                ),
            ),
          ).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('a camera, till or staff post placed outside the outline is named', () => {
    const kinds = ['cameras', 'tills', 'staffPosts'] as const;
    fc.assert(
      fc.property(
        baseArb,
        fc.constantFrom(...kinds),
        fc.nat(),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        ([, make], kind, k, far, angle) => {
          const s = make();
          const list = s[kind];
          fc.pre(list.length > 0);
          const i = k % list.length;
          // The outline's bounding box grown by `far` metres in some direction.
          const xs = s.outline.map((p: number[]) => p[0]);
          const ys = s.outline.map((p: number[]) => p[1]);
          const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
          const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
          const reach = Math.max(Math.max(...xs) - cx, Math.max(...ys) - cy) * Math.SQRT2 + far;
          list[i].position = [cx + reach * Math.cos(angle), cy + reach * Math.sin(angle)];
          expect(issuesOf(s)).toContainEqual(
            expect.objectContaining({ path: `${kind}[${i}].position`, rule: 'inside-outline' }),
          );
        },
      ),
      RUNS,
    );
  });

  it('giving one thing the id of another is a duplicate', () => {
    const kinds = ['obstacles', 'entrances', 'tills', 'zones', 'objects', 'cameras', 'staffPosts'] as const;
    fc.assert(
      fc.property(
        baseArb,
        fc.constantFrom(...kinds),
        fc.constantFrom(...kinds),
        fc.nat(),
        fc.nat(),
        ([, make], ka, kb, a, b) => {
          const s = make();
          fc.pre(s[ka].length > 0 && s[kb].length > 0);
          const i = a % s[ka].length;
          const j = b % s[kb].length;
          fc.pre(ka !== kb || i !== j);
          s[ka][i].id = s[kb][j].id;
          expect(issuesOf(s).some((x) => x.rule === 'unique-id')).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('removing a zone that something names leaves a dangling reference', () => {
    fc.assert(
      fc.property(baseArb, fc.nat(), ([, make], k) => {
        const s = make();
        fc.pre(s.loop.length > 0);
        const gone = s.loop[k % s.loop.length];
        s.zones = s.zones.filter((z: Json) => z.id !== gone);
        expect(issuesOf(s)).toContainEqual(
          expect.objectContaining({ rule: 'known-zone', message: `no zone "${gone}"` }),
        );
      }),
      RUNS,
    );
  });

  it('a required field removed anywhere is named as required', () => {
    fc.assert(
      fc.property(baseArb, fc.nat(), ([, make], k) => {
        const s = make();
        const required = leaves(s)
          .map(([p]) => p)
          .filter(
            (p) =>
              typeof p[p.length - 1] === 'string' &&
              !['name', 'category', 'products', 'timezone', 'obstacle', 'vfov'].includes(
                p[p.length - 1] as string,
              ),
          );
        const path = required[k % required.length] as (string | number)[];
        let parent = s;
        for (const key of path.slice(0, -1)) parent = parent[key];
        delete parent[path[path.length - 1] as string];
        const where = pathString(path);
        expect(
          issuesOf(s).some(
            (x) => x.path === where || where.startsWith(`${x.path}.`) || where.startsWith(`${x.path}[`),
          ),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('a number replaced by something else is rejected at that place', () => {
    fc.assert(
      fc.property(
        baseArb,
        fc.nat(),
        fc.oneof(
          fc.string(),
          fc.constant(null),
          fc.boolean(),
          fc.object(),
          fc.constant(Number.NaN),
          fc.constant(Number.POSITIVE_INFINITY),
        ),
        ([, make], k, junk) => {
          const s = make();
          const numbers = leaves(s).filter(([, v]) => typeof v === 'number');
          const [path] = numbers[k % numbers.length] as [(string | number)[], unknown];
          setAt(s, path, junk);
          const where = pathString(path);
          const issues = issuesOf(s);
          expect(
            issues.some(
              (x) => where === x.path || where.startsWith(`${x.path}[`) || where.startsWith(`${x.path}.`),
            ),
          ).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('moving a shelf out of the building is outside the outline', () => {
    fc.assert(
      fc.property(
        baseArb,
        fc.nat(),
        fc.constantFrom([1, 0], [-1, 0], [0, 1], [0, -1]),
        ([, make], k, [ux, uy]) => {
          const s = make();
          fc.pre(s.obstacles.length > 0);
          const i = k % s.obstacles.length;
          s.obstacles[i].polygon = s.obstacles[i].polygon.map(([x, y]: [number, number]) => [
            x + 2000 * (ux as number),
            y + 2000 * (uy as number),
          ]);
          expect(issuesOf(s)).toContainEqual(
            expect.objectContaining({ path: `obstacles[${i}].polygon`, rule: 'inside-outline' }),
          );
        },
      ),
      RUNS,
    );
  });

  it('any JSON value at all gets issues or a layout, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateStore(v);
        expect(r.ok ? [] : r.issues.length).not.toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('random objects shaped a little like a store never crash the validator', () => {
    const pt = fc.tuple(
      fc.double({ min: -50, max: 50, noNaN: true }),
      fc.double({ min: -50, max: 50, noNaN: true }),
    );
    const poly = fc.array(pt, { minLength: 0, maxLength: 7 });
    fc.assert(
      fc.property(
        poly,
        fc.array(
          fc.record({
            id: fc.string({ minLength: 1, maxLength: 3 }),
            kind: fc.constant('shelf'),
            polygon: poly,
            height: fc.double({ min: 0.1, max: 3, noNaN: true }),
          }),
          { maxLength: 5 },
        ),
        fc.tuple(pt, pt),
        (outline, obstacles, seg) => {
          const r = validateStore({
            format: 'varv.store/1',
            id: 'x',
            name: 'x',
            outline,
            obstacles,
            entrances: [{ id: 'd', segment: seg, direction: 'both' }],
          });
          if (!r.ok) for (const i of r.issues) expect(i.path.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
