import { intervalNames } from '../privacy/index.ts';
import { serversNeeded } from './erlangC.ts';
import type { EventTable } from './eventTable.ts';
import { serviceSeconds } from './tillForecast.ts';
import { type Tracks, trackDuration } from './tracks.ts';

/** Whom to put where in one day interval. */
export type StaffingPlan = {
  interval: (typeof intervalNames)[number];
  /** Staff posts by the demand in the zones they serve (mean people seen there), busiest first. */
  posts: { post: string; demand: number; staffed: boolean }[];
  /** Staffed tills needed for the interval's mean checkout arrival rate (Erlang C). */
  tills: number;
  /** Mean people seen per zone (time in view ÷ the interval's open time). */
  zones: Record<string, number>;
};

/**
 * Staffing per day interval (over all days in the events): demand per zone is the mean number of
 * people in view there (the tracks' time in view over the interval's open time), each post's
 * demand is that of the zones it serves, and a post is manned when its demand reaches
 * `peoplePerPost`. Tills come from Erlang C on the interval's mean entry rate (every visitor pays),
 * with the staffed tills' service time and a wait target.
 */
export function staffing(
  table: EventTable,
  tracks: Tracks,
  opts: { peoplePerPost?: number; maxWaitS?: number } = {},
): StaffingPlan[] {
  const peoplePerPost = opts.peoplePerPost ?? 1;
  const maxWaitS = opts.maxWaitS ?? 120;
  const { repeatMs, meanItems } = table.settings;
  // Open time per interval: from its first to its last event, per day.
  const span = new Map<number, [number, number]>();
  const see = (key: number, t: number) => {
    const r = span.get(key);
    if (!r) span.set(key, [t, t]);
    else {
      r[0] = Math.min(r[0], t);
      r[1] = Math.max(r[1], t);
    }
  };
  const c = table.counts;
  for (let i = 0; i < c.length; i++)
    see((c.day[i] as number) * 3 + (c.interval[i] as number), c.t[i] as number);
  const openMs = [0, 0, 0];
  for (const [key, [a, b]] of span) openMs[key % 3] = (openMs[key % 3] as number) + (b - a);
  const inView = [0, 1, 2].map(() => new Float64Array(table.zones.length));
  for (let j = 0; j < tracks.length; j++) {
    const row = inView[tracks.interval[j] as number] as Float64Array;
    const z = tracks.zone[j] as number;
    row[z] = (row[z] as number) + trackDuration(tracks, j, repeatMs);
  }
  const entries = [0, 0, 0];
  for (let i = 0; i < c.length; i++)
    if (c.direction[i] === 1)
      entries[c.interval[i] as number] = (entries[c.interval[i] as number] as number) + (c.n[i] as number);
  const staffed = table.store.tills.filter((t) => t.kind === 'staffed');
  const mu = staffed.length
    ? 1 / (staffed.reduce((s, t) => s + serviceSeconds(t, meanItems), 0) / staffed.length)
    : Number.NaN;
  const plans: StaffingPlan[] = [];
  for (let iv = 0; iv < 3; iv++) {
    const open = openMs[iv] as number;
    if (!(open > 0)) continue;
    const zones: Record<string, number> = {};
    table.zones.forEach((z, i) => {
      zones[z] = ((inView[iv] as Float64Array)[i] as number) / open;
    });
    const posts = table.store.staffPosts
      .map((p) => {
        const demand = p.serves.reduce((s, z) => s + (zones[z] ?? 0), 0);
        return { post: p.id, demand, staffed: demand >= peoplePerPost };
      })
      .sort((a, b) => b.demand - a.demand);
    const lambda = (entries[iv] as number) / (open / 1000);
    plans.push({
      interval: intervalNames[iv] as (typeof intervalNames)[number],
      posts,
      tills: Number.isFinite(mu) ? serversNeeded(lambda, mu, maxWaitS) : 0,
      zones,
    });
  }
  return plans;
}
