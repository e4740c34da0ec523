import { describe, expect, it } from 'vitest';
import {
  area,
  cameraFootprint,
  cameraZone,
  storeSchema,
  visibleFloor,
  visibleFloorArea,
} from '../../engine/layout/index.ts';
import { exampleStore, miniStore } from './fixtures.ts';

const mini = storeSchema.parse(miniStore());
const cam = mini.cameras[0] as (typeof mini.cameras)[number];

describe('camera view', () => {
  it('cuts the footprint at the walls', () => {
    // 0.5 m from the front wall: looking into the store it sees all its footprint; turned to
    // face the wall, most of the footprint lies outside and is cut away.
    const facingWall = { ...cam, yaw: -90 };
    expect(visibleFloorArea(mini, facingWall)).toBeLessThan(area(cameraFootprint(facingWall)));
    expect(visibleFloorArea(mini, cam)).toBeCloseTo(area(cameraFootprint(cam)), 6);
  });

  it('sees nothing when it looks above the horizon', () => {
    expect(visibleFloor(mini, { ...cam, pitch: 30, vfov: 20 })).toEqual([]);
  });

  it('reports in the zone that covers most of what it sees', () => {
    expect(cameraZone(mini, { ...cam, range: 3 })).toBe('front');
    expect(cameraZone(mini, cam)).toBe('back'); // range 8 m: it sees mostly the back
    expect(cameraZone(mini, { ...cam, position: [12, 9.5], yaw: -90, range: 4 })).toBe('back');
  });

  it('each example camera reports in a zone of its own class where one exists', () => {
    for (const file of ['scenarios/stores/demo-grocery.json', 'scenarios/stores/demo-fashion.json']) {
      const store = storeSchema.parse(exampleStore(file));
      for (const c of store.cameras) {
        const zone = store.zones.find((z) => z.id === cameraZone(store, c));
        expect(zone, `${file}: ${c.id}`).toBeDefined();
        if (['entrance', 'checkout'].includes(c.class)) expect(zone?.class, `${file}: ${c.id}`).toBe(c.class);
      }
    }
  });
});
