import { describe, expect, it } from 'vitest';
import { describeStore, formatStoreSummary, storeSchema } from '../../engine/layout/index.ts';
import { exampleStore, miniStore } from './fixtures.ts';

const grocery = storeSchema.parse(exampleStore('scenarios/stores/demo-grocery.json'));
const fashion = storeSchema.parse(exampleStore('scenarios/stores/demo-fashion.json'));

describe('describeStore', () => {
  it('the demo grocery is the store the issue asks for', () => {
    const s = describeStore(grocery);
    expect(s.area_m2).toBeGreaterThanOrEqual(1100);
    expect(s.area_m2).toBeLessThanOrEqual(1300);
    expect(s.tills).toEqual({ staffed: 4, self: 4, open: 7 });
    expect(Object.values(s.camerasByClass).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(10);
    for (const n of Object.values(s.camerasByClass)) expect(n).toBeGreaterThanOrEqual(1);
    expect(s.obstaclesByKind.shelf).toBeGreaterThanOrEqual(7);
    expect(s.categories).toEqual(expect.arrayContaining(['produce', 'bakery', 'dairy', 'frozen', 'promo']));
    expect(s.loop[0]).toBe('entrance');
    expect(s.loop[1]).toBe('produce');
    expect(s.staffPosts).toBeGreaterThan(0);
  });

  it('the grocery has at least six dry-goods aisles between its gondolas', () => {
    const gondolas = grocery.obstacles.filter((o) => o.id.startsWith('gondola-'));
    expect(gondolas.length - 1).toBeGreaterThanOrEqual(6);
  });

  it('the demo fashion store has departments, fitting rooms and two tills', () => {
    const s = describeStore(fashion);
    expect(s.area_m2).toBeGreaterThanOrEqual(550);
    expect(s.area_m2).toBeLessThanOrEqual(650);
    expect(s.tills.staffed + s.tills.self).toBe(2);
    expect(s.zones.map((z) => z.id)).toEqual(expect.arrayContaining(['fitting-rooms', 'women', 'men']));
  });

  it('measures the loop as a walk around the shelves, longer than the straight lines between zones', () => {
    const s = describeStore(grocery);
    expect(s.loopLength_m).not.toBeNull();
    // Straight-line distance between consecutive zone centres is a lower bound of the walk.
    expect(s.loopLength_m as number).toBeGreaterThan(80);
    expect(s.loopLength_m as number).toBeLessThan(250);
  });

  it('a walkable area is smaller than the floor and larger than nothing', () => {
    const s = describeStore(storeSchema.parse(miniStore()));
    expect(s.walkable_m2).toBeGreaterThan(100);
    expect(s.walkable_m2).toBeLessThan(s.area_m2);
  });

  it('reads as plain language', () => {
    const text = formatStoreSummary(describeStore(grocery));
    expect(text).toMatch(/Demo grocery \(demo-grocery\): 1200 m²/);
    expect(text).toMatch(/tills: 4 staffed \+ 4 self-checkout/);
    expect(text).toMatch(/16 shelves/);
    expect(text).toMatch(/loop: entrance → produce → .* about \d+(\.\d)? m on foot/);
  });
});
