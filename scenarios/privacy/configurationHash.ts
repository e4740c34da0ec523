import { createHash } from 'node:crypto';
import { DEFAULT_SENSORS } from '../sensors/index.ts';
import type { PrivacyLabConfig } from './labConfig.ts';

/**
 * A short hash of everything that decides a privacy-lab result: the stores (layouts as loaded),
 * the scenarios' clocks, arrivals, shoppers and privacy settings, seed, days, mode, attack settings
 * and the sensor model. Two results with one hash came from one configuration.
 */
export function configurationHash(config: PrivacyLabConfig): string {
  const what = {
    scenarios: config.scenarios.map((sc) => ({
      store: sc.store,
      clock: sc.clock,
      arrivals: sc.arrivals,
      shoppers: sc.shoppers,
      staffing: sc.staffing,
      privacy: sc.privacy,
      dt: sc.dt,
    })),
    seed: config.seed,
    days: config.days,
    mode: config.mode,
    templateWindow: config.mode === 'synthetic' ? config.templateWindow : null,
    pool: config.mode === 'synthetic' ? config.pool : null,
    attacks: config.attacks,
    bucketMs: config.bucketMs,
    epsilon: config.epsilon,
    budget: config.budget,
    sensors: DEFAULT_SENSORS,
  };
  return createHash('sha256').update(canonical(what)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every level. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}
