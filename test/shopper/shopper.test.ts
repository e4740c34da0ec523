import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type Rng, seededRng } from '../../engine/privacy/index.ts';
import {
  chooseTill,
  type ShopperEmitted,
  type Stop,
  shopperMachine,
  type TillOption,
} from '../../scenarios/shopper/index.ts';

/** A stop at a made-up pick point; the machine only reads its id and the item count. */
function stop(id: string, items = 1): Stop {
  return {
    point: { id, obstacle: id.split('#')[0] as string, category: 'dry', x: 0, y: 0, zone: null },
    items,
  };
}

/** A started shopper and the directives it has given the world so far. */
function shopper(stops: readonly Stop[], opts: { impulse?: number; rng?: Rng; selfMaxItems?: number } = {}) {
  const actor = createActor(shopperMachine, {
    input: {
      id: 7,
      stops,
      rng: opts.rng ?? seededRng('shopper'),
      impulse: opts.impulse ?? 0,
      ...(opts.selfMaxItems === undefined ? {} : { selfMaxItems: opts.selfMaxItems }),
    },
  });
  const emitted: ShopperEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();
  /** The directives given since the last call. */
  const take = () => emitted.splice(0);
  return { actor, take };
}

const staffed = (id: string, waitS: number, walkS: number): TillOption => ({
  id,
  kind: 'staffed',
  waitS,
  walkS,
});
const self = (id: string, waitS: number, walkS: number): TillOption => ({ id, kind: 'self', waitS, walkS });

describe('shopper machine', () => {
  it('walks the list stop by stop, browses at each, then queues, pays and leaves, in that order', () => {
    const [a, b] = [stop('shelf-1#0', 3), stop('shelf-2#4', 1)];
    const { actor, take } = shopper([a, b]);
    expect(take()).toEqual([{ type: 'walkTo', stop: a }]);
    expect(actor.getSnapshot().value).toBe('walking');

    actor.send({ type: 'ARRIVED' });
    const [browseA, ...restA] = take();
    expect(restA).toEqual([]);
    expect(browseA).toMatchObject({ type: 'dwell', at: 'shelf-1#0' });
    // 18 s lognormal, plus 8 s for each of the two further items.
    expect((browseA as { ms: number }).ms).toBeGreaterThan(16_000);

    actor.send({ type: 'DWELL_DONE' });
    expect(take()).toEqual([{ type: 'walkTo', stop: b }]);
    actor.send({ type: 'ARRIVED' });
    expect(take()).toMatchObject([{ type: 'dwell', at: 'shelf-2#4' }]);
    actor.send({ type: 'DWELL_DONE' });
    expect(take()).toEqual([{ type: 'checkout' }]);
    expect(actor.getSnapshot().value).toBe('choosingTill');

    actor.send({ type: 'TILLS', options: [staffed('till-1', 120, 10), staffed('till-2', 30, 20)] });
    expect(take()).toEqual([{ type: 'queue', till: 'till-2' }]);
    actor.send({ type: 'IN_LINE' });
    expect(take()).toEqual([]);
    expect(actor.getSnapshot().value).toBe('queued');
    actor.send({ type: 'CALLED' });
    expect(take()).toEqual([{ type: 'toTill', till: 'till-2' }]);
    actor.send({ type: 'SERVED' });
    expect(take()).toEqual([{ type: 'leave' }]);
    actor.send({ type: 'OUT' });
    expect(take()).toEqual([]);
    expect(actor.getSnapshot().value).toBe('gone');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context).toMatchObject({ items: 4, next: 2, skipped: 0, till: 'till-2' });
  });

  it('ignores an event that does not belong to the state it is in', () => {
    const { actor, take } = shopper([stop('s#0')]);
    take();
    for (const type of ['DWELL_DONE', 'IN_LINE', 'CALLED', 'SERVED', 'OUT'] as const) actor.send({ type });
    expect(take()).toEqual([]);
    expect(actor.getSnapshot().value).toBe('walking');
    expect(actor.getSnapshot().context.next).toBe(0);
  });

  it('goes straight to the tills with an empty list', () => {
    const { actor, take } = shopper([]);
    expect(take()).toEqual([{ type: 'checkout' }]);
    expect(actor.getSnapshot().value).toBe('choosingTill');
    expect(actor.getSnapshot().context.items).toBe(0);
  });

  it('gives up a stop it is stuck on and walks to the next one', () => {
    const stops = [stop('a#0'), stop('b#0'), stop('c#0')];
    const { actor, take } = shopper(stops);
    take();
    actor.send({ type: 'STUCK' });
    expect(take()).toEqual([{ type: 'walkTo', stop: stops[1] }]);
    expect(actor.getSnapshot().context).toMatchObject({ next: 1, skipped: 1 });
    expect(actor.getSnapshot().value).toBe('walking');

    actor.send({ type: 'ARRIVED' });
    actor.send({ type: 'DWELL_DONE' });
    expect(take()).toMatchObject([
      { type: 'dwell', at: 'b#0' },
      { type: 'walkTo', stop: stops[2] },
    ]);
    // Stuck on the last stop: on to the tills.
    actor.send({ type: 'STUCK' });
    expect(take()).toEqual([{ type: 'checkout' }]);
    expect(actor.getSnapshot().context).toMatchObject({ next: 3, skipped: 2 });
    expect(actor.getSnapshot().value).toBe('choosingTill');
  });

  it('stops at a display it passes on impulse, then walks on to the same stop', () => {
    const stops = [stop('a#0'), stop('b#0')];
    const { actor, take } = shopper(stops, { impulse: 1 });
    take();
    actor.send({ type: 'PASSED', object: 'promo-display' });
    const [look, ...rest] = take();
    expect(rest).toEqual([]);
    expect(look).toMatchObject({ type: 'dwell', at: 'promo-display' });
    expect((look as { ms: number }).ms).toBeGreaterThan(0);
    expect(actor.getSnapshot().value).toBe('looking');

    actor.send({ type: 'DWELL_DONE' });
    expect(take()).toEqual([{ type: 'walkTo', stop: stops[0] }]);
    expect(actor.getSnapshot().context).toMatchObject({ next: 0, skipped: 0 });
  });

  it('walks past a display without stopping when it has no impulse to', () => {
    const { actor, take } = shopper([stop('a#0')], { impulse: 0 });
    take();
    for (let i = 0; i < 50; i++) actor.send({ type: 'PASSED', object: `display-${i}` });
    expect(take()).toEqual([]);
    expect(actor.getSnapshot().value).toBe('walking');
  });

  it('stops on impulse at about the configured share of displays', () => {
    let looked = 0;
    const rng = seededRng('impulse');
    for (let i = 0; i < 2000; i++) {
      const { actor } = shopper([stop('a#0')], { impulse: 0.3, rng });
      actor.send({ type: 'PASSED', object: 'd' });
      if (actor.getSnapshot().value === 'looking') looked++;
    }
    // Binomial(2000, 0.3): sd ≈ 20.5; 4 sd either side.
    expect(Math.abs(looked - 600)).toBeLessThan(82);
  });

  it('leaves without paying when no till is open', () => {
    const { actor, take } = shopper([]);
    take();
    actor.send({ type: 'TILLS', options: [] });
    expect(take()).toEqual([{ type: 'leave' }]);
    expect(actor.getSnapshot().context.till).toBeNull();
    actor.send({ type: 'OUT' });
    expect(actor.getSnapshot().value).toBe('gone');
  });

  it('with a big basket queues at a staffed till although a self-checkout is free', () => {
    const { actor, take } = shopper([stop('a#0', 12), stop('b#0', 8)], { selfMaxItems: 15 });
    for (let i = 0; i < 2; i++) {
      actor.send({ type: 'ARRIVED' });
      actor.send({ type: 'DWELL_DONE' });
    }
    take();
    actor.send({ type: 'TILLS', options: [self('self-1', 0, 5), staffed('till-1', 200, 10)] });
    expect(take()).toEqual([{ type: 'queue', till: 'till-1' }]);
  });

  it('draws the same dwell times from the same seed, and others from another seed', () => {
    const dwells = (seed: string) => {
      const { actor, take } = shopper([stop('a#0', 2), stop('b#0', 1)], { impulse: 1, rng: seededRng(seed) });
      actor.send({ type: 'PASSED', object: 'd' });
      actor.send({ type: 'DWELL_DONE' });
      actor.send({ type: 'ARRIVED' });
      actor.send({ type: 'DWELL_DONE' });
      actor.send({ type: 'ARRIVED' });
      return take().flatMap((e) => (e.type === 'dwell' ? [e.ms] : []));
    };
    const first = dwells('seed-1');
    expect(first).toHaveLength(3);
    expect(dwells('seed-1')).toEqual(first);
    expect(dwells('seed-2')).not.toEqual(first);
  });

  it('browses 8 s longer for each further item at a stop', () => {
    const browse = (items: number) => {
      const { actor, take } = shopper([stop('a#0', items)], { rng: seededRng('items') });
      actor.send({ type: 'ARRIVED' });
      return (take().find((e) => e.type === 'dwell') as { ms: number }).ms;
    };
    // Same seed, same lognormal part: only the per-item part differs (±1 ms of rounding).
    expect(Math.abs(browse(4) - browse(1) - 24_000)).toBeLessThanOrEqual(1);
  });
});

describe('chooseTill', () => {
  it('takes the till with the least expected wait plus walk', () => {
    const options = [staffed('a', 60, 10), staffed('b', 20, 30), self('c', 40, 5), staffed('d', 0, 48)];
    expect(chooseTill(options, 5, 15)).toBe('c'); // 45 s beats 48, 50 and 70
    expect(chooseTill(options.slice(0, 2), 5, 15)).toBe('b');
  });

  it('uses a self-checkout up to selfMaxItems items and not above', () => {
    const options = [self('self', 0, 5), staffed('staffed', 100, 5)];
    expect(chooseTill(options, 15, 15)).toBe('self');
    expect(chooseTill(options, 16, 15)).toBe('staffed');
  });

  it('uses a self-checkout with any basket when nothing else is open', () => {
    expect(chooseTill([self('s1', 90, 5), self('s2', 30, 5)], 40, 15)).toBe('s2');
  });

  it('chooses nothing when no till is open', () => {
    expect(chooseTill([], 3, 15)).toBeNull();
  });

  it('always returns a till the shopper would use, with the least wait plus walk among them', () => {
    const option = fc.record({
      kind: fc.constantFrom('staffed' as const, 'self' as const),
      waitS: fc.double({ min: 0, max: 1000, noNaN: true }),
      walkS: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(option, { maxLength: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (raw, items, selfMax) => {
          const options = raw.map((o, i) => ({ ...o, id: `till-${i}` }));
          const chosen = chooseTill(options, items, selfMax);
          if (options.length === 0) {
            expect(chosen).toBeNull();
            return;
          }
          const usable = options.filter((o) => o.kind === 'staffed' || items <= selfMax);
          const pool = usable.length > 0 ? usable : options;
          const best = pool.find((o) => o.id === chosen);
          expect(best).toBeDefined();
          const cost = (o: TillOption) => o.waitS + o.walkS;
          expect(cost(best as TillOption)).toBe(Math.min(...pool.map(cost)));
        },
      ),
      { seed: 11 },
    );
  });
});
