import { loadScenarioFile, type ResolvedScenario } from '../../engine/layout/index.ts';
import {
  assessRisk,
  type LinkTargets,
  linkPicks,
  linkPicksNaive,
  linkScopes,
  linkTargets,
  personIndex,
  shuffledControl,
} from '../../engine/privacy/risk/index.ts';
import {
  labRecords,
  runLinkedDays,
  synthesiseRelease,
  visitTemplates,
} from '../../scenarios/privacy/index.ts';
import { type BenchLine, median } from './measure.ts';

const SCENARIO = 'scenarios/runs/demo-grocery-day.json';
/** Days of the demo grocery's full day (about 3,100 visits each): a month of about 100,000 visits. */
const DAYS = 32;
const SEED = 42;

/**
 * Every attack and measure of the privacy lab (assessRisk, 2,000 attacks per figure) on one
 * simulated month of the demo grocery, against the same linkability attack written naively: each
 * target compared with every visit of the month, in every scope, on the release and on the control.
 * Figure: visits assessed per second (median of `runs`), ratio = how many times faster all the
 * attacks are than the naive linkability attack alone.
 *
 * The month is synthesised (a month of crowd simulation takes hours): the visits of one crowd-
 * simulated hour (12:00–13:00) are the templates, replayed with the scenario's own arrivals,
 * population, calibrated group assigner and sensor model (scenarios/privacy/synthesiseRelease).
 */
export function privacyLabBench(runs = 3): BenchLine {
  const t0 = performance.now();
  const sc = loadScenarioFile(SCENARIO);
  const window: ResolvedScenario = {
    ...sc,
    clock: {
      ...(sc.clock as { start: string; end: string; days: number; date: string }),
      start: '12:00',
      end: '13:00',
      days: 1,
    },
  };
  const templates = visitTemplates(
    runLinkedDays(window, { seed: SEED }).release,
    sc.store.id,
    sc.store.timezone,
  );
  const t1 = performance.now();
  const release = synthesiseRelease(sc, templates, { seed: SEED, days: DAYS });
  const t2 = performance.now();
  const { records, identities, sightingPerson } = labRecords(release);
  const people = personIndex(records, identities);

  const allAttacks = () =>
    assessRisk(
      { visits: records, identities, sightings: { table: release.table, person: sightingPerson } },
      { seed: SEED },
    );
  // The naive peer draws the same targets and control as assessRisk's linkability does.
  const control = shuffledControl(records, SEED);
  const targets: LinkTargets[] = linkScopes.map((scope) => linkTargets(records, people, scope, 2000, SEED));
  const naive = () => {
    for (const t of targets) {
      linkPicksNaive(records, t, SEED);
      linkPicksNaive(control, t, SEED);
    }
  };
  // The two must agree before their speed means anything.
  for (const t of targets) {
    const a = linkPicks(records, t, SEED);
    const b = linkPicksNaive(records, t, SEED);
    if (a.some((x, i) => x !== b[i])) throw new Error('indexed and naive linkage picks differ');
  }
  const secs = (f: () => unknown) => {
    const s = performance.now();
    f();
    return (performance.now() - s) / 1000;
  };
  const ours: number[] = [];
  const peer: number[] = [];
  const indexedLink: number[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(secs(allAttacks));
    peer.push(secs(naive));
    indexedLink.push(
      secs(() => {
        for (const t of targets) {
          linkPicks(records, t, SEED);
          linkPicks(control, t, SEED);
        }
      }),
    );
  }
  const n = records.length;
  const linked = targets.reduce((s, t) => s + 2 * t.from.length, 0);
  const value = n / median(ours);
  const peerValue = n / median(peer);
  const round = (x: number) => Number(x.toPrecision(3));
  return {
    bench: 'privacy-lab',
    figure: `all attacks on one simulated month (${n} visits, ${release.table.length} sightings), visits per second`,
    value: round(value),
    peer: 'the linkability attack alone, naive (each target against every visit)',
    peerValue: round(peerValue),
    ratio: round(value / peerValue),
    runs,
    note:
      `${DAYS} days of ${SCENARIO} synthesised in ${((t2 - t1) / 1000).toFixed(1)} s from ${templates.visits.length} template visits ` +
      `(12:00–13:00 crowd-simulated in ${((t1 - t0) / 1000).toFixed(1)} s); all attacks ${median(ours).toFixed(1)} s; ` +
      `linkage alone, ${linked} picks: indexed ${round(linked / median(indexedLink))}/s, naive ${round(linked / median(peer))}/s ` +
      `(${round(median(peer) / median(indexedLink))}×), picks identical`,
  };
}
