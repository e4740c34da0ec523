import { describe, expect, it } from 'vitest';
import { Measurements } from '../../scenarios/sim/index.ts';
import { rect } from '../layout/fixtures.ts';

/** A counting line across x = 5 (from y 0 to 10) and a 2 m × 2 m area at (1..3, 1..3). */
function measure() {
  return new Measurements({
    lines: [
      {
        id: 'gate',
        segment: [
          [5, 0],
          [5, 10],
        ],
      },
    ],
    areas: [{ id: 'corner', polygon: rect(1, 1, 3, 3) }],
  });
}

/** Feeds samples [id, frame, x, y], sorted into frame order as the class requires. */
function feed(m: Measurements, samples: [number, number, number, number][]) {
  for (const [id, frame, x, y] of [...samples].sort((a, b) => a[1] - b[1])) m.position(id, frame, x, y);
  return m.result();
}

describe('measurements from once-a-second positions', () => {
  it('count a crossing in the second the agent is first seen past the line, either way', () => {
    const r = feed(measure(), [
      [1, 0, 4, 5],
      [1, 1, 4.5, 5],
      [1, 2, 5.5, 5], // crosses eastwards between seconds 1 and 2
      [1, 3, 6, 5],
      [2, 2, 6, 8],
      [2, 3, 4.2, 8], // crosses westwards between seconds 2 and 3
      [3, 3, 4, 1],
      [3, 4, 6, 1.5], // and another one at second 4
    ]);
    expect(r.flows).toEqual([{ line: 'gate', perSecond: [0, 0, 1, 1, 1] }]);
  });

  it('count two agents crossing in the same second as two', () => {
    const r = feed(measure(), [
      [1, 0, 4, 2],
      [2, 0, 6, 7],
      [1, 1, 6, 2],
      [2, 1, 4, 7],
    ]);
    expect(r.flows[0]?.perSecond).toEqual([0, 2]);
  });

  it('do not count an agent that skipped a second, nor one that only walks beside the line', () => {
    const r = feed(measure(), [
      [1, 0, 4, 5],
      [1, 2, 6, 5], // no sample at second 1: the gap is not a step
      [2, 0, 4, 2],
      [2, 1, 4.9, 2],
      [2, 2, 4.9, 9], // along the line without reaching it
      [3, 1, 6, 3], // first sample past the line: nothing to cross from
    ]);
    expect(r.flows[0]?.perSecond.every((n) => n === 0)).toBe(true);
  });

  it('give each second’s density as the people in the area over its size', () => {
    const r = feed(measure(), [
      [1, 0, 1.5, 1.5],
      [2, 0, 2.5, 2.5],
      [3, 0, 2, 2],
      [4, 0, 8, 8], // outside the area
      [1, 1, 1.6, 1.5],
      [2, 1, 4, 4], // left the area
    ]);
    const second = (s: number) => r.areas.find((a) => a.area === 'corner' && a.second === s);
    expect(second(0)?.density).toBeCloseTo(3 / 4, 3);
    expect(second(1)?.density).toBeCloseTo(1 / 4, 3);
  });

  it('give each second’s speed as the mean step since the second before, of those in the area', () => {
    const r = feed(measure(), [
      [1, 0, 1.2, 1.2],
      [2, 0, 1.5, 2.5],
      [1, 1, 1.8, 2.0], // 1.0 m in one second (0.6, 0.8)
      [2, 1, 2.0, 2.5], // 0.5 m
      [3, 1, 2.5, 1.5], // first seen: no step yet
      [1, 3, 2.0, 2.0], // seen again after a gap: no step either
    ]);
    const second = (s: number) => r.areas.find((a) => a.area === 'corner' && a.second === s);
    // Nobody had a step at second 0.
    expect(second(0)).toMatchObject({ density: 0.5, speed: null });
    expect(second(1)).toMatchObject({ density: 0.75 });
    expect(second(1)?.speed).toBeCloseTo(0.75, 3);
    expect(second(3)).toMatchObject({ density: 0.25, speed: null });
  });

  it('measure the step on both sides of the area’s edge: walking in counts the whole step', () => {
    const r = feed(measure(), [
      [1, 0, 0, 2], // outside
      [1, 1, 2, 2], // inside, 2 m further
    ]);
    const row = r.areas.find((a) => a.second === 1);
    expect(row?.speed).toBeCloseTo(2, 3);
  });

  it('count one crossing once even when a sample lands on the line, and never count standing on it', () => {
    const r = feed(measure(), [
      [1, 0, 4, 5],
      [1, 1, 5, 5], // on the line
      [1, 2, 6, 5], // past it: still one crossing in all
      [2, 0, 5, 8],
      [2, 1, 5, 8.5],
      [2, 2, 5, 9], // walks along the line
    ]);
    expect(r.flows[0]?.perSecond.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('give every area a row for every sampled second, 0 when empty, and every line the same length', () => {
    const r = feed(measure(), [
      [1, 0, 2, 2],
      [1, 1, 8, 8],
      [1, 2, 9, 9],
    ]);
    expect(r.areas.map((a) => [a.second, a.density])).toEqual([
      [0, 0.25],
      [1, 0],
      [2, 0],
    ]);
    expect(r.flows[0]?.perSecond).toHaveLength(3);
  });
});
