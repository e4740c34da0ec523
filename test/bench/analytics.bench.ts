import { analyse, analyticsSettings } from '../../engine/analytics/index.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { loadScenarioFile, type StoreLayout } from '../../engine/layout/index.ts';
import { seededRng } from '../../engine/privacy/index.ts';
import { MEMORY, openPglite, SqlEventStore } from '../../engine/store/index.ts';
import { runStoreDays } from '../../scenarios/sim/index.ts';
import { type BenchLine, median } from './measure.ts';

type Ev = SightingV1 | CountV1;

/**
 * `stores` stores of `perStore` sightings each, made from one simulated grocery day: each store
 * takes the day from its opening until its `perStore`-th sighting (with the door counts of that
 * span), under its own store id, with its group IDs relabelled by a permutation of its own (as a
 * per-store key would give) and its own sequence numbers.
 */
export function benchStores(stores: number, perStore: number): { layout: StoreLayout; events: Ev[] }[] {
  const sc = loadScenarioFile('scenarios/runs/demo-grocery-day.json');
  const day: Ev[] = [];
  runStoreDays(sc, { event: (e) => day.push(e) });
  const sightings = day.filter((e) => e.type === 'sighting');
  const end = (sightings[Math.min(perStore, sightings.length) - 1] as SightingV1).t;
  const span = day.filter((e) => e.t <= end).slice(0);
  const groups = sc.privacy?.groups ?? 256;
  return Array.from({ length: stores }, (_, i) => {
    const id = `bench-${String(i + 1).padStart(2, '0')}`;
    const rng = seededRng(`bench-${i}`);
    const perm = Array.from({ length: groups }, (_, g) => g);
    for (let g = groups - 1; g > 0; g--) {
      const j = Math.floor(rng() * (g + 1));
      [perm[g], perm[j]] = [perm[j] as number, perm[g] as number];
    }
    let seq = 0;
    let kept = 0;
    const events: Ev[] = [];
    for (const e of span) {
      if (e.type === 'sighting') {
        if (kept >= perStore) continue;
        kept++;
        events.push({ ...e, store: id, group: perm[e.group] as number, seq: seq++ });
      } else events.push({ ...e, store: id, seq: seq++ });
    }
    return { layout: { ...sc.store, id }, events };
  });
}

/**
 * The same aggregation as one SQL query over the event store's tables: visits per store;
 * sightings per zone and interval with their distinct groups under the k-threshold and the woman
 * share; the entry–exit lag histogram (all pairs and same-group pairs, negative lags included, for
 * the background); zone-to-zone pairs within 20 s (all and same-group); sightings per checkout
 * camera with their groups. (Tracks, bootstraps and the corrections have no SQL counterpart here;
 * the peer does the joins and counts they rest on.)
 */
export const KPI_SQL = `
WITH visits AS (
  SELECT store, sum(n) FILTER (WHERE direction = 'in') AS visits FROM counts GROUP BY store
),
demographics AS (
  SELECT store, zone, interval, count(*) AS n, avg((gender = 'woman')::int) AS woman
  FROM sightings GROUP BY store, zone, interval HAVING count(DISTINCT group_id) >= 5
),
duration AS (
  SELECT e.store, floor((x.t - e.t) / 30000.0) AS bin,
         count(*) AS all_pairs, count(*) FILTER (WHERE x.group_id = e.group_id) AS same_pairs
  FROM sightings e JOIN sightings x
    ON x.store = e.store AND x.camera_class = 'exit' AND x.interval = e.interval
   AND x.t > e.t - 7200000 AND x.t < e.t + 7200000
   AND (x.t + 3600000) / 86400000 = (e.t + 3600000) / 86400000
  WHERE e.camera_class = 'entrance'
  GROUP BY 1, 2
),
flows AS (
  SELECT a.store, a.zone AS from_zone, b.zone AS to_zone,
         count(*) AS all_pairs, count(*) FILTER (WHERE a.group_id = b.group_id) AS same_pairs
  FROM sightings a JOIN sightings b
    ON b.store = a.store AND b.t > a.t AND b.t <= a.t + 20000 AND b.interval = a.interval AND b.zone <> a.zone
  GROUP BY 1, 2, 3
),
queue AS (
  SELECT store, camera, count(*) * 10 AS person_s, count(DISTINCT group_id) AS groups
  FROM sightings WHERE camera_class = 'checkout' GROUP BY store, camera
)
SELECT 'visits' AS kpi, store, NULL AS a, NULL AS b, visits::float8 AS v1, NULL::float8 AS v2 FROM visits
UNION ALL SELECT 'demographics', store, zone, interval, n, woman FROM demographics
UNION ALL SELECT 'duration', store, bin::text, NULL, all_pairs, same_pairs FROM duration
UNION ALL SELECT 'flows', store, from_zone, to_zone, all_pairs, same_pairs FROM flows
UNION ALL SELECT 'queue', store, camera, NULL, person_s, groups FROM queue
`;

/** Indexes the peer is given for its joins (the event store's own key is (store, t, seq)). */
export const KPI_SQL_INDEXES =
  'CREATE INDEX IF NOT EXISTS bench_sightings_class ON sightings (store, camera_class, t); ANALYZE;';

/**
 * Every KPI of 20 stores (about a million sightings) in one pass, as `analyse` computes them
 * (index, tracks, collision rate, all KPIs with their bootstraps), in sightings per second, against
 * the same aggregation as one SQL query on the event store's PGlite (the embedded default), the
 * events loaded beforehand into each. Medians of `runs` runs each, interleaved.
 */
export async function analyticsBench(stores = 20, perStore = 50_000, runs = 3): Promise<BenchLine> {
  const data = benchStores(stores, perStore);
  const sightings = data.reduce((s, d) => s + d.events.filter((e) => e.type === 'sighting').length, 0);
  const settings = analyticsSettings({
    groups: 256,
    consistency: 0.5,
    intervals: ['06:00', '11:00', '14:00'],
  });
  const sql = await openPglite(MEMORY);
  try {
    const store = await SqlEventStore.open(sql);
    for (const d of data)
      for (let at = 0; at < d.events.length; at += 50_000)
        await store.insert(d.events.slice(at, at + 50_000));
    await sql.exec(KPI_SQL_INDEXES);
    const ours: number[] = [];
    const peer: number[] = [];
    for (let r = 0; r < runs; r++) {
      let t0 = performance.now();
      for (const d of data) analyse(d.events, d.layout, settings, { replicates: 100 });
      ours.push(sightings / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      await sql.query(KPI_SQL);
      peer.push(sightings / ((performance.now() - t0) / 1000));
    }
    const value = median(ours);
    const peerValue = median(peer);
    return {
      bench: 'analytics',
      figure: `all KPIs, sightings per second (${stores} stores, ${sightings} sightings)`,
      value: Number(value.toPrecision(3)),
      peer: 'one SQL query on PGlite (visits, demographics, entry–exit pairs, zone pairs, queues)',
      peerValue: Number(peerValue.toPrecision(3)),
      ratio: Number((value / peerValue).toPrecision(3)),
      runs,
      note: 'PGlite is the embedded default; a PostgreSQL server (VARV_DATABASE_URL) runs the same SQL',
    };
  } finally {
    await sql.close();
  }
}
