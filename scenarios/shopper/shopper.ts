import { assign, emit, setup } from 'xstate';
import { gaussian, type Rng } from '../../engine/privacy/index.ts';
import type { Stop } from './tripPlan.ts';

/** What a shopper knows about an open till when choosing: its kind, expected wait and walk (s). */
export type TillOption = { id: string; kind: 'staffed' | 'self'; waitS: number; walkS: number };

export type ShopperInput = {
  id: number;
  /** The shopping list in the order it will be walked. */
  stops: readonly Stop[];
  rng: Rng;
  /** P(stopping at a display passed by that is not on the list). */
  impulse: number;
  /** Shoppers with more items than this do not use self-checkouts. */
  selfMaxItems?: number;
};

type ShopperContext = {
  id: number;
  stops: readonly Stop[];
  /** Items on the list, and items taken so far (a skipped stop's items are not taken). */
  items: number;
  bought: number;
  /** Index of the stop being walked to or browsed. */
  next: number;
  rng: Rng;
  impulse: number;
  selfMaxItems: number;
  till: string | null;
  /** Stops given up because the way there stayed blocked. */
  skipped: number;
};

export type ShopperEvent =
  /** Reached the stop being walked to (the world's locomotion says so). */
  | { type: 'ARRIVED' }
  /** Passing a display (first time this visit). */
  | { type: 'PASSED'; object: string }
  /** Could not get any closer for a long time. */
  | { type: 'STUCK' }
  | { type: 'DWELL_DONE' }
  | { type: 'TILLS'; options: readonly TillOption[] }
  /** Physically at the end of the chosen till's line, and joined it. */
  | { type: 'IN_LINE' }
  /** The chosen till closed before the shopper got there: choose again. */
  | { type: 'TILL_CLOSED' }
  /** The till started serving this shopper. */
  | { type: 'CALLED' }
  | { type: 'SERVED' }
  /** Went out through a door. */
  | { type: 'OUT' };

/** Directives to the world: where to walk, how long to stand, what it needs to know. */
export type ShopperEmitted =
  | { type: 'walkTo'; stop: Stop }
  | { type: 'dwell'; ms: number; at: string }
  | { type: 'checkout' }
  | { type: 'queue'; till: string }
  | { type: 'toTill'; till: string }
  | { type: 'leave' };

/** Seconds choosing at a stop: lognormal around 18 s, plus 8 s for each further item there. */
function browseMs(items: number, rng: Rng): number {
  return Math.round(1000 * (18 * Math.exp(0.7 * gaussian(rng)) + 8 * (items - 1)));
}

/** Seconds looking at a display on impulse: lognormal around 7 s. */
function lookMs(rng: Rng): number {
  return Math.round(1000 * 7 * Math.exp(0.5 * gaussian(rng)));
}

/** The till with the least expected wait plus walk among those this shopper would use. */
export function chooseTill(
  options: readonly TillOption[],
  items: number,
  selfMaxItems: number,
): string | null {
  const usable = options.filter((o) => o.kind === 'staffed' || items <= selfMaxItems);
  let best: TillOption | undefined;
  for (const o of usable.length ? usable : options)
    if (!best || o.waitS + o.walkS < best.waitS + best.walkS) best = o;
  return best?.id ?? null;
}

/**
 * A shopper's decisions (the strategic layer): walk the list stop by stop, browse at each, stop at
 * a display on impulse now and then, choose a till, queue, pay, leave. The machine only decides;
 * it tells the world what to do through emitted directives and hears back through events, a few
 * dozen per visit and never per step.
 */
export const shopperMachine = setup({
  types: {} as {
    context: ShopperContext;
    events: ShopperEvent;
    input: ShopperInput;
    emitted: ShopperEmitted;
  },
  actions: {
    walkToNext: emit(({ context }) => ({
      type: 'walkTo' as const,
      stop: context.stops[context.next] as Stop,
    })),
    browse: emit(({ context }) => {
      const stop = context.stops[context.next] as Stop;
      return { type: 'dwell' as const, ms: browseMs(stop.items, context.rng), at: stop.point.id };
    }),
    look: emit(({ context, event }) => ({
      type: 'dwell' as const,
      ms: lookMs(context.rng),
      at: event.type === 'PASSED' ? event.object : '?',
    })),
    advance: assign({
      next: ({ context }) => context.next + 1,
      bought: ({ context }) => context.bought + (context.stops[context.next] as Stop).items,
    }),
    skip: assign({ next: ({ context }) => context.next + 1, skipped: ({ context }) => context.skipped + 1 }),
    chooseTill: assign({
      till: ({ context, event }) =>
        event.type === 'TILLS'
          ? chooseTill(event.options, context.items, context.selfMaxItems)
          : context.till,
    }),
  },
  guards: {
    moreStops: ({ context }) => context.next + 1 < context.stops.length,
    onImpulse: ({ context }) => context.rng() < context.impulse,
    tillChosen: ({ context, event }) =>
      event.type === 'TILLS' && chooseTill(event.options, context.bought, context.selfMaxItems) !== null,
  },
}).createMachine({
  id: 'shopper',
  context: ({ input }) => ({
    id: input.id,
    stops: input.stops,
    items: input.stops.reduce((n, s) => n + s.items, 0),
    bought: 0,
    next: 0,
    rng: input.rng,
    impulse: input.impulse,
    selfMaxItems: input.selfMaxItems ?? 15,
    till: null,
    skipped: 0,
  }),
  initial: 'entering',
  states: {
    entering: {
      always: [
        { guard: ({ context }) => context.stops.length > 0, target: 'walking' },
        { target: 'choosingTill' },
      ],
    },
    walking: {
      entry: 'walkToNext',
      on: {
        ARRIVED: 'browsing',
        PASSED: { guard: 'onImpulse', target: 'looking' },
        STUCK: [
          { guard: 'moreStops', actions: 'skip', target: 'walking', reenter: true },
          { actions: 'skip', target: 'choosingTill' },
        ],
      },
    },
    looking: {
      entry: 'look',
      on: { DWELL_DONE: 'walking' },
    },
    browsing: {
      entry: 'browse',
      on: {
        DWELL_DONE: [
          { guard: 'moreStops', actions: 'advance', target: 'walking' },
          { actions: 'advance', target: 'choosingTill' },
        ],
      },
    },
    choosingTill: {
      entry: emit({ type: 'checkout' as const }),
      on: {
        // With no open till at all the shopper leaves without paying.
        TILLS: [{ guard: 'tillChosen', actions: 'chooseTill', target: 'toQueue' }, { target: 'leaving' }],
      },
    },
    toQueue: {
      entry: emit(({ context }) => ({ type: 'queue' as const, till: context.till as string })),
      on: { IN_LINE: 'queued', TILL_CLOSED: 'choosingTill' },
    },
    queued: {
      on: { CALLED: 'paying' },
    },
    paying: {
      entry: emit(({ context }) => ({ type: 'toTill' as const, till: context.till as string })),
      on: { SERVED: 'leaving' },
    },
    leaving: {
      entry: emit({ type: 'leave' as const }),
      on: { OUT: 'gone' },
    },
    gone: { type: 'final' },
  },
});
