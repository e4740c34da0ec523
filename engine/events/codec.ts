import { type Checked, issuesFromZod } from '../layout/index.ts';
import { eventSchema, type VarvEvent } from './schema.ts';

/** Validates an event (already parsed from JSON). Never throws; every issue is returned. */
export function parseEvent(input: unknown): Checked<VarvEvent> {
  const r = eventSchema.safeParse(input);
  return r.success ? { ok: true, value: deepFreeze(r.data) } : { ok: false, issues: issuesFromZod(r.error) };
}

/** Events are immutable all the way down (attrs, lifetime percentiles). */
function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/** One event as one line of JSON. Validates first, so nothing invalid is ever written. */
export function encodeEvent(event: VarvEvent): string {
  const checked = parseEvent(event);
  if (!checked.ok)
    throw new TypeError(
      `not a valid event: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return JSON.stringify(checked.value);
}

/** Reads one line of JSON into a validated event. */
export function decodeEvent(line: string): Checked<VarvEvent> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: '(line)', rule: 'json', message: `not JSON: ${(e as Error).message}` }],
    };
  }
  return parseEvent(json);
}
