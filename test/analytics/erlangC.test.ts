import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC, serversNeeded } from '../../engine/analytics/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { thrown } from '../thrown.ts';

describe('Erlang C', () => {
  it('is M/M/1 for one server: P(wait) = ρ, Wq = ρ/(μ − λ)', () => {
    const q = erlangC(1, 0.8, 1);
    expect(q.pWait).toBeCloseTo(0.8, 12);
    expect(q.meanWait).toBeCloseTo(0.8 / 0.2, 12);
    expect(q.meanQueue).toBeCloseTo(0.8 * 4, 12);
  });

  it('matches the closed form for two servers: C = 2ρ²/(1 + ρ)', () => {
    for (const rho of [0.2, 0.5, 0.9])
      expect(erlangC(2, 2 * rho, 1).pWait).toBeCloseTo((2 * rho * rho) / (1 + rho), 12);
  });

  it('matches a textbook value: 10 erlangs on 12 servers wait with P ≈ 0.4493', () => {
    expect(erlangC(12, 10, 1).pWait).toBeCloseTo(0.4493, 3);
  });

  it('waits less with more servers, and P(wait) is a probability (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.01, max: 0.98, noNaN: true }),
        (c, rho) => {
          const q = erlangC(c, rho * c, 1);
          expect(q.pWait).toBeGreaterThanOrEqual(0);
          expect(q.pWait).toBeLessThanOrEqual(1);
          expect(erlangC(c + 1, rho * c, 1).meanWait).toBeLessThanOrEqual(q.meanWait + 1e-12);
        },
      ),
    );
  });

  it('agrees with a direct simulation of an M/M/c queue within 10% (c = 1, 2, 3)', () => {
    // A plain event-driven FIFO queue, independent of the code under test.
    for (const [c, rho] of [
      [1, 0.7],
      [2, 0.8],
      [3, 0.85],
    ] as const) {
      const rng = seededRng(`mmc-${c}`);
      const lambda = rho * c;
      const exp = (rate: number) => -Math.log(1 - rng()) / rate;
      const free = new Array<number>(c).fill(0);
      let t = 0;
      let waited = 0;
      let totalWait = 0;
      const n = 400_000;
      for (let i = 0; i < n; i++) {
        t += exp(lambda);
        const k = free.indexOf(Math.min(...free));
        const start = Math.max(t, free[k] as number);
        if (start > t) waited++;
        totalWait += start - t;
        free[k] = start + exp(1);
      }
      const q = erlangC(c, lambda, 1);
      expect(Math.abs(waited / n / q.pWait - 1)).toBeLessThan(0.1);
      expect(Math.abs(totalWait / n / q.meanWait - 1)).toBeLessThan(0.1);
    }
  });

  it('refuses an overloaded queue and nonsense', () => {
    expect(thrown(() => erlangC(2, 2, 1)).code).toBe('E_UNSTABLE');
    expect(thrown(() => erlangC(0, 1, 1)).code).toBe('E_CONFIG');
    expect(thrown(() => erlangC(1, 1, 0)).code).toBe('E_CONFIG');
  });

  it('finds the fewest servers for a wait target', () => {
    // 3 customers a minute, 1 served a minute per server, at most 0.5 min mean wait.
    const c = serversNeeded(3, 1, 0.5);
    expect(erlangC(c, 3, 1).meanWait).toBeLessThanOrEqual(0.5);
    expect(erlangC(c - 1, 3, 1).meanWait).toBeGreaterThan(0.5);
  });
});
