import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { erlangC } from '../../engine/analytics/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { type Customer, tillMachine } from '../../scenarios/shopper/index.ts';
import { RandomTree, Scheduler } from '../../scenarios/sim/index.ts';

/** c till actors whose services end on the scheduler (the world's job). */
function tills(
  c: number,
  serviceTime: { exponential_s: number } | { base_s: number; perItem_s: number },
  seed: string,
  open = true,
) {
  const scheduler = new Scheduler();
  const tree = new RandomTree(seed);
  const actors = Array.from({ length: c }, (_, k) => {
    const a = createActor(tillMachine, {
      input: { id: `till-${k + 1}`, open, serviceTime, rng: tree.stream(`till/${k}`) },
    });
    a.on('started', (e) => scheduler.at(scheduler.now + e.serviceMs, () => a.send({ type: 'DONE' })));
    return a.start();
  });
  return { scheduler, actors };
}

describe('till actor', () => {
  it('serves its line first come, first served, then waits idle', () => {
    const { scheduler, actors } = tills(1, { exponential_s: 10 }, 'a');
    const till = actors[0] as (typeof actors)[number];
    const served: [number, number][] = [];
    till.on('served', (e) => served.push([e.customer.id, scheduler.now]));
    for (const id of [1, 2, 3]) till.send({ type: 'JOIN', customer: { id, items: 5, joinedAt: 0 } });
    expect(till.getSnapshot().value).toBe('serving');
    expect(till.getSnapshot().context.queue.map((c) => c.id)).toEqual([2, 3]);
    scheduler.runUntil(10_000_000);
    expect(served.map(([id]) => id)).toEqual([1, 2, 3]);
    // Back to back: each service ends after the one before.
    expect(served[0]?.[1]).toBeLessThan(served[1]?.[1] as number);
    expect(till.getSnapshot().value).toBe('idle');
    expect(scheduler.pending).toBe(0);
  });

  it('takes base + per-item time for the other form of service time, to the millisecond', () => {
    const { scheduler, actors } = tills(1, { base_s: 35, perItem_s: 2.8 }, 'b');
    const till = actors[0] as (typeof actors)[number];
    let doneAt = -1;
    till.on('served', () => {
      doneAt = scheduler.now;
    });
    till.send({ type: 'JOIN', customer: { id: 1, items: 10, joinedAt: 0 } });
    scheduler.runUntil(62_999);
    expect(doneAt).toBe(-1);
    scheduler.runUntil(63_000);
    expect(doneAt).toBe(63_000);
  });

  it('starts closed when told, opens on OPEN, and finishes its line before closing', () => {
    const { scheduler, actors } = tills(1, { exponential_s: 5 }, 'c', false);
    const till = actors[0] as (typeof actors)[number];
    expect(till.getSnapshot().value).toBe('closed');
    till.send({ type: 'OPEN' });
    till.send({ type: 'JOIN', customer: { id: 1, items: 1, joinedAt: 0 } });
    till.send({ type: 'JOIN', customer: { id: 2, items: 1, joinedAt: 0 } });
    till.send({ type: 'CLOSE' });
    expect(till.getSnapshot().value).toBe('serving');
    scheduler.runUntil(1_000_000);
    expect(till.getSnapshot().value).toBe('closed');
    expect(till.getSnapshot().context.queue).toEqual([]);
  });

  it('a bank of c tills fed from one line matches Erlang C within 10% (P(wait) and mean wait)', () => {
    for (const [c, rho] of [
      [1, 0.6],
      [2, 0.75],
      [3, 0.85],
    ] as const) {
      const meanService = 60; // s
      const { scheduler, actors } = tills(c, { exponential_s: meanService }, `bank-${c}`);
      const line: Customer[] = [];
      const idle = new Set(actors.map((_, k) => k));
      let waited = 0;
      let totalWaitMs = 0;
      let started = 0;
      actors.forEach((a, k) => {
        a.on('started', (e) => {
          started++;
          const w = scheduler.now - e.customer.joinedAt;
          if (w > 0) waited++;
          totalWaitMs += w;
        });
        // The next in the shared line goes to the till that just freed up.
        a.on('served', () => {
          const next = line.shift();
          if (next) scheduler.at(scheduler.now, () => a.send({ type: 'JOIN', customer: next }));
          else idle.add(k);
        });
      });
      const rng = seededRng(`arrivals-${c}`);
      const lambda = (rho * c) / meanService; // per second
      const n = 60_000;
      let t = 0;
      for (let i = 0; i < n; i++) {
        t += (-Math.log(1 - rng()) / lambda) * 1000;
        scheduler.at(t, () => {
          const customer = { id: i, items: 5, joinedAt: scheduler.now };
          const free = [...idle].sort((x, y) => x - y)[0];
          if (free === undefined) line.push(customer);
          else {
            idle.delete(free);
            (actors[free] as (typeof actors)[number]).send({ type: 'JOIN', customer });
          }
        });
      }
      scheduler.runUntil(Number.POSITIVE_INFINITY);
      const q = erlangC(c, lambda, 1 / meanService);
      expect(started).toBe(n);
      expect(Math.abs(waited / started / q.pWait - 1)).toBeLessThan(0.1);
      expect(Math.abs(totalWaitMs / 1000 / started / q.meanWait - 1)).toBeLessThan(0.1);
    }
  });
});
