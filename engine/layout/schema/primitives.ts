import { z } from 'zod';

/** A type error that says "is required" when the field is missing, else what was expected. */
export function expected(what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `expected ${what}`);
}

export const finite = z.number({ error: expected('a finite number') }).finite();
export const positive = finite.positive({ error: 'must be greater than 0' });

export const point = z.tuple([finite, finite], { error: expected('a point [x, y] in metres') });
export const polygon = z
  .array(point, { error: expected('a polygon [[x, y], …]') })
  .min(3, { error: 'a polygon needs at least 3 points' });
export const segment = z.tuple([point, point], { error: expected('a segment [[x, y], [x, y]]') });

export const id = z
  .string({ error: expected('an id string') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, { error: 'an id is 1–64 letters, digits, . _ : or -' });

/** Clock time of day, "HH:MM" (24 h, store-local). */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time of day "HH:MM" (00:00–23:59)' });

/** Minutes after midnight for an "HH:MM" string that passed `timeOfDay`. */
export function minutesOfDay(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export const cameraClasses = ['entrance', 'checkout', 'department', 'aisle', 'exit'] as const;
export const cameraClass = z.enum(cameraClasses, { error: `expected one of ${cameraClasses.join(', ')}` });
export type CameraClass = (typeof cameraClasses)[number];
