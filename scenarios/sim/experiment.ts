import { VarvError } from '../../engine/errors.ts';
import {
  area,
  containsPoint,
  type Point,
  type ResolvedScenario,
  segmentsIntersect,
} from '../../engine/layout/index.ts';
import { gaussian } from '../../engine/privacy/index.ts';
import { Crowd } from './crowd.ts';
import { DEFAULT_SPEED_MODEL, type SpeedModel, StepScratch, stepCrowd } from './locomotion.ts';
import { type NavField, Navigation } from './navigation.ts';
import { RandomTree } from './randomTree.ts';
import { WallIndex } from './wallIndex.ts';

/** Body radius (m) of an agent in the validation experiments. */
export const BODY_RADIUS = 0.2;
/** An agent within this distance (m) of its goal has arrived. */
const ARRIVED_M = 0.25;

export type Crossing = { line: string; agent: number; t: number };
/** One second of one measurement area: mean density (P/m²) and mean speed (m/s) of those inside. */
export type AreaSecond = { area: string; second: number; density: number; speed: number | null };
export type TrajectoryRow = { id: number; frame: number; x: number; y: number };

export type ExperimentResult = {
  /** Seconds from the start to each agent's arrival at its goal. */
  arrivals: Map<number, number>;
  /** Each agent's first crossing of each measurement line. */
  crossings: Crossing[];
  /** Positions every `recordEvery` steps. */
  trajectories: TrajectoryRow[];
  /** Desired speeds drawn for the agents (m/s). */
  desiredSpeeds: Map<number, number>;
  /** Density and speed in each measurement area, second by second. */
  areas: AreaSecond[];
  /** The smallest distance between an agent's centre and a wall seen during the run (m). */
  minWallClearance: number;
  /** Agents still on the floor at the end. */
  remaining: number;
  seconds: number;
};

/**
 * Runs a controlled experiment (a scenario with `spawn` and `clock.seconds`): agents appear in
 * their spawn areas and walk to their goal (an exit or a measurement line) under the
 * collision-free speed model. Same (scenario, seed) → the same result, bit for bit.
 */
export function runExperiment(
  sc: ResolvedScenario,
  opts: { seed?: number; recordEvery?: number; model?: SpeedModel } = {},
): ExperimentResult {
  if (!('seconds' in sc.clock) || !sc.spawn?.length)
    throw new VarvError('E_UNSUPPORTED', 'runExperiment needs a scenario with spawn and clock.seconds');
  const tree = new RandomTree(opts.seed ?? sc.seed);
  const store = sc.store;
  const nav = new Navigation(store);
  const walls = new WallIndex(store);
  const model = opts.model ?? DEFAULT_SPEED_MODEL;
  const recordEvery = opts.recordEvery ?? Math.max(1, Math.round(0.1 / sc.dt));
  const lines = sc.measure?.lines ?? [];
  const goalField = (goal: string): NavField => {
    const door = store.entrances.find((e) => e.id === goal);
    const seg = door?.segment ?? lines.find((l) => l.id === goal)?.segment;
    if (!seg) throw new VarvError('E_SCENARIO', `no exit or measurement line "${goal}"`);
    return nav.toward(`goal:${goal}`, seg[0], seg[1]);
  };

  // Who appears when and where: placed at random in the spawn area, clear of walls and each other.
  type Pending = { at: number; id: number; x: number; y: number; speed: number; goal: NavField };
  const pending: Pending[] = [];
  const desiredSpeeds = new Map<number, number>();
  let nextId = 0;
  sc.spawn.forEach((group, g) => {
    const placed: Point[] = [];
    const xs = group.area.map((p) => p[0]);
    const ys = group.area.map((p) => p[1]);
    const goal = goalField(group.goal);
    for (let k = 0; k < group.count; k++) {
      const rng = tree.stream(`spawn/${g}/${k}`);
      let spot: Point | undefined;
      for (let tries = 0; tries < 1000 && !spot; tries++) {
        const p: Point = [
          Math.min(...xs) + rng() * (Math.max(...xs) - Math.min(...xs)),
          Math.min(...ys) + rng() * (Math.max(...ys) - Math.min(...ys)),
        ];
        if (!containsPoint(group.area, p) || walls.distanceExact(p[0], p[1]) < BODY_RADIUS + 0.01) continue;
        if (placed.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 2 * BODY_RADIUS + 0.02)) continue;
        spot = p;
      }
      if (!spot)
        throw new VarvError(
          'E_SCENARIO',
          `spawn[${g}].area: no room for agent ${k + 1} of ${group.count} (too dense)`,
        );
      placed.push(spot);
      const speed = Math.min(2.5, Math.max(0.3, group.speed.mean + group.speed.sd * gaussian(rng)));
      const id = nextId++;
      desiredSpeeds.set(id, speed);
      pending.push({ at: group.at_s, id, x: spot[0], y: spot[1], speed, goal });
    }
  });
  pending.sort((a, b) => a.at - b.at || a.id - b.id);

  const crowd = new Crowd(Math.max(16, pending.length));
  const scratch = new StepScratch();
  const arrivals = new Map<number, number>();
  const crossings: Crossing[] = [];
  const crossed = new Set<string>();
  const trajectories: TrajectoryRow[] = [];
  const steps = Math.round(sc.clock.seconds / sc.dt);
  let minWallClearance = Number.POSITIVE_INFINITY;
  const normal = new Float64Array(2);
  const measureAreas = (sc.measure?.areas ?? []).map((a) => ({
    ...a,
    size: area(a.polygon),
    people: 0,
    speedSum: 0,
    samples: 0,
  }));
  const areas: AreaSecond[] = [];
  const stepsPerSecond = Math.max(1, Math.round(1 / sc.dt));
  let px = new Float64Array(0);
  let py = new Float64Array(0);
  let nextPending = 0;
  for (let step = 0; step <= steps; step++) {
    const t = step * sc.dt;
    while (nextPending < pending.length && (pending[nextPending] as Pending).at <= t + 1e-9) {
      const a = pending[nextPending++] as Pending;
      crowd.add({ id: a.id, x: a.x, y: a.y, radius: BODY_RADIUS, speed: a.speed, goal: a.goal });
    }
    if (step % recordEvery === 0) {
      for (let i = 0; i < crowd.n; i++)
        trajectories.push({
          id: crowd.id[i] as number,
          frame: step / recordEvery,
          x: crowd.x[i] as number,
          y: crowd.y[i] as number,
        });
    }
    if (step === steps || (crowd.n === 0 && nextPending === pending.length)) break;
    if (px.length < crowd.n) {
      px = new Float64Array(crowd.id.length);
      py = new Float64Array(crowd.id.length);
    }
    px.set(crowd.x.subarray(0, crowd.n));
    py.set(crowd.y.subarray(0, crowd.n));
    stepCrowd(crowd, walls, sc.dt, model, scratch);
    for (const m of measureAreas) {
      for (let i = 0; i < crowd.n; i++) {
        if (!containsPoint(m.polygon, [crowd.x[i] as number, crowd.y[i] as number])) continue;
        m.people++;
        m.speedSum += crowd.speed[i] as number;
      }
      m.samples++;
      if (m.samples === stepsPerSecond) {
        areas.push({
          area: m.id,
          second: Math.round((step + 1) * sc.dt) - 1,
          density: m.people / m.samples / m.size,
          speed: m.people ? m.speedSum / m.people : null,
        });
        m.people = 0;
        m.speedSum = 0;
        m.samples = 0;
      }
    }
    for (let i = crowd.n - 1; i >= 0; i--) {
      const id = crowd.id[i] as number;
      const a: Point = [px[i] as number, py[i] as number];
      const b: Point = [crowd.x[i] as number, crowd.y[i] as number];
      // The bucketed query is exact within its reach; only an agent farther than that from every
      // wall needs the scan over all segments.
      const near = walls.nearest(b[0], b[1], normal);
      minWallClearance = Math.min(
        minWallClearance,
        Number.isFinite(near) ? near : walls.distanceExact(b[0], b[1]),
      );
      for (const line of lines) {
        const key = `${line.id}\u0000${id}`;
        if (!crossed.has(key) && segmentsIntersect(a, b, line.segment[0], line.segment[1])) {
          crossed.add(key);
          crossings.push({ line: line.id, agent: id, t: t + sc.dt });
        }
      }
      if ((scratch.left[i] as number) < ARRIVED_M) {
        arrivals.set(id, t + sc.dt);
        crowd.removeAt(i);
      }
    }
  }
  return {
    arrivals,
    crossings,
    trajectories,
    areas,
    desiredSpeeds,
    minWallClearance,
    remaining: crowd.n,
    seconds: sc.clock.seconds,
  };
}
