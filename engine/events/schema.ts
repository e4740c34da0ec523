import { z } from 'zod';
import { cameraClass, expected, id } from '../layout/index.ts';
import { intervalNames } from '../privacy/index.ts';

// The wire events: immutable, versioned (v), past tense, strict (unknown fields are rejected).
// The only thing that leaves the store. No event has a field for pixels, an embedding or a
// position: where someone was is a zone id, nothing finer. test/events proves it for the types
// and for the validator.

const epochMs = z.int({ error: expected('epoch milliseconds (an integer)') }).min(0);
const seq = z.int({ error: expected('a sequence number (an integer)') }).min(0);

export const genders = ['man', 'woman'] as const;
export const ageBands = ['0-17', '18-29', '30-44', '45-64', '65+'] as const;

/** A group ID seen by a camera, in a zone, in one of the day's intervals. */
export const sightingV1 = z.strictObject({
  v: z.literal(1),
  type: z.literal('sighting'),
  store: id,
  camera: id,
  cameraClass,
  zone: id,
  group: z
    .int()
    .min(0)
    .max((1 << 20) - 1),
  interval: z.enum(intervalNames),
  t: epochMs,
  attrs: z.strictObject({ gender: z.enum(genders).optional(), age: z.enum(ageBands).optional() }).optional(),
  seq,
});

/** People crossing a counting line, without identity. */
export const countV1 = z.strictObject({
  v: z.literal(1),
  type: z.literal('count'),
  store: id,
  camera: id,
  zone: id,
  direction: z.enum(['in', 'out']),
  n: z.int().min(1).max(10_000),
  t: epochMs,
  seq,
});

const lifetime = z.strictObject({
  count: z.int().min(0),
  p50: z.number().min(0),
  p90: z.number().min(0),
  p99: z.number().min(0),
  max: z.number().min(0),
});

/** The engine's or a camera's state: frames in and dropped, how long pixels lived. */
export const healthV1 = z.strictObject({
  v: z.literal(1),
  type: z.literal('health'),
  store: id,
  /** "engine" or a camera id. */
  source: id,
  status: z.enum(['ok', 'degraded', 'down']),
  framesIn: z.int().min(0),
  framesDropped: z.int().min(0),
  pixelLifetimeMs: lifetime,
  message: z.string().max(300).optional(),
  t: epochMs,
  seq,
});

export const eventSchema = z.discriminatedUnion('type', [sightingV1, countV1, healthV1], {
  error: (iss) =>
    iss.code === 'invalid_union' ? 'unknown event "type": expected sighting, count or health' : undefined,
});

export type SightingV1 = z.output<typeof sightingV1>;
export type CountV1 = z.output<typeof countV1>;
export type HealthV1 = z.output<typeof healthV1>;
export type VarvEvent = z.output<typeof eventSchema>;
export type EventType = VarvEvent['type'];
