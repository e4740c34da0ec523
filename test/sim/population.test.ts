import { describe, expect, it } from 'vitest';
import { wilson } from '../../engine/privacy/index.ts';
import {
  AGE_SHARES,
  arrivalTimes,
  expectedArrivals,
  Population,
  RandomTree,
} from '../../scenarios/sim/index.ts';

/** A day's rate profile (arrivals per minute from each time on). */
const profile: [string, number][] = [
  ['08:00', 0.8],
  ['10:00', 1.5],
  ['12:00', 3.0],
  ['13:30', 1.8],
  ['16:00', 2.6],
  ['18:30', 1.6],
  ['20:00', 0.8],
];

describe('arrivals', () => {
  it('come at the profile rate: the day totals of many seeds average to ∫ rate, within 4 standard errors', () => {
    const expected = expectedArrivals(profile, '08:00', '21:00');
    // 0.8·120 + 1.5·120 + 3·90 + 1.8·150 + 2.6·150 + 1.6·90 + 0.8·60
    expect(expected).toBeCloseTo(96 + 180 + 270 + 270 + 390 + 144 + 48, 6);
    const tree = new RandomTree(1);
    const totals = Array.from(
      { length: 200 },
      (_, d) => arrivalTimes(profile, '08:00', '21:00', tree.stream(`arrivals/${d}`)).length,
    );
    const mean = totals.reduce((s, n) => s + n, 0) / totals.length;
    // Poisson: variance = mean.
    expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(expected / totals.length));
  });

  it('follow the profile within the day: the lunch peak gets its share', () => {
    const tree = new RandomTree(2);
    let peak = 0;
    let all = 0;
    for (let d = 0; d < 100; d++) {
      const ts = arrivalTimes(profile, '08:00', '21:00', tree.stream(`arrivals/${d}`));
      all += ts.length;
      peak += ts.filter((t) => t >= 12 * 3600 && t < 13.5 * 3600).length;
    }
    const share = wilson(peak, all, 3.29);
    const expectedShare = 270 / expectedArrivals(profile, '08:00', '21:00');
    expect(share.lo).toBeLessThanOrEqual(expectedShare);
    expect(share.hi).toBeGreaterThanOrEqual(expectedShare);
  });

  it('are sorted, inside opening hours, and the same for the same stream', () => {
    const a = arrivalTimes(profile, '08:00', '21:00', new RandomTree(3).stream('arrivals/0'));
    expect(a).toEqual(arrivalTimes(profile, '08:00', '21:00', new RandomTree(3).stream('arrivals/0')));
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(a[0] as number).toBeGreaterThanOrEqual(8 * 3600);
    expect(a.at(-1) as number).toBeLessThan(21 * 3600);
  });

  it('stop at closing time even when the profile goes on, and start at opening', () => {
    const a = arrivalTimes([['06:00', 5]], '09:00', '09:30', new RandomTree(4).stream('a'));
    expect(a.every((t) => t >= 9 * 3600 && t < 9.5 * 3600)).toBe(true);
    expect(expectedArrivals([['06:00', 5]], '09:00', '09:30')).toBe(150);
  });
});

describe('population', () => {
  it('keeps each person the same: identity, gender, age and habit depend only on the seed and the index', () => {
    const a = new Population(new RandomTree(5), 1000, 64, 0.3);
    const b = new Population(new RandomTree(5), 1000, 64, 0.3);
    b.person(999); // drawing others first changes nothing
    expect(b.person(17)).toEqual(a.person(17));
    expect(a.person(17)).not.toEqual(a.person(18));
    const norm = Math.hypot(...a.person(17).identity);
    expect(norm).toBeCloseTo(1, 5);
  });

  it('the share of visits by people seen before approaches the configured `returning`', () => {
    const pop = new Population(new RandomTree(6), 20000, 16, 0.45);
    const rng = new RandomTree(6).stream('visitors');
    let again = 0;
    const n = 5000;
    const seenBefore = new Set<number>();
    // A first day of new people, then the measured days of 500 visits each.
    for (let i = 0; i < 500; i++) seenBefore.add(pop.nextVisitor('lunch', rng).index);
    pop.newDay();
    for (let i = 0; i < n; i++) {
      if (i % 500 === 0) pop.newDay();
      const p = pop.nextVisitor(i % 3 === 0 ? 'morning' : 'afternoon', rng);
      if (seenBefore.has(p.index)) again++;
      seenBefore.add(p.index);
    }
    const r = wilson(again, n, 3.29);
    expect(r.lo).toBeLessThanOrEqual(0.45);
    expect(r.hi).toBeGreaterThanOrEqual(0.45);
    expect(pop.distinctVisitors).toBe(seenBefore.size);
  });

  it('returning people favour their habitual part of the day', () => {
    const pop = new Population(new RandomTree(7), 300, 8, 0.9);
    const rng = new RandomTree(7).stream('visitors');
    for (let i = 0; i < 300; i++) pop.nextVisitor('lunch', rng);
    pop.newDay();
    let habitual = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) if (pop.nextVisitor('morning', rng).habit === 'morning') habitual++;
    // A third of people have the morning habit; weighted 3:1 they make 3/5 of morning returns.
    expect(habitual / n).toBeGreaterThan(0.45);
  });

  it('has the configured mix of age bands and about as many men as women', () => {
    const pop = new Population(new RandomTree(8), 4000, 4, 0);
    const people = Array.from({ length: 4000 }, (_, i) => pop.person(i));
    for (const [band, share] of Object.entries(AGE_SHARES)) {
      const r = wilson(people.filter((p) => p.age === band).length, people.length, 3.29);
      expect(r.lo).toBeLessThanOrEqual(share);
      expect(r.hi).toBeGreaterThanOrEqual(share);
    }
    const men = wilson(people.filter((p) => p.gender === 'man').length, people.length, 3.29);
    expect(men.lo).toBeLessThanOrEqual(0.5);
    expect(men.hi).toBeGreaterThanOrEqual(0.5);
  });

  it('brings nobody back on the first day, nor anyone first seen today', () => {
    const pop = new Population(new RandomTree(10), 1000, 4, 0.9);
    const rng = new RandomTree(10).stream('visitors');
    const day1 = Array.from({ length: 200 }, () => pop.nextVisitor('lunch', rng).index);
    expect(new Set(day1).size).toBe(200);
    pop.newDay();
    const day2 = Array.from({ length: 200 }, () => pop.nextVisitor('lunch', rng).index);
    const firstSeenToday = day2.filter((i) => !day1.includes(i));
    // Returning visits are all by day-1 people: each person first seen today comes once.
    expect(new Set(firstSeenToday).size).toBe(firstSeenToday.length);
    expect(day2.length - firstSeenToday.length).toBeGreaterThan(140);
  });

  it('falls back to people seen before when everyone has come once', () => {
    const pop = new Population(new RandomTree(9), 10, 4, 0);
    const rng = new RandomTree(9).stream('visitors');
    const who = Array.from({ length: 30 }, () => pop.nextVisitor('lunch', rng).index);
    expect(new Set(who).size).toBe(10);
  });
});
