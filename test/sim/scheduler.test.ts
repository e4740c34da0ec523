import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../scenarios/sim/index.ts';

describe('scheduler', () => {
  it('runs callbacks in time order, ties in the order scheduled, and only up to the given time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (times, until) => {
          const s = new Scheduler();
          const ran: [number, number][] = [];
          times.forEach((t, i) => {
            s.at(t, () => ran.push([s.now, i]));
          });
          s.runUntil(until);
          const expected = times
            .map((t, i) => [t, i] as [number, number])
            .filter(([t]) => t <= until)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(ran).toEqual(expected);
          expect(s.now).toBe(until);
          expect(s.pending).toBe(times.length - expected.length);
        },
      ),
    );
  });

  it('runs what a callback schedules for now, before moving on, and never in the past', () => {
    const s = new Scheduler();
    const log: string[] = [];
    s.at(10, () => {
      log.push('a');
      s.at(5, () => log.push(`late at ${s.now}`));
    });
    s.at(20, () => log.push('b'));
    s.runUntil(30);
    expect(log).toEqual(['a', 'late at 10', 'b']);
  });
});
