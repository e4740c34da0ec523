// Data for privacy-frontier.html: the demo grocery's lunch on two days (15 minutes each, a small
// population of whom half come back), simulated once per privacy setting on a grid of groups ×
// consistency. Each run is scored both ways on the same release: utility by scenarios/score (the
// analytics on the events against the truth), risk by the attacks of engine/privacy/risk on the
// released sightings, with the simulator's truth saying who was who.
//
// It calls engine/privacy/risk directly (linkability, singling out, the same-group posterior)
// rather than the privacy lab (scenarios/privacy), which was still being built when this was
// written; the lab's runLinkedDays does the same as `run` below.
import { ageBands, type CountV1, genders, type SightingV1 } from '../engine/events/index.ts';
import { loadScenarioFile, type PrivacySettings, type ResolvedScenario } from '../engine/layout/index.ts';
import { DayIntervals, keyEpoch } from '../engine/privacy/index.ts';
import {
  type AttackRisk,
  linkability,
  personIndex,
  SightingTableBuilder,
  sameGroupPosterior,
  shuffledControl,
  singlingOut,
  visitRecords,
} from '../engine/privacy/risk/index.ts';
import { scenarioSettings, scoreRun } from '../scenarios/score/index.ts';
import { runStoreDays, type TruthRecord, type VisitTruth } from '../scenarios/sim/index.ts';
import type { DataLoader } from './kit/dataLoader.ts';

const SCENARIO = 'notebooks/scenarios/grocery-two-lunches.json';
const GROUPS = [16, 128, 1024];
const CONSISTENCY = [0.25, 0.5, 0.75];
/** Attacks per risk figure, and the seed that draws them. */
const ATTACKS = 500;
const ATTACK_SEED = 1;

const risk = (r: AttackRisk) => ({
  risk: r.risk,
  lo: r.lo,
  hi: r.hi,
  attack: r.attack.p,
  control: r.control.p,
  baseline: r.baseline.p,
  attacks: r.attacks,
  meaningful: r.meaningful,
});

/** One setting: the store days with their events, truth and the release with who made each sighting. */
function run(sc: ResolvedScenario) {
  const privacy = sc.privacy as PrivacySettings;
  const intervals = new DayIntervals(sc.store.timezone, privacy.intervals);
  const table = new SightingTableBuilder({ genders, ages: ageBands });
  const visitOf: number[] = [];
  const events: (SightingV1 | CountV1)[] = [];
  const truth: TruthRecord[] = [];
  const summary = runStoreDays(sc, {
    event: (e) => events.push(e),
    truth: (r) => truth.push(r),
    sightedBy(e, visit) {
      const day = intervals.at(e.t).day;
      table.add(
        e.store,
        e.zone,
        e.group,
        e.interval,
        day,
        keyEpoch(privacy.rotation, day),
        e.t,
        e.attrs?.gender,
        e.attrs?.age,
      );
      visitOf.push(visit);
    },
  });
  return { summary, events, truth, table: table.build(), visitOf };
}

const loader: DataLoader = {
  inputs: [SCENARIO],
  load() {
    const base = loadScenarioFile(SCENARIO);
    const points = [];
    for (const groups of GROUPS)
      for (const consistency of CONSISTENCY) {
        const sc = { ...base, privacy: { ...(base.privacy as PrivacySettings), groups, consistency } };
        const r = run(sc);
        // Utility: the analytics on the events, scored against the truth.
        const score = scoreRun(r.events, r.truth, sc.store, scenarioSettings(sc), { replicates: 100 });
        const row = (kpi: string) => score.rows.find((x) => x.kpi.startsWith(kpi)) ?? null;
        // Risk: the attacks on the released sightings, the truth naming the person behind each visit.
        const visits = new Map<number, VisitTruth>();
        for (const t of r.truth) if (t.type === 'visit') visits.set(t.visit, t);
        const v = visitRecords(r.table, r.visitOf);
        const id = { person: Int32Array.from(v.source, (k) => (visits.get(k) as VisitTruth).person) };
        const people = personIndex(v, id);
        const control = shuffledControl(v, ATTACK_SEED);
        const opts = { seed: ATTACK_SEED, people, control };
        const link = linkability(v, id, { ...opts, scope: 'interval', targets: ATTACKS });
        const single = singlingOut(v, id, { ...opts, attacks: ATTACKS });
        const posterior = sameGroupPosterior(v, people).overall;
        const pick = (kpi: string) => {
          const x = row(kpi);
          return x && { estimate: x.estimate, ci: x.ci, truth: x.truth, error: x.error };
        };
        points.push({
          groups,
          consistency,
          visits: r.summary.visits,
          sightings: r.table.length,
          effectiveGroups: r.summary.effectiveGroups,
          collisionQ: score.kpis.collision.q,
          utility: {
            flowTV: pick('flow matrix TV'),
            medianVisit: pick('median visit (pairing)'),
            loopFollowing: pick('loop following (visits, truth)'),
            queueMAE: pick('queue length MAE'),
          },
          risk: {
            linkability: risk(link),
            linkMated: link.mated,
            singlingOut: risk(single),
            posterior: { p: posterior.p, lo: posterior.lo, hi: posterior.hi, n: posterior.n },
          },
        });
      }
    return {
      scenario: SCENARIO,
      seed: base.seed,
      clock: base.clock,
      arrivals: base.arrivals?.perMinute,
      shoppers: base.shoppers,
      attacks: ATTACKS,
      attackSeed: ATTACK_SEED,
      groups: GROUPS,
      consistency: CONSISTENCY,
      points,
    };
  },
};

export default loader;
