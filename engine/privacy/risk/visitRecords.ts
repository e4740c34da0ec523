import { VarvError } from '../../errors.ts';
import type { SightingTable } from './sightingTable.ts';

/** How many of a visit's groups a record keeps (most frequent first). */
export const TOP_GROUPS = 4;
/** A visit that runs into a second day interval bridges to it with at least this many sightings there. */
export const BRIDGE_MIN_SIGHTINGS = 3;
/** Default time bucket of a trajectory point (ms). */
export const DEFAULT_BUCKET_MS = 5 * 60_000;

/**
 * The attacker's view of each visit: the released sightings of one visit summarised. The visits
 * themselves (which sightings make one visit) come from a segmentation given by the caller — in the
 * privacy lab, the simulator's truth, which makes the attacker stronger than a real one (who must
 * chain tracks by timing and group), so the risks measured on these records are upper bounds.
 */
export type VisitRecords = {
  length: number;
  /** The segmentation's visit id of each record (only visits with at least one sighting have one). */
  source: Int32Array;
  stores: string[];
  zones: string[];
  genders: string[];
  ages: string[];
  /** Store, day, interval and key epoch of the visit's first sighting. */
  store: Uint16Array;
  day: Int32Array;
  interval: Uint8Array;
  epoch: Int32Array;
  t0: Float64Array;
  t1: Float64Array;
  sightings: Int32Array;
  /**
   * The visit's groups in its first (day, interval), most frequent first (ties: lower group), as
   * TOP_GROUPS slots per record (−1 when fewer), with each group's share of those sightings. The
   * first slot is the visit's modal group.
   */
  groups: Int32Array;
  shares: Float32Array;
  /** The modal group of a second (day, interval) the visit ran into, or −1. */
  bridgeGroup: Int32Array;
  bridgeInterval: Int8Array;
  bridgeDay: Int32Array;
  bridgeEpoch: Int32Array;
  /** Majority of the sightings' released attributes (ties: lower index); −1 if none. */
  gender: Int8Array;
  age: Int8Array;
  /** Distinct (zone, time bucket) points of the visit, in time order: CSR offsets into pointZone/pointBucket. */
  pointStart: Int32Array;
  pointZone: Uint16Array;
  /** floor(t / bucketMs). */
  pointBucket: Float64Array;
  bucketMs: number;
};

/**
 * Summarises released sightings into visit records. `visitOf[i]` is the visit of sighting i (any
 * non-negative integer; −1 leaves the sighting out). Records come out ordered by visit id.
 */
export function visitRecords(
  s: SightingTable,
  visitOf: ArrayLike<number>,
  opts: { bucketMs?: number } = {},
): VisitRecords {
  const bucketMs = opts.bucketMs ?? DEFAULT_BUCKET_MS;
  if (visitOf.length !== s.length)
    throw new VarvError('E_RISK_INPUT', `visitOf has ${visitOf.length} entries for ${s.length} sightings`);
  let maxVisit = -1;
  for (let i = 0; i < s.length; i++) if ((visitOf[i] as number) > maxVisit) maxVisit = visitOf[i] as number;
  // CSR of sightings by visit.
  const count = new Int32Array(maxVisit + 2);
  for (let i = 0; i < s.length; i++) {
    const v = visitOf[i] as number;
    if (v >= 0) count[v + 1] = (count[v + 1] as number) + 1;
  }
  let n = 0;
  for (let v = 0; v <= maxVisit; v++) if ((count[v + 1] as number) > 0) n++;
  for (let v = 0; v <= maxVisit; v++) count[v + 1] = (count[v + 1] as number) + (count[v] as number);
  const start = count.slice();
  const order = new Int32Array(start[maxVisit + 1] as number);
  const fill = start.slice(0, maxVisit + 1);
  for (let i = 0; i < s.length; i++) {
    const v = visitOf[i] as number;
    if (v < 0) continue;
    const at = fill[v] as number;
    order[at] = i;
    fill[v] = at + 1;
  }

  const r: VisitRecords = {
    length: n,
    source: new Int32Array(n),
    stores: s.stores,
    zones: s.zones,
    genders: s.genders,
    ages: s.ages,
    store: new Uint16Array(n),
    day: new Int32Array(n),
    interval: new Uint8Array(n),
    epoch: new Int32Array(n),
    t0: new Float64Array(n),
    t1: new Float64Array(n),
    sightings: new Int32Array(n),
    groups: new Int32Array(n * TOP_GROUPS).fill(-1),
    shares: new Float32Array(n * TOP_GROUPS),
    bridgeGroup: new Int32Array(n).fill(-1),
    bridgeInterval: new Int8Array(n).fill(-1),
    bridgeDay: new Int32Array(n),
    bridgeEpoch: new Int32Array(n),
    gender: new Int8Array(n).fill(-1),
    age: new Int8Array(n).fill(-1),
    pointStart: new Int32Array(n + 1),
    pointZone: new Uint16Array(0),
    pointBucket: new Float64Array(0),
    bucketMs,
  };
  const pz: number[] = [];
  const pb: number[] = [];
  const groupCount = new Map<number, number>();
  const bridgeCount = new Map<number, number>();
  const gVotes = new Int32Array(Math.max(1, s.genders.length));
  const aVotes = new Int32Array(Math.max(1, s.ages.length));
  const seenPoints = new Set<number>();
  let k = 0;
  for (let v = 0; v <= maxVisit; v++) {
    const from = start[v] as number;
    const to = start[v + 1] as number;
    if (to === from) continue;
    const rows = Array.from(order.subarray(from, to)).sort((a, b) => (s.t[a] as number) - (s.t[b] as number));
    const first = rows[0] as number;
    r.source[k] = v;
    r.store[k] = s.store[first] as number;
    r.day[k] = s.day[first] as number;
    r.interval[k] = s.interval[first] as number;
    r.epoch[k] = s.epoch[first] as number;
    r.t0[k] = s.t[first] as number;
    r.t1[k] = s.t[rows[rows.length - 1] as number] as number;
    r.sightings[k] = rows.length;
    groupCount.clear();
    bridgeCount.clear();
    gVotes.fill(0);
    aVotes.fill(0);
    seenPoints.clear();
    let inFirst = 0;
    let bridgeKey = -1;
    for (const i of rows) {
      const sameSlot = s.day[i] === s.day[first] && s.interval[i] === s.interval[first];
      const g = s.group[i] as number;
      if (sameSlot) {
        inFirst++;
        groupCount.set(g, (groupCount.get(g) ?? 0) + 1);
      } else {
        // The second slot is the first one met after the first slot.
        const key = (s.day[i] as number) * 3 + (s.interval[i] as number);
        if (bridgeKey === -1) {
          bridgeKey = key;
          r.bridgeDay[k] = s.day[i] as number;
          r.bridgeInterval[k] = s.interval[i] as number;
          r.bridgeEpoch[k] = s.epoch[i] as number;
        }
        if (key === bridgeKey) bridgeCount.set(g, (bridgeCount.get(g) ?? 0) + 1);
      }
      const ge = s.gender[i] as number;
      if (ge >= 0) gVotes[ge] = (gVotes[ge] as number) + 1;
      const ag = s.age[i] as number;
      if (ag >= 0) aVotes[ag] = (aVotes[ag] as number) + 1;
      const bucket = Math.floor((s.t[i] as number) / bucketMs);
      const pk = bucket * 65_536 + (s.zone[i] as number);
      if (!seenPoints.has(pk)) {
        seenPoints.add(pk);
        pz.push(s.zone[i] as number);
        pb.push(bucket);
      }
    }
    const top = [...groupCount].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (let j = 0; j < Math.min(TOP_GROUPS, top.length); j++) {
      const [g, c] = top[j] as [number, number];
      r.groups[k * TOP_GROUPS + j] = g;
      r.shares[k * TOP_GROUPS + j] = c / inFirst;
    }
    let bridged = 0;
    let best = -1;
    let bestC = 0;
    for (const [g, c] of bridgeCount) {
      bridged += c;
      if (c > bestC || (c === bestC && g < best)) {
        best = g;
        bestC = c;
      }
    }
    if (bridged >= BRIDGE_MIN_SIGHTINGS) r.bridgeGroup[k] = best;
    else r.bridgeInterval[k] = -1;
    r.gender[k] = argmax(gVotes);
    r.age[k] = argmax(aVotes);
    r.pointStart[k + 1] = pz.length;
    k++;
  }
  r.pointZone = Uint16Array.from(pz);
  r.pointBucket = Float64Array.from(pb);
  return r;
}

/** The index of the largest count (the lowest on ties), or −1 when all are zero. */
function argmax(votes: Int32Array): number {
  let best = -1;
  let bestC = 0;
  for (let i = 0; i < votes.length; i++) {
    if ((votes[i] as number) > bestC) {
      best = i;
      bestC = votes[i] as number;
    }
  }
  return best;
}
