import type { EventTable } from './eventTable.ts';

/**
 * Tracks: the runs of one camera's sightings that the sighting policy makes of one face kept in
 * view (first sight, then one sighting every `repeatMs`). A sighting continues the track of an
 * earlier sighting on the same camera exactly one period before it (within the tolerance); when
 * several could, one in the same group is preferred. A track knows only its camera, times and
 * group IDs: it is how long someone stayed in one view, never who.
 *
 * Why timing and not the group: with the configured consistency a face keeps its group between
 * two sightings only about half of the time, while the policy's period is exact. (This also means
 * the timing of sightings links a track's sightings without the group; see the privacy note in
 * the analytics README section.)
 */
export type Tracks = {
  length: number;
  camera: Uint16Array;
  zone: Uint16Array;
  interval: Uint8Array;
  day: Int32Array;
  /** First and last sighting (time ms) and how many sightings. */
  t0: Float64Array;
  t1: Float64Array;
  size: Int32Array;
  /** Sighting index of the first and the last sighting. */
  first: Int32Array;
  last: Int32Array;
  /** Per sighting: its track, and the next sighting of that track (−1 at the end). */
  trackOf: Int32Array;
  next: Int32Array;
};

/** Chains each camera's sightings into tracks; tracks come out ordered by their first sighting. */
export function sightingTracks(table: EventTable): Tracks {
  const s = table.sightings;
  const { repeatMs, repeatToleranceMs: tol } = table.settings;
  const n = s.length;
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  // Sightings per camera, in time order.
  const byCamera: number[][] = table.cameras.map(() => []);
  for (let i = 0; i < n; i++) (byCamera[s.camera[i] as number] as number[]).push(i);
  for (const list of byCamera) {
    let lo = 0;
    for (let a = 0; a < list.length; a++) {
      const i = list[a] as number;
      const from = (s.t[i] as number) + repeatMs - tol;
      const to = (s.t[i] as number) + repeatMs + tol;
      while (lo < list.length && (s.t[list[lo] as number] as number) < from) lo++;
      let best = -1;
      for (let b = lo; b < list.length; b++) {
        const j = list[b] as number;
        if ((s.t[j] as number) > to) break;
        if (prev[j] !== -1) continue;
        if (best === -1 || (s.group[j] === s.group[i] && s.group[best] !== s.group[i])) best = j;
        if (s.group[j] === s.group[i]) break;
      }
      if (best !== -1) {
        next[i] = best;
        prev[best] = i;
      }
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) if (prev[i] === -1) count++;
  const tracks: Tracks = {
    length: count,
    camera: new Uint16Array(count),
    zone: new Uint16Array(count),
    interval: new Uint8Array(count),
    day: new Int32Array(count),
    t0: new Float64Array(count),
    t1: new Float64Array(count),
    size: new Int32Array(count),
    first: new Int32Array(count),
    last: new Int32Array(count),
    trackOf: new Int32Array(n),
    next,
  };
  // Sightings are in time order, so tracks numbered by first sighting are too.
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (prev[i] !== -1) continue;
    let j = i;
    let size = 1;
    tracks.trackOf[i] = k;
    while (next[j] !== -1) {
      j = next[j] as number;
      tracks.trackOf[j] = k;
      size++;
    }
    tracks.camera[k] = s.camera[i] as number;
    tracks.zone[k] = s.zone[i] as number;
    tracks.interval[k] = s.interval[i] as number;
    tracks.day[k] = s.day[i] as number;
    tracks.t0[k] = s.t[i] as number;
    tracks.t1[k] = s.t[j] as number;
    tracks.size[k] = size;
    tracks.first[k] = i;
    tracks.last[k] = j;
    k++;
  }
  return tracks;
}

/**
 * How long a track's face was in view (ms): from the first sighting to the last, plus half a
 * period (after its last sighting a face stays in view for up to one more period, evenly).
 */
export function trackDuration(tracks: Tracks, k: number, repeatMs: number): number {
  return (tracks.t1[k] as number) - (tracks.t0[k] as number) + repeatMs / 2;
}
