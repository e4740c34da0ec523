// Data for store-comparison.html: the demo grocery's and the demo fashion store's smoke runs (15
// minutes at lunch) through the simulator and the analytics, compared per visitor and per m² by
// engine/analytics' compareStores — exactly, and with the visit counts released under discrete
// Laplace noise at several ε, each release charged to an EpsilonLedger.
import { analyse, compareStores, type StoreComparisonRow } from '../engine/analytics/index.ts';
import { VarvError } from '../engine/errors.ts';
import type { CountV1, SightingV1 } from '../engine/events/index.ts';
import { area, loadScenarioFile } from '../engine/layout/index.ts';
import { EpsilonLedger, seededRng } from '../engine/privacy/index.ts';
import { scenarioSettings } from '../scenarios/score/index.ts';
import { runStoreDays } from '../scenarios/sim/index.ts';
import type { DataLoader } from './kit/dataLoader.ts';

const SCENARIOS = ['scenarios/runs/demo-grocery-smoke.json', 'scenarios/runs/demo-fashion-smoke.json'];
const EPSILONS = [0.05, 0.1, 0.2, 0.5, 1, 2];
/** Noisy releases drawn per ε. */
const DRAWS = 400;
const NOISY = ['visits', 'visitsPerM2PerDay', 'queueMinPerVisitor'] as const;

/** Five significant digits (null stays null: a ratio over no visits). */
const precise = (x: number | null) => (x === null ? null : Number(x.toPrecision(5)));

const loader: DataLoader = {
  inputs: SCENARIOS,
  load() {
    const stores = SCENARIOS.map((file) => {
      const sc = loadScenarioFile(file);
      const events: (SightingV1 | CountV1)[] = [];
      const summary = runStoreDays(sc, { event: (e) => events.push(e) });
      return {
        file,
        sc,
        visits: summary.visits,
        kpis: analyse(events, sc.store, scenarioSettings(sc), { replicates: 100 }),
      };
    });
    const input = stores.map((s) => ({ store: s.sc.store, kpis: s.kpis }));
    const exact = compareStores(input);
    const noisy: Record<string, Record<string, Record<(typeof NOISY)[number], (number | null)[]>>> = {};
    for (const epsilon of EPSILONS) {
      const rng = seededRng(`store-comparison|${epsilon}`);
      const byStore: Record<string, Record<(typeof NOISY)[number], (number | null)[]>> = {};
      for (let d = 0; d < DRAWS; d++) {
        // Each draw is one release of the comparison, with a ledger of its own.
        const rows = compareStores(input, { epsilon, rng, ledger: new EpsilonLedger() });
        for (const row of rows) {
          byStore[row.store] ??= { visits: [], visitsPerM2PerDay: [], queueMinPerVisitor: [] };
          for (const k of NOISY) byStore[row.store]?.[k].push(precise(row[k]));
        }
      }
      noisy[String(epsilon)] = byStore;
    }
    // One release at ε = 0.5 as the ledger records it, and how many fit a budget of ε = 1 at 0.25 each.
    const ledger = new EpsilonLedger();
    compareStores(input, { epsilon: 0.5, rng: seededRng('store-comparison|ledger'), ledger });
    const budget = new EpsilonLedger(1);
    let releases = 0;
    let refused: { code: string; message: string } | null = null;
    try {
      for (; releases < 100; releases++)
        compareStores(input, {
          epsilon: 0.25,
          rng: seededRng(`store-comparison|budget|${releases}`),
          ledger: budget,
        });
    } catch (e) {
      if (!(e instanceof VarvError)) throw e;
      refused = { code: e.code, message: e.message };
    }
    return {
      stores: stores.map((s) => ({
        id: s.sc.store.id,
        name: s.sc.store.name,
        scenario: s.file,
        clock: s.sc.clock,
        areaM2: area(s.sc.store.outline),
        visitsTruth: s.visits,
        k: s.sc.privacy?.k ?? 5,
      })),
      exact: exact as StoreComparisonRow[],
      epsilons: EPSILONS,
      draws: DRAWS,
      noisy,
      ledger: { entries: ledger.entries, spent: ledger.spent },
      budget: { budget: budget.budget, epsilon: 0.25, releases, spent: budget.spent, refused },
    };
  },
};

export default loader;
