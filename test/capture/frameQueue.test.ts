import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../engine/capture/index.ts';

type Op = { push: number } | { shift: true } | { clear: true };

const ops = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer().map((n) => ({ push: n }) as Op) },
    { weight: 4, arbitrary: fc.constant({ shift: true } as Op) },
    { weight: 1, arbitrary: fc.constant({ clear: true } as Op) },
  ),
  { maxLength: 200 },
);

describe('FrameQueue', () => {
  it('never holds more than its capacity, keeps order, drops the oldest, and in = out + dropped + queued', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), ops, (capacity, sequence) => {
        const dropped: number[] = [];
        const q = new FrameQueue<number>(capacity, (x) => dropped.push(x));
        // The model: a plain array that drops from the front.
        const model: number[] = [];
        const modelDropped: number[] = [];
        const taken: number[] = [];
        const modelTaken: number[] = [];
        for (const op of sequence) {
          if ('push' in op) {
            const gone = q.push(op.push);
            model.push(op.push);
            if (model.length > capacity) {
              const first = model.shift() as number;
              modelDropped.push(first);
              expect(gone).toBe(first);
            } else expect(gone).toBeUndefined();
          } else if ('shift' in op) {
            const x = q.shift();
            if (x !== undefined) taken.push(x);
            const m = model.shift();
            if (m !== undefined) modelTaken.push(m);
          } else {
            q.clear();
            modelDropped.push(...model.splice(0));
          }
          const s = q.stats();
          expect(q.length).toBeLessThanOrEqual(capacity);
          expect(s.queued).toBe(model.length);
          expect(s.in).toBe(s.out + s.dropped + s.queued);
        }
        expect(taken).toEqual(modelTaken);
        expect(dropped).toEqual(modelDropped);
        expect(q.stats().dropped).toBe(modelDropped.length);
      }),
    );
  });

  it('wakes a waiter when an item arrives and when room frees up', async () => {
    const q = new FrameQueue<string>(1);
    const ready = q.ready();
    q.push('a');
    await ready;
    let roomy = false;
    const space = q.space().then(() => {
      roomy = true;
    });
    await Promise.resolve();
    expect(roomy).toBe(false);
    expect(q.shift()).toBe('a');
    await space;
    expect(roomy).toBe(true);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new FrameQueue(0)).toThrow(/at least 1/);
  });
});
