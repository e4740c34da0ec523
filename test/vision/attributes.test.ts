import { describe, expect, it } from 'vitest';
import { ageBandOf, genderOf } from '../../engine/vision/attributes.ts';

const oneHot = (age: number) => Array.from({ length: 100 }, (_, a) => (a === age ? 1 : 0));

describe('genderOf', () => {
  it.each([
    [0.95, 0.5, 'man', 0.9],
    [0.05, 0.5, 'woman', 0.9],
    [0.7, 0.5, 'unknown', 0.4], // confidence 0.4 is below the floor
    [0.7, 0.3, 'man', 0.4],
    [0.5, 0, 'man', 0],
    [Number.NaN, 0, 'unknown', 0],
  ])('P(male) %d with floor %d → %s (confidence %d)', (p, floor, gender, confidence) => {
    const g = genderOf(p, floor);
    expect(g.gender).toBe(gender);
    expect(g.confidence).toBeCloseTo(confidence, 10);
  });
});

describe('ageBandOf', () => {
  it.each([
    [5, '0-17'],
    [17, '0-17'],
    [18, '18-29'],
    [29, '18-29'],
    [30, '30-44'],
    [45, '45-64'],
    [64, '45-64'],
    [65, '65+'],
    [99, '65+'],
  ])('a certain age of %i is in band %s', (age, band) => {
    expect(ageBandOf(oneHot(age), 0.5)).toEqual({ age: band, confidence: 1, years: age });
  });

  it('adds up the probability per band and says unknown below the floor', () => {
    const p = new Array(100).fill(0);
    p[25] = 0.3;
    p[28] = 0.15;
    p[35] = 0.55;
    expect(ageBandOf(p, 0.5)).toMatchObject({ age: '30-44', confidence: 0.55 });
    expect(ageBandOf(p, 0.6)).toMatchObject({ age: 'unknown', confidence: 0.55 });
    expect(ageBandOf(p, 0).years).toBeCloseTo(0.3 * 25 + 0.15 * 28 + 0.55 * 35, 10);
  });
});
