import { assign, emit, setup } from 'xstate';
import type { ServiceTime } from '../../engine/layout/index.ts';
import type { Rng } from '../../engine/privacy/index.ts';

/** A customer at a till: who, how many items, and when they joined its line (ms, simulated clock). */
export type Customer = { id: number; items: number; joinedAt: number };

export type TillInput = { id: string; open: boolean; serviceTime: ServiceTime; rng: Rng };

type TillContext = {
  id: string;
  serviceTime: ServiceTime;
  rng: Rng;
  /** The line, first in front. */
  queue: Customer[];
  serving: Customer | null;
  /** How long the current service takes (ms). */
  serviceMs: number;
  /** Open at the start; closing: finish the line, then close. */
  open: boolean;
  closing: boolean;
};

type TillEvent =
  | { type: 'JOIN'; customer: Customer }
  | { type: 'DONE' }
  | { type: 'OPEN' }
  | { type: 'CLOSE' };

/** Emitted when a customer reaches the till and when they have paid. */
export type TillEmitted =
  | { type: 'started'; till: string; customer: Customer; serviceMs: number }
  | { type: 'served'; till: string; customer: Customer };

/** Draws a service time (ms): base + per item, or exponential with the given mean. */
export function drawServiceMs(st: ServiceTime, items: number, rng: Rng): number {
  if ('exponential_s' in st) {
    let u = rng();
    while (u === 0) u = rng();
    return -Math.log(u) * st.exponential_s * 1000;
  }
  return (st.base_s + st.perItem_s * items) * 1000;
}

/**
 * A till as an actor: closed, idle or serving. Customers JOIN its line; it serves them first come
 * first served, each for a service time drawn from its own random stream, and emits `started`
 * (with the service time) and `served`. The world's scheduler sends DONE when that time has
 * passed, so events happen only at decisions (a customer joining, a service ending, the till
 * opening or closing) and at exact simulated times. A closing till finishes its line first.
 */
export const tillMachine = setup({
  types: {} as { context: TillContext; events: TillEvent; input: TillInput; emitted: TillEmitted },
  actions: {
    enqueue: assign({
      queue: ({ context, event }) =>
        event.type === 'JOIN' ? [...context.queue, event.customer] : context.queue,
    }),
    startNext: assign(({ context }) => {
      const [next, ...rest] = context.queue;
      if (!next) return { serving: null, serviceMs: 0 };
      return {
        serving: next,
        queue: rest,
        serviceMs: drawServiceMs(context.serviceTime, next.items, context.rng),
      };
    }),
    announceStart: emit(({ context }) => ({
      type: 'started' as const,
      till: context.id,
      customer: context.serving as Customer,
      serviceMs: context.serviceMs,
    })),
    announceServed: emit(({ context }) => ({
      type: 'served' as const,
      till: context.id,
      customer: context.serving as Customer,
    })),
  },
  guards: {
    hasLine: ({ context }) => context.queue.length > 0,
  },
}).createMachine({
  id: 'till',
  context: ({ input }) => ({
    id: input.id,
    serviceTime: input.serviceTime,
    rng: input.rng,
    queue: [],
    serving: null,
    serviceMs: 0,
    open: input.open,
    closing: false,
  }),
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: ({ context }) => context.open, target: 'idle' }, { target: 'closed' }],
    },
    closed: {
      entry: assign({ closing: false }),
      on: { OPEN: 'idle' },
    },
    idle: {
      always: [
        { guard: 'hasLine', target: 'serving' },
        { guard: ({ context }) => context.closing, target: 'closed' },
      ],
      on: {
        JOIN: { actions: 'enqueue', target: 'serving' },
        CLOSE: 'closed',
      },
    },
    serving: {
      entry: ['startNext', 'announceStart'],
      on: {
        JOIN: { actions: 'enqueue' },
        CLOSE: { actions: assign({ closing: true }) },
        DONE: [
          { guard: 'hasLine', target: 'serving', reenter: true, actions: 'announceServed' },
          { target: 'idle', actions: 'announceServed' },
        ],
      },
    },
  },
});
