// Data for queues.html: the demo grocery's five busiest hours (10:00–15:00, staff opening and
// closing the fourth till as lines grow and shrink) through the simulator; what really happened at
// each till (the truth log) beside what the analytics estimate from the released events alone.
import { analyse, serviceSeconds } from '../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../engine/events/index.ts';
import { loadScenarioFile } from '../engine/layout/index.ts';
import { scenarioSettings } from '../scenarios/score/index.ts';
import { runStoreDays, type TruthRecord } from '../scenarios/sim/index.ts';
import type { DataLoader } from './kit/dataLoader.ts';

const SCENARIO = 'notebooks/scenarios/grocery-midday.json';
const BIN_MS = 5 * 60_000;

const loader: DataLoader = {
  inputs: [SCENARIO],
  load() {
    const sc = loadScenarioFile(SCENARIO);
    const events: (SightingV1 | CountV1)[] = [];
    const truth: TruthRecord[] = [];
    const summary = runStoreDays(sc, { event: (e) => events.push(e), truth: (r) => truth.push(r) });
    const settings = scenarioSettings(sc);
    const kpis = analyse(events, sc.store, settings, { queueBinMs: BIN_MS, replicates: 100 });
    const day = truth.find((r) => r.type === 'day');
    if (!day || !('start' in sc.clock)) throw new Error(`${SCENARIO}: no store day in the run`);
    const [h, m] = sc.clock.start.split(':').map(Number) as [number, number];
    // Times as minutes of the store's day (the store clock), so that the notebook needs no time zone.
    const minute = (t: number) => Math.round((h * 60 + m + (t - day.opened) / 60_000) * 100) / 100;
    const tills = sc.store.tills.map((t) => ({
      id: t.id,
      kind: t.kind,
      open: t.open,
      serviceS: serviceSeconds(t, settings.meanItems),
    }));
    const lines: Record<string, number[]> = {};
    let lastMinute = 0;
    for (const r of truth) {
      if (r.type !== 'queue') continue;
      // Mean line length per minute, from the per-second truth.
      const perMin: number[] = [];
      for (let s = 0; s < r.perSecond.length; s += 60) {
        const chunk = r.perSecond.slice(s, s + 60);
        perMin.push(Math.round((chunk.reduce((a, b) => a + b, 0) / chunk.length) * 100) / 100);
      }
      lines[r.till] = perMin;
      lastMinute = Math.max(lastMinute, minute(r.from) + perMin.length);
    }
    const queueFrom = truth.find((r) => r.type === 'queue')?.from ?? day.opened;
    return {
      scenario: SCENARIO,
      seed: sc.seed,
      store: sc.store.id,
      clock: { start: sc.clock.start, end: sc.clock.end },
      arrivals: sc.arrivals?.perMinute,
      staffing: sc.staffing ?? null,
      meanItems: settings.meanItems,
      k: settings.k,
      visits: summary.visits,
      tills,
      truth: {
        /** Minute of day of lines[till][0]. */
        linesFrom: minute(queueFrom),
        lines,
        staff: truth.flatMap((r) =>
          r.type === 'staff' ? [{ minute: minute(r.t), action: r.action, till: r.till }] : [],
        ),
        customers: truth.flatMap((r) =>
          r.type === 'visit' && r.till && r.serviceStart !== null && r.paid !== null
            ? [
                {
                  till: r.till,
                  joined: minute(r.joinedLine ?? r.serviceStart),
                  start: minute(r.serviceStart),
                  paid: minute(r.paid),
                  items: r.bought,
                },
              ]
            : [],
        ),
      },
      estimate: {
        binMin: BIN_MS / 60_000,
        meanWaitS: kpis.queues.meanWaitMs === null ? null : kpis.queues.meanWaitMs / 1000,
        tills: kpis.queues.tills.map((t) => ({
          till: t.till,
          camera: t.camera,
          peak: t.peak,
          series: t.series.map((b) => ({
            minute: minute(b.from),
            length: b.length.suppressed ? null : Math.round(b.length.value * 1000) / 1000,
          })),
          episodes: t.episodes.map((e) => ({ from: minute(e.from), to: minute(e.to), peak: e.peak })),
        })),
        forecast: kpis.forecast.map((f) => ({
          minute: minute(f.at),
          horizonMin: f.horizonMin,
          arrivalsPerMin: f.arrivalsPerMin,
          tills: f.tills,
        })),
      },
      lastMinute,
    };
  },
};

export default loader;
