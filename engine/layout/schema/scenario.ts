import { z } from 'zod';
import { patchOpSchema } from './patch.ts';
import { finite, id, polygon, positive, segment, timeOfDay } from './primitives.ts';
import { storeSchema } from './store.ts';

export const SCENARIO_FORMAT = 'varv.scenario/1';

const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected a date "YYYY-MM-DD"' });

/** A store day runs between two clock times for one or more days; an experiment for N seconds. */
export const clockSchema = z.union(
  [
    z.strictObject({
      start: timeOfDay,
      end: timeOfDay,
      days: z.int().min(1).max(366).default(1),
      /** The first simulated day (store-local calendar date). */
      date: isoDate.default('2026-03-02'),
    }),
    z.strictObject({ seconds: positive }),
  ],
  { error: 'expected { "start", "end", "days"? } or { "seconds" }' },
);

export const spawnSchema = z.strictObject({
  area: polygon,
  count: z.int().min(1).max(100_000),
  /** An entrance id (leaving through it) or a measurement line id. */
  goal: id,
  speed: z.strictObject({ mean: positive, sd: finite.nonnegative() }),
  /** Seconds after the start when these agents appear. */
  at_s: finite.nonnegative().default(0),
});

export const privacySchema = z.strictObject({
  groups: z
    .int()
    .min(2)
    .max(1 << 20),
  consistency: finite.gt(0).max(1),
  intervals: z.tuple([timeOfDay, timeOfDay, timeOfDay], { error: 'expected three start times "HH:MM"' }),
  rotation: z.enum(['none', 'daily', 'weekly']).default('none'),
  k: z.int().min(1).default(5),
});

export const outputKinds = ['events', 'truth', 'trajectories'] as const;

export const scenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `expected "${SCENARIO_FORMAT}"` }),
  /** A path to a store file (relative to the scenario), or the store inline. */
  store: z.union([z.string().min(1), storeSchema], {
    error: 'expected a path to a store file or an inline varv.store/1 object',
  }),
  patch: z.array(patchOpSchema).default([]),
  seed: z.int().min(0).max(0xffff_ffff),
  clock: clockSchema,
  dt: positive.max(1, { error: 'dt is at most 1 s' }).default(0.1),
  arrivals: z
    .strictObject({
      /** Piecewise-constant Poisson rate: from each time on, this many arrivals per minute. */
      perMinute: z.array(z.tuple([timeOfDay, finite.nonnegative()])).min(1),
    })
    .optional(),
  spawn: z.array(spawnSchema).optional(),
  shoppers: z
    .strictObject({
      /**
       * Items bought: `scale` × a lognormal(μ, σ) draw, rounded, at least 1. The reference
       * lognormal(0.07, 0.76) is a relative basket size; `scale` fits it to the store.
       */
      basket: z.strictObject({ lognormal: z.tuple([finite, positive]), scale: positive.default(8) }),
      returning: finite.min(0).max(1),
      population: z.int().min(1),
      /** Share of shoppers who follow the planned loop (the others go to the nearest next item). */
      loopShare: finite.min(0).max(1).default(0.7),
      /** Share of a loop follower's stops taken out of loop order. */
      deviation: finite.min(0).max(1).default(0.15),
      /** P(stopping at a display one passes without it being on the list). */
      impulse: finite.min(0).max(1).default(0.2),
    })
    .optional(),
  /**
   * Staff open a closed staffed till when the lines at the open staffed tills average `openAt`
   * people or more, and close it when they have averaged under `closeBelow` for `closeAfterS`.
   * Without it the tills stay as the layout says.
   */
  staffing: z
    .strictObject({
      openAt: positive.default(4),
      closeBelow: positive.default(1),
      closeAfterS: positive.default(600),
    })
    .optional(),
  privacy: privacySchema.optional(),
  measure: z
    .strictObject({
      lines: z.array(z.strictObject({ id, segment })).default([]),
      areas: z.array(z.strictObject({ id, polygon })).default([]),
    })
    .optional(),
  outputs: z.array(z.enum(outputKinds)).default(['events']),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SpawnGroup = z.output<typeof spawnSchema>;
export type PrivacySettings = z.output<typeof privacySchema>;
