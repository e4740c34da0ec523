import { basename, dirname, resolve } from 'node:path';
import { VarvError } from '../../engine/errors.ts';
import {
  issuesFromZod,
  type LayoutIssue,
  type ResolvedScenario,
  readJsonFile,
  SCENARIO_FORMAT,
  validateScenario,
} from '../../engine/layout/index.ts';
import { composeVariant, variantIssue } from './composeVariant.ts';
import { VARIANT_FORMAT, variantSchema } from './variantSchema.ts';

/** One arm of a what-if: the baseline (arm 0) or a variant. */
export type WhatIfArm = {
  name: string;
  file: string;
  description?: string;
  /** The variant's changes as written (empty for the baseline and for a whole-scenario variant). */
  patch: unknown[];
  scenario: ResolvedScenario;
  /** The scenario as self-contained JSON (store inline, patch applied): what each of its jobs carries. */
  wire: Record<string, unknown>;
};

type Json = Record<string, unknown>;

/**
 * Reads a what-if: the baseline scenario (a store day) and each variant, a `varv.variant/1` file
 * (the baseline plus a patch) or a whole `varv.scenario/1` on the same clock. Every arm is
 * validated as a scenario, with the variant's issues named by its own JSON paths; throws
 * VarvError listing them.
 */
export function loadWhatIf(baselineFile: string, variantFiles: readonly string[]): WhatIfArm[] {
  const baseRaw = readObject(baselineFile);
  if (baseRaw.format !== SCENARIO_FORMAT)
    throw new VarvError(
      'E_WHATIF',
      `${baselineFile}: a baseline is a ${SCENARIO_FORMAT} store day, found format ${JSON.stringify(baseRaw.format)}`,
    );
  const loader = (path: string) => (ref: string) => readJsonFile(resolve(dirname(path), ref));
  const baseline = checked(baselineFile, validateScenario(baseRaw, loader(baselineFile)));
  storeDay(baselineFile, baseline);
  const arms: WhatIfArm[] = [
    { name: stem(baselineFile), file: baselineFile, patch: [], scenario: baseline, wire: wire(baseline) },
  ];
  for (const file of variantFiles) {
    const raw = readObject(file);
    let arm: WhatIfArm;
    if (raw.format === SCENARIO_FORMAT) {
      const sc = checked(file, validateScenario(raw, loader(file)));
      storeDay(file, sc);
      if (JSON.stringify(sc.clock) !== JSON.stringify(baseline.clock))
        throw new VarvError(
          'E_WHATIF',
          `${file}: a whole-scenario variant must keep the baseline's clock ${JSON.stringify(baseline.clock)}, found ${JSON.stringify(sc.clock)}`,
        );
      arm = { name: stem(file), file, patch: [], scenario: sc, wire: wire(sc) };
    } else if (raw.format === VARIANT_FORMAT) {
      const parsed = variantSchema.safeParse(raw);
      if (!parsed.success) throw invalid(file, issuesFromZod(parsed.error));
      const v = parsed.data;
      if (v.baseline !== undefined && resolve(dirname(file), v.baseline) !== resolve(baselineFile))
        throw new VarvError(
          'E_WHATIF',
          `${file} is a variant of ${resolve(dirname(file), v.baseline)}, not of ${resolve(baselineFile)}`,
        );
      const composed = composeVariant(baseRaw, raw.patch as Json[], v.patch);
      const r = validateScenario(composed.scenario, loader(baselineFile));
      if (!r.ok)
        throw invalid(
          file,
          r.issues.map((i) => variantIssue(i, composed.patchFrom)),
        );
      storeDay(file, r.value);
      arm = {
        name: v.name ?? stem(file),
        file,
        ...(v.description ? { description: v.description } : {}),
        patch: raw.patch as unknown[],
        scenario: r.value,
        wire: wire(r.value),
      };
    } else {
      throw new VarvError(
        'E_WHATIF',
        `${file}: expected a variant ("${VARIANT_FORMAT}") or a scenario ("${SCENARIO_FORMAT}"), found format ${JSON.stringify(raw.format)}`,
      );
    }
    const twin = arms.find((a) => a.name === arm.name);
    if (twin)
      throw new VarvError(
        'E_USAGE',
        `${twin.file} and ${file} are both called "${arm.name}": give one of them a "name"`,
      );
    arms.push(arm);
  }
  return arms;
}

/** The scenario as a job carries it: the store inline and patched, nothing left to resolve. */
export function wire(sc: ResolvedScenario): Record<string, unknown> {
  const { storeRef: _, ...rest } = sc;
  return { ...rest, patch: [] };
}

function readObject(file: string): Json {
  const json = readJsonFile(file);
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new VarvError('E_WHATIF', `${file}: expected a JSON object`);
  return json as Json;
}

function checked<T>(file: string, r: { ok: true; value: T } | { ok: false; issues: LayoutIssue[] }): T {
  if (!r.ok) throw invalid(file, r.issues);
  return r.value;
}

function invalid(file: string, issues: LayoutIssue[]): VarvError {
  return new VarvError('E_INVALID', `${file}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
}

function storeDay(file: string, sc: ResolvedScenario): void {
  if (!('start' in sc.clock) || !sc.arrivals || !sc.shoppers)
    throw new VarvError(
      'E_WHATIF',
      `${file}: a what-if compares store days (clock.start/end, arrivals and shoppers); this is an experiment`,
    );
}

function stem(file: string): string {
  return basename(file).replace(/\.json$/i, '');
}
