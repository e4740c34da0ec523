import { area, type StoreLayout } from '../layout/index.ts';
import type { EpsilonLedger, Rng } from '../privacy/index.ts';
import type { StoreKpis } from './analyse.ts';

/** One store's KPIs normalised per visitor and per m², for comparing stores of different size. */
export type StoreComparisonRow = {
  store: string;
  areaM2: number;
  days: number;
  /** Visits (noisy when ε is given) and visits per day and per m² per day. */
  visits: number;
  visitsPerDay: number;
  visitsPerM2PerDay: number;
  /** Mean people inside per 100 m² over the open hours. */
  occupancyPer100M2: number | null;
  medianVisitMin: number | null;
  meanWaitS: number | null;
  /** Minutes spent in line per visitor. */
  queueMinPerVisitor: number | null;
  /** Share of people seen at a display who stopped there (mean over displays). */
  attraction: number | null;
  returnFrequency: number | null;
};

/**
 * Store comparison: the same KPIs normalised per visitor and per m² of floor (the outline's area).
 * Across stores, group IDs do not link (per-store keys), so only aggregates are compared. With
 * `epsilon` the visit counts are released with discrete Laplace noise (sensitivity 1 person per
 * day) and charged to the ledger, and the per-visitor ratios are taken over the noisy counts.
 */
export function compareStores(
  stores: readonly { store: StoreLayout; kpis: StoreKpis }[],
  opts: { epsilon?: number; rng?: Rng; ledger?: EpsilonLedger } = {},
): StoreComparisonRow[] {
  return stores.map(({ store, kpis }) => {
    const areaM2 = area(store.outline);
    const days = Math.max(1, new Set(kpis.visits.byDay.map((d) => d.day)).size);
    let n = kpis.occupancy.visits;
    if (opts.epsilon !== undefined) {
      if (!opts.rng || !opts.ledger) throw new Error('noisy comparison needs an rng and a ledger');
      n = Math.max(0, opts.ledger.noisyCount(`visits:${store.id}`, n, opts.epsilon, opts.rng, days));
    }
    const queueMs = kpis.queues.tills.reduce((s, t) => s + t.personMs, 0);
    const attractions = kpis.interest
      .filter((i) => i.kind === 'object' && i.attraction !== null)
      .map((i) => i.attraction as number);
    return {
      store: store.id,
      areaM2,
      days,
      visits: n,
      visitsPerDay: n / days,
      visitsPerM2PerDay: n / days / areaM2,
      occupancyPer100M2:
        kpis.occupancy.openMs > 0 ? (kpis.occupancy.personMs / kpis.occupancy.openMs / areaM2) * 100 : null,
      medianVisitMin: kpis.duration.medianMs !== null ? kpis.duration.medianMs / 60_000 : null,
      meanWaitS: kpis.queues.meanWaitMs !== null ? kpis.queues.meanWaitMs / 1000 : null,
      queueMinPerVisitor: n > 0 ? queueMs / 60_000 / n : null,
      attraction: attractions.length ? attractions.reduce((a, b) => a + b, 0) / attractions.length : null,
      returnFrequency: kpis.returns.frequency,
    };
  });
}
