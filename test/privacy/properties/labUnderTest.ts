import { resolve } from 'node:path';
import {
  type Identities,
  type PersonIndex,
  personIndex,
  type VisitRecords,
} from '../../../engine/privacy/risk/index.ts';
import {
  buildLabRelease,
  defaultPrivacy,
  labRecords,
  loadLabConfig,
  type PrivacyLabConfig,
} from '../../../scenarios/privacy/index.ts';

/**
 * The configuration the privacy property tests check: the file named by VARV_PRIVACY_CONFIG (set by
 * `npm run test:privacy -- --config <file>`: a lab file, a scenario or a store), else the demo
 * grocery's lab file (scenarios/privacy/demo-grocery-lab.json).
 */
export const CONFIG_ENV = 'VARV_PRIVACY_CONFIG';

export function configUnderTest(): PrivacyLabConfig {
  const path = process.env[CONFIG_ENV];
  return loadLabConfig(path ? resolve(path) : undefined);
}

/** One line naming what is under test, for the test titles. */
export function describeConfig(c: PrivacyLabConfig): string {
  const stores = c.scenarios
    .map((sc) => {
      const p = defaultPrivacy(sc);
      return `${sc.store.id} (groups ${p.groups}, consistency ${p.consistency}, rotation ${p.rotation})`;
    })
    .join(', ');
  return `${stores}, ${c.days} days ${c.mode}, seed ${c.seed}`;
}

export type LabUnderTest = { records: VisitRecords; identities: Identities; people: PersonIndex };

/** The configuration's release with the truth beside it, as the attacks take it. */
export function labUnderTest(c: PrivacyLabConfig): LabUnderTest {
  const { release } = buildLabRelease(c);
  const { records, identities } = labRecords(release, { bucketMs: c.bucketMs });
  return { records, identities, people: personIndex(records, identities) };
}

/** How many attacks one property run makes: as many as the report's figures (their intervals as narrow). */
export function attacksPerRun(c: PrivacyLabConfig): number {
  return c.attacks;
}
