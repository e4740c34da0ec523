import { z } from 'zod';
import { finite, id, point } from './primitives.ts';
import { cameraSchema, obstacleSchema, tillSchema } from './store.ts';

/** One change to a store layout; a what-if variant is a baseline plus a list of these. */
export const patchOpSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('moveObstacle'), id, by: point }),
    z.strictObject({ op: z.literal('rotateObstacle'), id, degrees: finite, about: point.optional() }),
    z.strictObject({ op: z.literal('addObstacle'), obstacle: obstacleSchema }),
    z.strictObject({ op: z.literal('removeObstacle'), id }),
    z.strictObject({ op: z.literal('openTill'), id }),
    z.strictObject({ op: z.literal('closeTill'), id }),
    z.strictObject({ op: z.literal('addTill'), till: tillSchema }),
    z.strictObject({ op: z.literal('removeTill'), id }),
    z.strictObject({ op: z.literal('setLoop'), loop: z.array(id) }),
    z.strictObject({ op: z.literal('addCamera'), camera: cameraSchema }),
    z.strictObject({ op: z.literal('removeCamera'), id }),
    z.strictObject({ op: z.literal('updateCamera'), id, set: cameraSchema.omit({ id: true }).partial() }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? 'unknown "op": expected moveObstacle, rotateObstacle, addObstacle, removeObstacle, openTill, closeTill, addTill, removeTill, setLoop, addCamera, removeCamera or updateCamera'
        : undefined,
  },
);

export type PatchOp = z.output<typeof patchOpSchema>;
