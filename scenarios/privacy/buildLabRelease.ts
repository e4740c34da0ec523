import type { PrivacySettings, ResolvedScenario } from '../../engine/layout/index.ts';
import { defaultPrivacy, type PrivacyLabConfig } from './labConfig.ts';
import { type LabRelease, mergeReleases } from './labRelease.ts';
import { runLinkedDays } from './linkedRun.ts';
import { synthesiseRelease } from './synthesiseRelease.ts';
import { visitTemplates } from './visitTemplates.ts';

export type LabStore = { id: string; privacy: PrivacySettings; visits: number; sightings: number };

/**
 * The release a privacy-lab configuration makes, with its truth: every store's scenario over the
 * configured days, through the crowd simulator or synthesised from template visits (see
 * synthesiseRelease), all with one seed so that one population visits every store.
 */
export function buildLabRelease(
  config: PrivacyLabConfig,
  opts: { progress?: (label: string) => void } = {},
): { release: LabRelease; stores: LabStore[] } {
  const releases: LabRelease[] = [];
  const stores: LabStore[] = [];
  for (const sc of config.scenarios) {
    let release: LabRelease;
    if (config.mode === 'crowd') {
      opts.progress?.(`${sc.store.id}: simulating ${config.days} day(s)`);
      release = runLinkedDays(sc, { seed: config.seed, days: config.days }).release;
    } else {
      opts.progress?.(
        `${sc.store.id}: template visits ${config.templateWindow.start}–${config.templateWindow.end}`,
      );
      const window = {
        ...sc,
        clock: {
          ...(sc.clock as Extract<ResolvedScenario['clock'], { start: string }>),
          ...config.templateWindow,
          days: 1,
        },
      };
      const templates = visitTemplates(
        runLinkedDays(window, { seed: config.seed }).release,
        sc.store.id,
        sc.store.timezone,
      );
      opts.progress?.(`${sc.store.id}: synthesising ${config.days} day(s)`);
      release = synthesiseRelease(sc, templates, { seed: config.seed, days: config.days, pool: config.pool });
    }
    releases.push(release);
    stores.push({
      id: sc.store.id,
      privacy: defaultPrivacy(sc),
      visits: release.visits.length,
      sightings: release.table.length,
    });
  }
  return { release: mergeReleases(releases), stores };
}
