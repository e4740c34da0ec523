import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../engine/clock.ts';
import { parseEvent } from '../../engine/events/index.ts';
import { cameraZone, storeSchema } from '../../engine/layout/index.ts';
import { GroupAssigner, StoreKey } from '../../engine/privacy/index.ts';
import { CameraSensors, DEFAULT_SENSORS, type SeenAgent } from '../../scenarios/sensors/index.ts';
import { Population, RandomTree } from '../../scenarios/sim/index.ts';
import { miniStore } from '../layout/fixtures.ts';

const store = storeSchema.parse(miniStore()); // cam-1 at (9, 0.5), looking north (+y), 8 m range
const T0 = Date.parse('2026-06-02T10:00:00Z');

function setup(repeatAfterS = 2) {
  const assigner = new GroupAssigner(
    StoreKey.parse('mini', '7e'.repeat(32)),
    { groups: 256, rotation: 'none', intervals: ['06:00', '11:00', '14:00'], timezone: 'Europe/Stockholm' },
    { projections: 6, buckets: Array(6).fill(3), nonzeros: 32, spread: Array(6).fill(1 / Math.sqrt(128)) },
  );
  const tree = new RandomTree(1);
  const sensors = new CameraSensors(store, assigner, new ManualClock(), tree.stream('sensors'), {
    ...DEFAULT_SENSORS,
    repeatAfterS,
  });
  const person = new Population(tree, 100, 128, 0).person(0);
  return { sensors, person };
}

/** One agent walking straight from (x, y0) to (x, y1) at 1 m/s, facing where it goes, seen every 0.5 s. */
function walk(
  sensors: CameraSensors,
  person: SeenAgent['person'],
  x: number,
  y0: number,
  y1: number,
  start = T0,
) {
  const events = [];
  const dir = Math.sign(y1 - y0);
  for (let s = 0; s <= Math.abs(y1 - y0); s += 0.5) {
    events.push(
      ...sensors.observe(start + s * 1000, [{ id: 1, x, y: y0 + dir * s, ex: 0, ey: dir, person }]),
    );
  }
  return events;
}

describe('camera sensors', () => {
  it('see a face walking towards the camera: first sight, then one sighting every N seconds', () => {
    const { sensors, person } = setup(2);
    const events = walk(sensors, person, 9, 7, 1);
    expect(events.length).toBeGreaterThanOrEqual(3);
    const ts = events.map((e) => e.t);
    for (let i = 1; i < ts.length; i++)
      expect((ts[i] as number) - (ts[i - 1] as number)).toBeGreaterThanOrEqual(2000);
    for (const e of events) {
      expect(parseEvent(e).ok).toBe(true);
      expect(e).toMatchObject({
        store: 'mini',
        camera: 'cam-1',
        cameraClass: 'entrance',
        zone: cameraZone(store, store.cameras[0] as (typeof store.cameras)[number]),
        interval: 'lunch',
      });
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('do not see the back of a head, nor anyone outside the view', () => {
    const { sensors, person } = setup();
    expect(walk(sensors, person, 9, 1, 7)).toEqual([]); // walking away from the camera
    expect(walk(sensors, person, 19, 9.5, 9)).toEqual([]); // far corner, out of range
  });

  it('start a new track when a face leaves the view and comes back', () => {
    const { sensors, person } = setup(60);
    const first = walk(sensors, person, 9, 5, 3);
    // Out of view for a while, then back: a first sight again although 60 s have not passed.
    sensors.observe(T0 + 5000, []);
    const again = walk(sensors, person, 9, 5, 3, T0 + 10_000);
    expect(first).toHaveLength(1);
    expect(again).toHaveLength(1);
  });

  it('pass each embedding through lend(): one wiped buffer per sighting', () => {
    const { sensors, person } = setup(1);
    const events = walk(sensors, person, 9, 7, 1);
    expect(sensors.lifetimes.count).toBe(events.length);
  });

  it('are deterministic: the same walk gives the same events', () => {
    const a = setup();
    const b = setup();
    expect(walk(b.sensors, b.person, 9, 7, 1)).toEqual(walk(a.sensors, a.person, 9, 7, 1));
  });

  it('carry attributes through a confusion model: mostly right, sometimes wrong', () => {
    const { sensors, person } = setup(0.5);
    const events = [];
    for (let k = 0; k < 40; k++) events.push(...walk(sensors, person, 9, 7, 1, T0 + k * 60_000));
    const right = events.filter((e) => e.attrs?.gender === person.gender).length / events.length;
    expect(right).toBeGreaterThan(0.85);
    expect(right).toBeLessThan(1);
  });
});
