import { assign, emit, setup } from 'xstate';

/** When staff open and close an extra till (scenario `staffing`). */
export type StaffingPolicy = {
  /** Open a closed staffed till when the open staffed tills' lines average at least this many people. */
  openAt: number;
  /** Close it again when their lines have averaged under this for `closeAfterS`. */
  closeBelow: number;
  closeAfterS: number;
};

export type StaffInput = { id: string; policy: StaffingPolicy };

type StaffContext = {
  id: string;
  policy: StaffingPolicy;
  till: string | null;
  /** Since when (ms) the lines have been short while this member works a till; null if not. */
  shortSince: number | null;
};

export type StaffEvent =
  /** The lines now: mean length at open staffed tills, and closed staffed tills one could open. */
  | { type: 'QUEUES'; t: number; meanLine: number; closed: readonly string[] }
  /** Reached the till walked to. */
  | { type: 'AT_TILL' };

export type StaffEmitted =
  | { type: 'walkToTill'; staff: string; till: string }
  | { type: 'openTill'; staff: string; till: string }
  | { type: 'closeTill'; staff: string; till: string };

/**
 * A member of staff on the floor: when the lines grow long and a staffed till is closed, they walk
 * over and open it; when the lines have stayed short for a while, they close it (the till finishes
 * its line first) and go back to the floor. Decisions only: the world sends the queue picture
 * every half minute and says when they have reached the till.
 */
export const staffMachine = setup({
  types: {} as { context: StaffContext; events: StaffEvent; input: StaffInput; emitted: StaffEmitted },
  guards: {
    linesLong: ({ context, event }) =>
      event.type === 'QUEUES' && event.closed.length > 0 && event.meanLine >= context.policy.openAt,
    shortLongEnough: ({ context, event }) =>
      event.type === 'QUEUES' &&
      event.meanLine < context.policy.closeBelow &&
      context.shortSince !== null &&
      event.t - context.shortSince >= context.policy.closeAfterS * 1000,
  },
}).createMachine({
  id: 'staff',
  context: ({ input }) => ({ id: input.id, policy: input.policy, till: null, shortSince: null }),
  initial: 'onFloor',
  states: {
    onFloor: {
      on: {
        QUEUES: {
          guard: 'linesLong',
          target: 'goingToTill',
          actions: [
            assign({ till: ({ event }) => (event.type === 'QUEUES' ? (event.closed[0] as string) : null) }),
            emit(({ context }) => ({
              type: 'walkToTill' as const,
              staff: context.id,
              till: context.till as string,
            })),
          ],
        },
      },
    },
    goingToTill: {
      on: {
        AT_TILL: {
          target: 'atTill',
          actions: emit(({ context }) => ({
            type: 'openTill' as const,
            staff: context.id,
            till: context.till as string,
          })),
        },
      },
    },
    atTill: {
      entry: assign({ shortSince: null }),
      on: {
        QUEUES: [
          {
            guard: 'shortLongEnough',
            target: 'onFloor',
            actions: [
              emit(({ context }) => ({
                type: 'closeTill' as const,
                staff: context.id,
                till: context.till as string,
              })),
              assign({ till: null, shortSince: null }),
            ],
          },
          {
            actions: assign({
              shortSince: ({ context, event }) =>
                event.type === 'QUEUES' && event.meanLine < context.policy.closeBelow
                  ? (context.shortSince ?? event.t)
                  : null,
            }),
          },
        ],
      },
    },
  },
});
