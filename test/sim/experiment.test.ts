import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  loadScenarioFile,
  type ResolvedScenario,
  storeSchema,
  validateScenario,
} from '../../engine/layout/index.ts';
import { BODY_RADIUS } from '../../scenarios/sim/experiment.ts';
import { runExperiment } from '../../scenarios/sim/index.ts';

const corridor = loadScenarioFile('scenarios/runs/rimea-1-corridor.json');
const corner = loadScenarioFile('scenarios/runs/rimea-6-corner.json');

describe('validation experiments (DESIGN §8)', () => {
  it('RiMEA 1: one person walks the 40 m corridor at 1.33 m/s in 26–34 s', () => {
    const r = runExperiment(corridor);
    expect(r.arrivals.size).toBe(1);
    const t = r.arrivals.get(0) as number;
    expect(t).toBeGreaterThanOrEqual(26);
    expect(t).toBeLessThanOrEqual(34);
  });

  it('RiMEA 6: twenty people round the corner, all arrive and nobody comes closer to a wall than their radius', () => {
    const r = runExperiment(corner);
    expect(r.arrivals.size).toBe(20);
    expect(r.remaining).toBe(0);
    expect(r.minWallClearance).toBeGreaterThanOrEqual(BODY_RADIUS - 1e-9);
    // Everyone went through the bend: both measurement lines crossed by all 20.
    for (const line of ['into-bend', 'out-of-bend'])
      expect(r.crossings.filter((c) => c.line === line)).toHaveLength(20);
  });

  it('is deterministic: the same scenario and seed give the same trajectories, bit for bit', () => {
    const a = runExperiment(corner);
    const b = runExperiment(corner);
    expect(JSON.stringify(b.trajectories)).toBe(JSON.stringify(a.trajectories));
    const c = runExperiment(corner, { seed: 2 });
    expect(JSON.stringify(c.trajectories)).not.toBe(JSON.stringify(a.trajectories));
  });

  it('nobody crosses a wall or a shelf in random rooms (property)', () => {
    const room = fc
      .record({
        w: fc.integer({ min: 6, max: 14 }),
        h: fc.integer({ min: 5, max: 10 }),
        shelves: fc.array(
          fc.record({
            x: fc.double({ min: 1.5, max: 10, noNaN: true }),
            y: fc.double({ min: 1.5, max: 8, noNaN: true }),
            len: fc.double({ min: 0.5, max: 3, noNaN: true }),
            vertical: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        people: fc.integer({ min: 1, max: 12 }),
        seed: fc.nat(),
      })
      .map(({ w, h, shelves, people, seed }) => ({
        format: 'varv.scenario/1',
        seed,
        clock: { seconds: 25 },
        dt: 0.05,
        store: {
          format: 'varv.store/1',
          id: 'room',
          name: 'room',
          outline: rect(0, 0, w, h),
          entrances: [
            {
              id: 'exit',
              segment: [
                [w, h - 2],
                [w, h - 0.8],
              ],
              direction: 'both',
            },
          ],
          obstacles: shelves
            .filter(
              (s) => s.x + (s.vertical ? 0.6 : s.len) < w - 1 && s.y + (s.vertical ? s.len : 0.6) < h - 1,
            )
            .map((s, i) => ({
              id: `s${i}`,
              kind: 'shelf',
              height: 1.8,
              polygon: rect(s.x, s.y, s.x + (s.vertical ? 0.6 : s.len), s.y + (s.vertical ? s.len : 0.6)),
            })),
        },
        spawn: [
          {
            area: rect(0.3, 0.3, 1.3, h - 0.3),
            count: people,
            goal: 'exit',
            speed: { mean: 1.34, sd: 0.26 },
          },
        ],
      }));
    let ran = 0;
    let arrived = 0;
    let people = 0;
    fc.assert(
      fc.property(room, (json) => {
        const checked = validateScenario(json, () => undefined);
        fc.pre(checked.ok); // shelves that overlap or cut the room apart make an invalid store
        ran++;
        const r = runExperiment((checked as { value: ResolvedScenario }).value);
        expect(r.minWallClearance).toBeGreaterThanOrEqual(BODY_RADIUS - 1e-9);
        arrived += r.arrivals.size;
        people += json.spawn[0]?.count ?? 0;
        const store = storeSchema.parse(json.store);
        for (const p of r.trajectories) {
          expect(p.x).toBeGreaterThan(0);
          expect(p.y).toBeGreaterThan(0);
          expect(p.x).toBeLessThan(store.outline[1]?.[0] as number);
        }
      }),
      { numRuns: 25, seed: 6 },
    );
    // The property must have run on real rooms, and people must have got out (nobody stuck).
    expect(ran).toBeGreaterThanOrEqual(20);
    expect(arrived).toBe(people);
  });
});

function rect(x0: number, y0: number, x1: number, y1: number): [number, number][] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}
