import { z } from 'zod';
import { inGeneralPosition } from '../geometry/homography.ts';
import { controllerSchema } from './controller.ts';
import { cameraClass, expected, finite, id, point, polygon, positive, segment } from './primitives.ts';

export const STORE_FORMAT = 'varv.store/1';

export const obstacleKinds = ['shelf', 'table', 'rack', 'counter', 'kiosk', 'wall', 'pillar'] as const;
/** Obstacle kinds that hold goods: their fronts must be reachable. */
export const goodsKinds: ReadonlySet<string> = new Set(['shelf', 'table', 'rack']);

export const obstacleSchema = z.strictObject({
  id,
  kind: z.enum(obstacleKinds, { error: `expected one of ${obstacleKinds.join(', ')}` }),
  polygon,
  height: positive,
  category: z.string().min(1).optional(),
  products: z.array(z.string().min(1)).optional(),
});

export const entranceSchema = z.strictObject({
  id,
  segment,
  direction: z.enum(['in', 'out', 'both'], { error: 'expected "in", "out" or "both"' }),
});

export const serviceTimeSchema = z.union(
  [
    z.strictObject({ base_s: finite.nonnegative(), perItem_s: finite.nonnegative() }),
    z.strictObject({ exponential_s: positive }),
  ],
  { error: 'expected { "base_s", "perItem_s" } or { "exponential_s" }' },
);

export const tillSchema = z.strictObject({
  id,
  position: point,
  queue: z.array(point).min(2, { error: 'a queue line needs at least 2 points' }),
  kind: z.enum(['staffed', 'self'], { error: 'expected "staffed" or "self"' }),
  serviceTime: serviceTimeSchema,
  open: z.boolean(),
});

export const zoneSchema = z.strictObject({ id, class: cameraClass, polygon, name: z.string().optional() });

export const objectSchema = z.strictObject({
  id,
  zone: id,
  /** The floor area where a person counts as looking at the object. */
  polygon,
  /** The obstacle (table, shelf) that carries the display, if any. */
  obstacle: id.optional(),
  name: z.string().optional(),
});

export const cameraSchema = z.strictObject({
  id,
  class: cameraClass,
  position: point,
  height: finite
    .min(0.5, { error: 'a camera hangs at least 0.5 m up' })
    .max(12, { error: 'at most 12 m up' }),
  yaw: finite.min(-360).max(360),
  pitch: finite.min(-90, { error: 'pitch is between -90 and 30 degrees' }).max(30, {
    error: 'pitch is between -90 and 30 degrees',
  }),
  hfov: finite.gt(0).lt(180, { error: 'hfov is between 0 and 180 degrees' }),
  vfov: finite.gt(0).lt(180).optional(),
  range: positive,
  /**
   * Optional image→floor reference (live cameras): where the face of someone standing on each
   * floor point appears in the image, as fractions of width and height. Absent: derived from the
   * pose (position, height, yaw, pitch, hfov), faces at head height.
   */
  reference: z
    .array(
      z.strictObject({
        image: z.tuple([finite.min(0).max(1), finite.min(0).max(1)], {
          error: expected('an image point [u, v] as fractions of width and height (0…1)'),
        }),
        floor: point,
      }),
    )
    .min(4, { error: 'a camera reference needs at least 4 points' })
    .refine((ps) => inGeneralPosition(ps.map((p) => p.image)) && inGeneralPosition(ps.map((p) => p.floor)), {
      error:
        'a camera reference needs 4 points of which no three lie on one line, in the image and on the floor',
    })
    .optional(),
});

export const staffPostSchema = z.strictObject({ id, position: point, serves: z.array(id).min(1) });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const storeSchema = z.strictObject({
  format: z.literal(STORE_FORMAT, { error: `expected "${STORE_FORMAT}"` }),
  id,
  name: z.string().min(1),
  /** IANA time zone of the store clock (day intervals are store-local). */
  timezone: z.string().refine(isTimeZone, { error: 'not an IANA time zone' }).default('Europe/Stockholm'),
  outline: polygon,
  obstacles: z.array(obstacleSchema).default([]),
  entrances: z.array(entranceSchema).min(1, { error: 'a store needs at least one entrance' }),
  tills: z.array(tillSchema).default([]),
  zones: z.array(zoneSchema).default([]),
  objects: z.array(objectSchema).default([]),
  cameras: z.array(cameraSchema).default([]),
  loop: z.array(id).default([]),
  staffPosts: z.array(staffPostSchema).default([]),
  /** Who is responsible for the processing and what visitors are told (`varv notice`); optional. */
  controller: controllerSchema.optional(),
});

export type StoreLayout = z.output<typeof storeSchema>;
export type StoreInput = z.input<typeof storeSchema>;
export type Obstacle = StoreLayout['obstacles'][number];
export type Entrance = StoreLayout['entrances'][number];
export type Till = StoreLayout['tills'][number];
export type Zone = StoreLayout['zones'][number];
export type StoreObject = StoreLayout['objects'][number];
export type Camera = StoreLayout['cameras'][number];
export type StaffPost = StoreLayout['staffPosts'][number];
export type ServiceTime = Till['serviceTime'];
