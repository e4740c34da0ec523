import { readFileSync } from 'node:fs';
import { Crowd as DetourCrowd, init as initRecast, NavMeshQuery } from '@recast-navigation/core';
import { generateSoloNavMesh } from '@recast-navigation/generators';
import { cellCentre, type Point, storeSchema } from '../../engine/layout/index.ts';
import {
  Crowd,
  DEFAULT_SPEED_MODEL,
  type NavField,
  Navigation,
  RandomTree,
  StepScratch,
  stepCrowd,
  WallIndex,
} from '../../scenarios/sim/index.ts';
import { type BenchLine, median } from './measure.ts';

const STEPS = 40;
const DT = 0.1;
const TARGETS = 40;
const RADIUS = 0.2;

/**
 * Locomotion agent-steps per second on the grocery floor: our collision-free speed model kernel
 * against the recast-navigation crowd (DetourCrowd, WebAssembly) with the same agents, the same
 * start points and the same targets, in the same run. Agents that arrive are sent on to the next
 * target, so the crowd stays full.
 */
export async function locomotionBench(agents: number, runs = 3): Promise<BenchLine> {
  await initRecast();
  const store = storeSchema.parse(JSON.parse(readFileSync('scenarios/stores/demo-grocery.json', 'utf8')));
  const nav = new Navigation(store);
  const walls = new WallIndex(store);
  const rng = new RandomTree(1).stream('bench');
  const free: number[] = [];
  nav.grid.free.forEach((f, i) => {
    if (f) free.push(i);
  });
  const pick = (): Point => cellCentre(nav.grid, free[Math.floor(rng() * free.length)] as number);
  const targets = Array.from({ length: TARGETS }, pick);
  const fields: NavField[] = targets.map((p, i) => nav.toward(`bench${i}`, p));
  // Start points: random, jittered within their cell, at least a body apart (bucketed check).
  const starts: Point[] = [];
  const taken = new Map<string, Point[]>();
  const key = (x: number, y: number) => `${Math.floor(x)},${Math.floor(y)}`;
  for (let tries = 0; starts.length < agents; tries++) {
    if (tries > agents * 200) throw new Error(`no room for ${agents} agents on the grocery floor`);
    const c = pick();
    const p: Point = [c[0] + (rng() - 0.5) * nav.grid.cell, c[1] + (rng() - 0.5) * nav.grid.cell];
    let ok = true;
    for (let dx = -1; dx <= 1 && ok; dx++) {
      for (let dy = -1; dy <= 1 && ok; dy++) {
        for (const q of taken.get(key(p[0] + dx, p[1] + dy)) ?? [])
          if (Math.hypot(q[0] - p[0], q[1] - p[1]) < 2 * RADIUS + 0.01) ok = false;
      }
    }
    if (!ok) continue;
    starts.push(p);
    const k = key(p[0], p[1]);
    taken.set(k, [...(taken.get(k) ?? []), p]);
  }

  // Ours.
  const ours = (): number => {
    const crowd = new Crowd(agents);
    const goalOf = new Int32Array(agents);
    starts.forEach((p, i) => {
      goalOf[i] = i % TARGETS;
      crowd.add({
        id: i,
        x: p[0],
        y: p[1],
        radius: RADIUS,
        speed: 1.34,
        goal: fields[i % TARGETS] as NavField,
      });
    });
    const scratch = new StepScratch();
    const t0 = process.hrtime.bigint();
    for (let s = 0; s < STEPS; s++) {
      stepCrowd(crowd, walls, DT, DEFAULT_SPEED_MODEL, scratch);
      for (let i = 0; i < crowd.n; i++) {
        if ((scratch.left[i] as number) < 0.3) {
          const id = crowd.id[i] as number;
          goalOf[id] = ((goalOf[id] as number) + 1) % TARGETS;
          crowd.goal[i] = fields[goalOf[id] as number] as NavField;
        }
      }
    }
    return (agents * STEPS) / (Number(process.hrtime.bigint() - t0) / 1e9);
  };

  // DetourCrowd on a navmesh of the same floor: the floor as two triangles, every obstacle a box.
  const { positions, indices } = floorMesh(store);
  const built = generateSoloNavMesh(positions, indices, {
    cs: 0.1,
    ch: 0.1,
    walkableRadius: 2,
    walkableHeight: 18,
    walkableClimb: 2,
    maxEdgeLen: 40,
  });
  if (!built.success) throw new Error(`recast could not build the grocery navmesh: ${built.error}`);
  const query = new NavMeshQuery(built.navMesh);
  const onMesh = (p: Point) => query.findClosestPoint({ x: p[0], y: 0, z: p[1] }).point;
  const detourTargets = targets.map(onMesh);
  const detourStarts = starts.map(onMesh);
  const peer = (): number => {
    const crowd = new DetourCrowd(built.navMesh, { maxAgents: agents, maxAgentRadius: RADIUS });
    const goalOf = new Int32Array(agents);
    const list = detourStarts.map((p, i) => {
      goalOf[i] = i % TARGETS;
      const a = crowd.addAgent(p, {
        radius: RADIUS,
        height: 1.7,
        maxSpeed: 1.34,
        maxAcceleration: 8,
        collisionQueryRange: 2,
        pathOptimizationRange: 6,
      });
      a.requestMoveTarget(detourTargets[i % TARGETS] as { x: number; y: number; z: number });
      return a;
    });
    const t0 = process.hrtime.bigint();
    for (let s = 0; s < STEPS; s++) {
      crowd.update(DT);
      list.forEach((a, i) => {
        const p = a.position();
        const t = detourTargets[goalOf[i] as number] as { x: number; z: number };
        if (Math.hypot(p.x - t.x, p.z - t.z) < 0.3) {
          goalOf[i] = ((goalOf[i] as number) + 1) % TARGETS;
          a.requestMoveTarget(detourTargets[goalOf[i] as number] as { x: number; y: number; z: number });
        }
      });
    }
    const rate = (agents * STEPS) / (Number(process.hrtime.bigint() - t0) / 1e9);
    crowd.destroy();
    return rate;
  };

  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    a.push(ours());
    b.push(peer());
  }
  const value = median(a);
  const peerValue = median(b);
  return {
    bench: 'sim',
    figure: `locomotion_agent_steps_per_s_${agents}`,
    value: Math.round(value),
    peer: 'recast-navigation crowd (DetourCrowd)',
    peerValue: Math.round(peerValue),
    ratio: Number((value / peerValue).toPrecision(3)),
    runs,
    note: `grocery floor, ${agents} agents, ${TARGETS} targets, dt ${DT} s, ${STEPS} steps; goal ratio ≥ 10`,
  };
}

/** The walkable floor for recast: the outline's bounding box at y = 0, obstacles as 1.5 m boxes. */
function floorMesh(store: ReturnType<typeof storeSchema.parse>) {
  const positions: number[] = [];
  const indices: number[] = [];
  const xs = store.outline.map((p) => p[0]);
  const zs = store.outline.map((p) => p[1]);
  const quad = (corners: [number, number, number][]) => {
    const base = positions.length / 3;
    for (const c of corners) positions.push(...c);
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  };
  const [x0, x1, z0, z1] = [Math.min(...xs), Math.max(...xs), Math.min(...zs), Math.max(...zs)];
  quad([
    [x0, 0, z0],
    [x0, 0, z1],
    [x1, 0, z1],
    [x1, 0, z0],
  ]);
  for (const o of store.obstacles) {
    const ox = o.polygon.map((p) => p[0]);
    const oz = o.polygon.map((p) => p[1]);
    const [a0, a1, b0, b1] = [Math.min(...ox), Math.max(...ox), Math.min(...oz), Math.max(...oz)];
    const h = 1.5;
    quad([
      [a0, h, b0],
      [a0, h, b1],
      [a1, h, b1],
      [a1, h, b0],
    ]);
    quad([
      [a0, 0, b0],
      [a0, h, b0],
      [a1, h, b0],
      [a1, 0, b0],
    ]);
    quad([
      [a0, 0, b1],
      [a1, 0, b1],
      [a1, h, b1],
      [a0, h, b1],
    ]);
    quad([
      [a0, 0, b0],
      [a0, 0, b1],
      [a0, h, b1],
      [a0, h, b0],
    ]);
    quad([
      [a1, 0, b0],
      [a1, h, b0],
      [a1, h, b1],
      [a1, 0, b1],
    ]);
  }
  return { positions: new Float32Array(positions), indices: new Uint32Array(indices) };
}
