import { quantileSorted } from 'd3-array';
import { release } from '../privacy/index.ts';
import type { CollisionRate } from './collisionRate.ts';
import type { EventTable } from './eventTable.ts';
import { type Tracks, trackDuration } from './tracks.ts';
import { insidePolygon, viewOf } from './viewOf.ts';

/** Interest in one object (display) or zone. */
export type Interest = {
  id: string;
  kind: 'object' | 'zone';
  /** The cameras it is measured with, and the share of its floor they see (objects). */
  cameras: string[];
  coverage: number;
  /** People seen (passers-by), those who stayed in view at least one sighting period (stoppers), and their ratio. */
  passers: number | null;
  stoppers: number | null;
  attraction: number | null;
  /** Quartiles and 90th percentile of the stoppers' time in view (ms). */
  dwellMs: { p25: number; p50: number; p75: number; p90: number } | null;
};

/**
 * Interest per object and per zone. An object is measured with the camera that sees its floor
 * area best (the layout's display camera where there is one: `viewOf` prefers the camera that
 * sees least besides the object); a zone with all the cameras that report in it.
 *
 * Passers-by are people seen: tracks, less the re-acquisitions (a face lost for a moment and seen
 * again starts a new track: same-group pairs of a track's end and another's start on the camera
 * within `regainMs`, less the collision background, divided by the consistency). Stoppers are
 * people in view for at least one sighting period (a second sighting) — the policy's period sets
 * the resolution, so "dwell ≥ 5 s" is read as "in view ≥ one period". Released from k groups.
 */
export function interest(
  table: EventTable,
  tracks: Tracks,
  rate: CollisionRate,
  opts: { regainMs?: number } = {},
): Interest[] {
  const regainMs = opts.regainMs ?? 15_000;
  const store = table.store;
  const camIndex = new Map(table.cameras.map((c, i) => [c, i]));
  const out: Interest[] = [];
  for (const o of store.objects) {
    const view = viewOf(store, insidePolygon(o.polygon), 0.5);
    const cams = view ? [camIndex.get(view.camera) as number] : [];
    out.push({
      ...measure(table, tracks, rate, new Set(cams), regainMs),
      id: o.id,
      kind: 'object',
      coverage: view?.coverage ?? 0,
    });
  }
  for (const [zi, zone] of table.zones.entries()) {
    const cams = new Set<number>();
    for (let j = 0; j < tracks.length; j++) if (tracks.zone[j] === zi) cams.add(tracks.camera[j] as number);
    if (!cams.size) continue;
    out.push({ ...measure(table, tracks, rate, cams, regainMs), id: zone, kind: 'zone', coverage: 1 });
  }
  return out;
}

function measure(
  table: EventTable,
  tracks: Tracks,
  rate: CollisionRate,
  cams: ReadonlySet<number>,
  regainMs: number,
): Omit<Interest, 'id' | 'kind' | 'coverage'> {
  const s = table.sightings;
  const { repeatMs, consistency: c, k } = table.settings;
  const cameras = [...cams].map((i) => table.cameras[i] as string);
  const none = { cameras, passers: null, stoppers: null, attraction: null, dwellMs: null };
  if (!cams.size) return none;
  const mine: number[] = [];
  for (let j = 0; j < tracks.length; j++) if (cams.has(tracks.camera[j] as number)) mine.push(j);
  const groups = new Set<number>();
  const dwell: number[] = [];
  for (const j of mine) {
    groups.add(s.group[tracks.first[j] as number] as number);
    if ((tracks.size[j] as number) >= 2) dwell.push(trackDuration(tracks, j, repeatMs));
  }
  // Re-acquisitions on the same camera: a track that starts within regainMs after another ended
  // there in the same group. Per start, the chance that some other person's end in that window
  // shares its group is 1 − (1 − q)^(ends in the window); what is left over, divided by the
  // consistency, is the starts that continue someone's earlier spell in view.
  const q = rate.q;
  const regainedAmong = (starts: readonly number[]) => {
    const ends = [...mine].sort((a, b) => (tracks.t1[a] as number) - (tracks.t1[b] as number));
    let hits = 0;
    let background = 0;
    let lo = 0;
    for (const m of starts) {
      const t = tracks.t0[m] as number;
      while (lo < ends.length && (tracks.t1[ends[lo] as number] as number) < t - regainMs) lo++;
      let n = 0;
      let hit = false;
      for (let e = lo; e < ends.length; e++) {
        const j = ends[e] as number;
        if ((tracks.t1[j] as number) >= t) break;
        if (j === m || tracks.camera[j] !== tracks.camera[m] || tracks.interval[j] !== tracks.interval[m])
          continue;
        if (tracks.day[j] !== tracks.day[m]) continue;
        n++;
        if (s.group[tracks.last[j] as number] === s.group[tracks.first[m] as number]) hit = true;
      }
      if (hit) hits++;
      background += 1 - (1 - q) ** n;
    }
    return Math.max(0, (hits - background) / c);
  };
  const long = mine.filter((j) => (tracks.size[j] as number) >= 2);
  if (release({ value: 0, groups }, k).suppressed) return none;
  const passers = Math.max(0, mine.length - regainedAmong(mine));
  const stoppers = Math.min(passers, Math.max(0, long.length - regainedAmong(long)));
  dwell.sort((a, b) => a - b);
  const qn = (p: number) => quantileSorted(dwell, p) as number;
  return {
    cameras,
    passers,
    stoppers,
    attraction: passers > 0 ? stoppers / passers : null,
    dwellMs: dwell.length >= k ? { p25: qn(0.25), p50: qn(0.5), p75: qn(0.75), p90: qn(0.9) } : null,
  };
}
