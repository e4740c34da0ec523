import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedScenario } from '../../../engine/layout/index.ts';
import type { PersonIndex } from '../../../engine/privacy/risk/index.ts';
import {
  linkScores,
  personIndex,
  unlinkability,
  type VisitRecords,
} from '../../../engine/privacy/risk/index.ts';
import {
  defaultPrivacy,
  labRecords,
  mergeReleases,
  runLinkedDays,
  synthesiseRelease,
  visitTemplates,
} from '../../../scenarios/privacy/index.ts';
import { configUnderTest, describeConfig } from './labUnderTest.ts';

// Separation properties of the configuration's key schedule: group IDs must not link a person across
// a key rotation or across two stores' keys. They are checked on a release of the configuration's
// first store and a twin of it under another store id (so another key) visited by the same
// population, with the rotation set to daily, over three days (16 codes per person: the property is
// about the keys, not the consistency).

const config = configUnderTest();
const t = config.thresholds;
const seeds = fc.integer({ min: 0, max: 0x7fff_ffff });
// Seeded from the configuration: a run reproduces, like every result of the lab.
const runs = { numRuns: 3, seed: config.seed };
const DAYS = Math.min(config.days, 3);

describe(`separation properties of ${describeConfig(config)}`, () => {
  let records: VisitRecords;
  let people: PersonIndex;
  beforeAll(() => {
    const sc = config.scenarios[0] as ResolvedScenario;
    const daily: ResolvedScenario = { ...sc, privacy: { ...defaultPrivacy(sc), rotation: 'daily' } };
    const twin: ResolvedScenario = { ...daily, store: { ...daily.store, id: `${daily.store.id}-twin` } };
    const window = {
      ...daily,
      clock: {
        ...(daily.clock as { start: string; end: string; days: number; date: string }),
        ...config.templateWindow,
        days: 1,
      },
    };
    const templates = visitTemplates(
      runLinkedDays(window, { seed: config.seed }).release,
      sc.store.id,
      sc.store.timezone,
    );
    const twinTemplates = { ...templates, store: twin.store.id };
    const opts = { seed: config.seed, days: DAYS, pool: Math.min(config.pool, 16) };
    const release = mergeReleases([
      synthesiseRelease(daily, templates, opts),
      synthesiseRelease(twin, twinTemplates, opts),
    ]);
    const lab = labRecords(release, { bucketMs: config.bucketMs });
    records = lab.records;
    people = personIndex(records, lab.identities);
  }, 300_000);

  it(`after a key rotation your old groups say nothing about your new ones: D↔sys across key epochs at most ${t.separationEpochs}`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const s = linkScores(records, people, 'epochs', { seed, nonMated: 10_000 });
        expect(s.mated.length).toBeGreaterThan(0);
        expect(unlinkability(s.mated, s.nonMated, { seed }).atOne.hi).toBeLessThanOrEqual(t.separationEpochs);
      }),
      runs,
    );
  });

  it(`another store's groups say nothing about yours here: D↔sys across stores at most ${t.separationStores}`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const s = linkScores(records, people, 'stores', { seed, nonMated: 10_000 });
        expect(s.mated.length).toBeGreaterThan(0);
        expect(unlinkability(s.mated, s.nonMated, { seed }).atOne.hi).toBeLessThanOrEqual(t.separationStores);
      }),
      runs,
    );
  });
});
