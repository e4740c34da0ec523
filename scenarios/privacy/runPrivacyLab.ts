import {
  EpsilonLedger,
  intervalNames,
  type Proportion,
  seededRng,
  wilson,
} from '../../engine/privacy/index.ts';
import { assessRisk, type RiskAssessment } from '../../engine/privacy/risk/index.ts';
import { buildLabRelease, type LabStore } from './buildLabRelease.ts';
import { configurationHash } from './configurationHash.ts';
import type { PrivacyLabConfig } from './labConfig.ts';
import { type LabRelease, labRecords } from './labRelease.ts';
import { epochsOf, populationClasses } from './populationClasses.ts';

/** Everything the privacy lab measured for one configuration (the report is built from this). */
export type PrivacyLabResult = {
  format: 'varv.privacy-lab-result/1';
  configHash: string;
  source: string;
  seed: number;
  days: number;
  mode: PrivacyLabConfig['mode'];
  stores: LabStore[];
  release: { sightings: number; visits: number; seenVisits: number; persons: number };
  /** Measured P(two sightings of one person in one interval share a group): the consistency actually reached. */
  consistency: Proportion;
  /** Noisy visit counts per store (the cross-store release), when an ε is configured. */
  noisyVisits: { store: string; visits: number }[] | null;
  assessment: RiskAssessment;
};

/** Runs a privacy-lab configuration: builds the release with its truth, then every attack and measure on it. */
export function runPrivacyLab(
  config: PrivacyLabConfig,
  opts: { progress?: (label: string) => void } = {},
): PrivacyLabResult {
  const { release, stores } = buildLabRelease(config, opts);
  const { records, identities, sightingPerson } = labRecords(release, { bucketMs: config.bucketMs });
  opts.progress?.('population classes');
  const days = new Set(release.table.day);
  const classes = config.scenarios.map((sc) => populationClasses(sc, config.seed, epochsOf(sc, days)));
  const storeIndex = release.table.stores.map((id) => config.scenarios.findIndex((sc) => sc.store.id === id));
  let ledger: EpsilonLedger | undefined;
  let noisyVisits: PrivacyLabResult['noisyVisits'] = null;
  if (config.epsilon !== null) {
    // As the store comparison releases them: one noisy count per store, sensitivity = the days.
    ledger = new EpsilonLedger(config.budget ?? Number.POSITIVE_INFINITY);
    const rng = seededRng(`lab-noise|${config.seed}`);
    const epsilon = config.epsilon;
    noisyVisits = stores.map((s) => ({
      store: s.id,
      visits: Math.max(
        0,
        (ledger as EpsilonLedger).noisyCount(`visits:${s.id}`, s.visits, epsilon, rng, config.days),
      ),
    }));
  }
  opts.progress?.('attacks');
  const assessment = assessRisk(
    {
      visits: records,
      identities,
      sightings: { table: release.table, person: sightingPerson },
      populationClassSize: (store, epoch, interval, group) =>
        classes[storeIndex[store] as number]?.get(`${epoch}|${intervalNames[interval]}|${group}`) ?? 0,
      ledger,
    },
    { seed: config.seed, attacks: config.attacks },
  );
  return {
    format: 'varv.privacy-lab-result/1',
    configHash: configurationHash(config),
    source: config.source,
    seed: config.seed,
    days: config.days,
    mode: config.mode,
    stores,
    release: {
      sightings: release.table.length,
      visits: release.visits.length,
      seenVisits: records.length,
      persons: new Set(release.visits.person).size,
    },
    consistency: measuredConsistency(release),
    noisyVisits,
    assessment,
  };
}

/**
 * P(two sightings of one visit in one (day, interval) share a group), pooled over visits: the
 * consistency the release really has (sightings are independent observations of one face). Pairs
 * within a visit are not independent, so the Wilson interval is narrower than it should be.
 */
export function measuredConsistency(release: LabRelease): Proportion {
  const t = release.table;
  const cells = new Map<string, Map<number, number>>();
  for (let i = 0; i < t.length; i++) {
    const id = `${release.visitOf[i]}|${t.day[i]}|${t.interval[i]}`;
    let m = cells.get(id);
    if (!m) {
      m = new Map();
      cells.set(id, m);
    }
    m.set(t.group[i] as number, (m.get(t.group[i] as number) ?? 0) + 1);
  }
  let same = 0;
  let pairs = 0;
  for (const m of cells.values()) {
    let n = 0;
    for (const c of m.values()) {
      same += (c * (c - 1)) / 2;
      n += c;
    }
    pairs += (n * (n - 1)) / 2;
  }
  return wilson(same, pairs);
}
