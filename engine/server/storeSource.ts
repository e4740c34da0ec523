import { DateTime } from 'luxon';
import { type AnalyticsSettings, analyse, DEFAULT_ANALYTICS } from '../analytics/index.ts';
import type { CountV1, SightingV1 } from '../events/index.ts';
import type { StoreLayout } from '../layout/index.ts';
import type { EventStore } from '../store/index.ts';
import { type RangeKpis, rangeKpis } from './kpis.ts';
import type { LiveSource, SimulatedAgents } from './liveSource.ts';
import { FLOW_WINDOW_MS, LiveState, type LiveTick } from './liveState.ts';
import { type StoreReport, storeReport } from './storeReport.ts';

export type StoreSourceOptions = {
  mode: 'live' | 'simulation';
  /** The stores shown, with what the analytics know of each (privacy settings; default: the defaults). */
  stores: readonly { layout: StoreLayout; settings?: AnalyticsSettings }[];
  events: EventStore;
  /**
   * The watermark: every event up to this moment (store clock, epoch ms) is in the event store.
   * Live: the wall clock less the allowed lateness; the demo: how far its replay has written.
   */
  now(): number;
  /** Simulation mode only: the synthetic shoppers to draw. */
  agents?(store: string): SimulatedAgents | null;
};

type Cache = { state: LiveState; day: string; cursor: { t: number; seq: number } | null; t: number };
type Pair = SightingV1 | CountV1;

/**
 * The server's view of stores, read from the event store: the same events the analytics and
 * reports read, whether they came from cameras or a simulation. The live tick is kept
 * incrementally (only events after the last one read are fetched); a replay of a past moment is
 * rebuilt from that day's door counts and the last 15 minutes of sightings.
 */
export class StoreSource implements LiveSource {
  readonly mode: 'live' | 'simulation';
  private readonly layouts = new Map<string, { layout: StoreLayout; settings: AnalyticsSettings }>();
  private readonly cache = new Map<string, Cache>();
  readonly agents?: (store: string) => SimulatedAgents | null;

  constructor(private readonly o: StoreSourceOptions) {
    this.mode = o.mode;
    for (const s of o.stores)
      this.layouts.set(s.layout.id, { layout: s.layout, settings: s.settings ?? DEFAULT_ANALYTICS });
    if (o.agents) this.agents = o.agents;
  }

  stores(): StoreLayout[] {
    return [...this.layouts.values()].map((s) => s.layout);
  }

  now(): number {
    return this.o.now();
  }

  private store(id: string) {
    const s = this.layouts.get(id);
    if (!s) throw Object.assign(new Error(`no store "${id}"`), { statusCode: 404 });
    return s;
  }

  async range(store: string): Promise<{ from: number; to: number } | null> {
    this.store(store);
    const now = this.now();
    const [first] = await this.o.events.events(store, {
      types: ['sighting', 'count'],
      to: now + 1,
      limit: 1,
    });
    return first ? { from: first.t, to: now } : null;
  }

  async tickAt(store: string, at: number): Promise<LiveTick> {
    const { layout, settings } = this.store(store);
    const k = settings.k;
    const t = Math.min(at, this.now());
    const day = localDate(layout, t);
    const c = this.cache.get(store);
    if (c && c.day === day && t >= c.t) {
      // Forward in time on the same day: read only what arrived since.
      const fresh = await this.read(store, {
        ...(c.cursor ? { after: c.cursor } : { from: dayStart(layout, t) }),
        to: t + 1,
      });
      this.feed(c, fresh);
      c.t = t;
      return c.state.tick(t);
    }
    // Another day or the past: rebuild from the day's door counts and the last 15 min of sightings.
    const from = dayStart(layout, t);
    const [counts, sightings] = await Promise.all([
      this.read(store, { from, to: t + 1, types: ['count'] }),
      this.read(store, { from: Math.max(from, t - FLOW_WINDOW_MS), to: t + 1, types: ['sighting'] }),
    ]);
    const fresh: Cache = { state: new LiveState(layout, k), day, cursor: null, t };
    this.feed(fresh, mergeByTime(counts, sightings));
    // Only a rebuild at "now" becomes the live cache (a replay must not push it back in time).
    if (!c || c.day !== day || t >= c.t) this.cache.set(store, fresh);
    return fresh.state.tick(t);
  }

  async kpis(store: string, from: number, at: number): Promise<RangeKpis> {
    const { layout } = this.store(store);
    const to = Math.min(at, this.now());
    const [counts, held] = await Promise.all([
      this.read(store, { from: dayStart(layout, from), to, types: ['count'] }),
      this.o.events.count(store, { from, to }),
    ]);
    return rangeKpis(store, counts as CountV1[], from, to, held.sighting);
  }

  /** Every KPI of the analytics over [from, to), for the reports. */
  async report(store: string, from: number, at: number): Promise<StoreReport> {
    const { layout, settings } = this.store(store);
    const to = Math.min(at, this.now());
    const events = await this.read(store, { from, to });
    return storeReport(layout, from, to, analyse(events, layout, settings, { replicates: 100 }));
  }

  private feed(c: Cache, events: readonly Pair[]) {
    for (const e of events) {
      c.state.add(e, c.day);
      c.cursor = { t: e.t, seq: e.seq };
    }
  }

  private async read(
    store: string,
    q: { from?: number; to: number; after?: { t: number; seq: number }; types?: ('sighting' | 'count')[] },
  ): Promise<Pair[]> {
    return (await this.o.events.events(store, { types: ['sighting', 'count'], ...q })) as Pair[];
  }
}

const localDate = (s: StoreLayout, t: number) =>
  DateTime.fromMillis(t, { zone: s.timezone }).toISODate() as string;
const dayStart = (s: StoreLayout, t: number) =>
  DateTime.fromMillis(t, { zone: s.timezone }).startOf('day').toMillis();

/** Two lists ordered by (t, seq) merged into one. */
function mergeByTime(a: readonly Pair[], b: readonly Pair[]): Pair[] {
  const out: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.t < y.t || (x.t === y.t && x.seq < y.seq)))) {
      out.push(x as Pair);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
