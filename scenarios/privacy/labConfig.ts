import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { VarvError } from '../../engine/errors.ts';
import {
  formatIssue,
  issuesFromZod,
  loadScenarioFile,
  type PrivacySettings,
  privacySchema,
  type ResolvedScenario,
  readJsonFile,
  SCENARIO_FORMAT,
  STORE_FORMAT,
  validateScenario,
} from '../../engine/layout/index.ts';
import { DEFAULT_BUCKET_MS } from '../../engine/privacy/risk/index.ts';
import { DEFAULT_THRESHOLDS, type PropertyThresholds } from './propertyThresholds.ts';

export const LAB_FORMAT = 'varv.privacy-lab/1';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The scenario a bare store file is run with: the demo grocery's week (arrivals, shoppers, privacy). */
export const DEFAULT_LAB_SCENARIO = resolve(HERE, '../runs/demo-grocery-week.json');
/** The lab run without a configuration: the demo grocery week, with the demo's stated thresholds. */
export const DEMO_LAB = resolve(HERE, 'demo-grocery-lab.json');

/** What the privacy lab runs: stores, simulation, attacks, and the thresholds the property tests check. */
export type PrivacyLabConfig = {
  /** Where it came from (a path, or "default (demo grocery week)"). */
  source: string;
  /**
   * One scenario per store. All run with one seed, so one population — the same people, each with one
   * face — visits every store (that is what links across stores could exploit).
   */
  scenarios: ResolvedScenario[];
  seed: number;
  days: number;
  /** `crowd`: the whole simulator; `synthetic`: template visits replayed with the simulator's population, assigner and sensors (much faster). */
  mode: 'crowd' | 'synthetic';
  /** Synthetic mode: the clock window crowd-simulated (day 1) for template visits. */
  templateWindow: { start: string; end: string };
  /** Codes drawn per person in synthetic mode. */
  pool: number;
  attacks: number;
  bucketMs: number;
  /** Each store's visit count released with discrete Laplace noise at this ε (charged to the ledger), or none. */
  epsilon: number | null;
  budget: number | null;
  thresholds: PropertyThresholds;
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time "HH:MM"' });
const labSchema = z.strictObject({
  format: z.literal(LAB_FORMAT),
  /** Scenario (or store) files, relative to the lab file. */
  scenarios: z.array(z.string().min(1)).min(1),
  seed: z.int().min(0).optional(),
  days: z.int().min(1).max(366).optional(),
  mode: z.enum(['crowd', 'synthetic']).optional(),
  templateWindow: z.strictObject({ start: hhmm, end: hhmm }).optional(),
  pool: z.int().min(2).max(1024).optional(),
  attacks: z.int().min(10).optional(),
  bucketMinutes: z.number().positive().optional(),
  /** Privacy settings laid over every scenario's (for trying a configuration). */
  privacy: privacySchema.partial().optional(),
  epsilon: z.number().positive().nullable().optional(),
  budget: z.number().positive().nullable().optional(),
  thresholds: z
    .strictObject(
      Object.fromEntries(Object.keys(DEFAULT_THRESHOLDS).map((k) => [k, z.number().min(0).max(1)])) as Record<
        keyof PropertyThresholds,
        z.ZodNumber
      >,
    )
    .partial()
    .optional(),
  /** Free text: why the thresholds are what they are. */
  note: z.string().optional(),
});

/**
 * Reads a privacy-lab configuration: a lab file (`varv.privacy-lab/1`), a scenario (`varv.scenario/1`,
 * run as it is) or a store (`varv.store/1`, run with the demo grocery week's arrivals, shoppers and
 * privacy settings). No path: the demo lab file (the demo grocery week with the demo's stated
 * thresholds). `overrides` win over the file.
 */
export function loadLabConfig(
  path?: string,
  overrides: Partial<Omit<PrivacyLabConfig, 'scenarios' | 'source'>> = {},
): PrivacyLabConfig {
  const base = {
    mode: 'synthetic' as const,
    templateWindow: { start: '12:00', end: '12:30' },
    pool: 32,
    attacks: 2000,
    bucketMs: DEFAULT_BUCKET_MS,
    epsilon: null as number | null,
    budget: null as number | null,
    thresholds: { ...DEFAULT_THRESHOLDS },
  };
  let scenarios: ResolvedScenario[];
  let lab: z.output<typeof labSchema> | undefined;
  const file = path ?? DEMO_LAB;
  const json = readJsonFile(file) as { format?: unknown };
  if (json?.format === LAB_FORMAT) {
    const parsed = labSchema.safeParse(json);
    if (!parsed.success)
      throw new VarvError('E_CONFIG', `${file}: ${issuesFromZod(parsed.error).map(formatIssue).join('; ')}`);
    lab = parsed.data;
    scenarios = lab.scenarios.map((ref) => scenarioOrStore(resolve(dirname(file), ref)));
  } else scenarios = [scenarioOrStore(file)];
  if (lab?.privacy) {
    const over = lab.privacy;
    scenarios = scenarios.map((sc) => ({
      ...sc,
      privacy: { ...defaultPrivacy(sc), ...over } as PrivacySettings,
    }));
  }
  const ids = new Set(scenarios.map((s) => s.store.id));
  if (ids.size !== scenarios.length)
    throw new VarvError('E_CONFIG', `${file}: each scenario must be of another store (store ids repeat)`);
  const first = scenarios[0] as ResolvedScenario;
  if (!('start' in first.clock))
    throw new VarvError(
      'E_CONFIG',
      `${file}: the privacy lab needs store days (clock.start/end), not an experiment`,
    );
  return {
    source: path ?? 'default (demo grocery week)',
    scenarios,
    seed: overrides.seed ?? lab?.seed ?? first.seed,
    days: overrides.days ?? lab?.days ?? first.clock.days,
    mode: overrides.mode ?? lab?.mode ?? base.mode,
    templateWindow: overrides.templateWindow ?? lab?.templateWindow ?? base.templateWindow,
    pool: overrides.pool ?? lab?.pool ?? base.pool,
    attacks: overrides.attacks ?? lab?.attacks ?? base.attacks,
    bucketMs:
      overrides.bucketMs ?? (lab?.bucketMinutes !== undefined ? lab.bucketMinutes * 60_000 : base.bucketMs),
    epsilon: overrides.epsilon !== undefined ? overrides.epsilon : (lab?.epsilon ?? base.epsilon),
    budget: overrides.budget !== undefined ? overrides.budget : (lab?.budget ?? base.budget),
    thresholds: { ...base.thresholds, ...lab?.thresholds, ...overrides.thresholds },
  };
}

/** The privacy settings a scenario runs with (the simulator's defaults where it gives none). */
export function defaultPrivacy(sc: ResolvedScenario): PrivacySettings {
  return (
    sc.privacy ?? {
      groups: 256,
      consistency: 0.5,
      intervals: ['06:00', '11:00', '14:00'],
      rotation: 'none',
      k: 5,
    }
  );
}

function scenarioOrStore(path: string): ResolvedScenario {
  const json = readJsonFile(path) as { format?: unknown };
  if (json?.format === SCENARIO_FORMAT) return loadScenarioFile(path);
  if (json?.format !== STORE_FORMAT)
    throw new VarvError(
      'E_CONFIG',
      `${path}: expected "${LAB_FORMAT}", "${SCENARIO_FORMAT}" or "${STORE_FORMAT}"`,
    );
  const scenario = readJsonFile(DEFAULT_LAB_SCENARIO) as Record<string, unknown>;
  const r = validateScenario({ ...scenario, store: json }, () => json);
  if (!r.ok) throw new VarvError('E_CONFIG', `${path}: ${r.issues.map(formatIssue).join('; ')}`);
  return r.value;
}
