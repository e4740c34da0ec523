import { type Point, PreparedPolygon, type StoreLayout, visibleFloor } from '../layout/index.ts';
import { type Released, release } from '../privacy/index.ts';
import type { EventTable } from './eventTable.ts';
import type { Occupancy } from './occupancy.ts';
import { type Tracks, trackDuration } from './tracks.ts';
import { alongPolyline, viewOf } from './viewOf.ts';

/** One till's line over time. */
export type TillQueue = {
  till: string;
  /** The camera that watches its line, or null (then nothing is estimated). */
  camera: string | null;
  /** Mean people in line per bin (from the bin's start, epoch ms). */
  series: { from: number; length: Released<number> }[];
  /** Time-integral of the line length (person-ms) over all the events. */
  personMs: number;
  /** The longest line seen (people, at 1 s resolution). */
  peak: number;
  /**
   * In/out pairing: the time in line of those who stood in view at least one sighting period (ms),
   * mean and median; the many who walk straight up to a free till are not in it.
   */
  waited: { n: number; meanMs: number | null; medianMs: number | null };
  /** When the line stayed at or above `formsAt` people for at least a minute: where and when queues form. */
  episodes: { from: number; to: number; peak: number }[];
};

export type Queues = {
  binMs: number;
  tills: TillQueue[];
  /** All lines together per bin. */
  total: { from: number; length: Released<number> }[];
  /**
   * Mean wait per customer by Little's law: the lines' total person-time divided by the customers
   * (every visit pays once, so the door counts give them). Null when suppressed.
   */
  meanWaitMs: number | null;
  /** Customers (people in) the mean is taken over. */
  customers: number;
};

export type QueueOptions = {
  binMs?: number;
  formsAt?: number;
  /** Walking pace (m/s) up to the end of a line, and the space (m) each person in line takes. */
  paceMps?: number;
  spacingM?: number;
};

/**
 * Queues per till from the camera that watches its line (the checkout camera whose view holds the
 * most of the till's queue polyline; the store's cameras should see the line and not the one being
 * served). A face in line yields a track, in view from its first sighting to about half a period
 * after its last. Part of that is the walk up to the line: the view reaches `depth` metres down the
 * line from its first place, and with k people already in line (other tracks in view then) the end
 * of the line is depth − k·spacing from the view's edge; customers come into a narrow view from
 * the side as well as from its far end, so the walk in view is taken as half that at `paceMps`,
 * and taken off. (A walk-through customer, who finds the till free, then counts nothing.) Line length per bin is the mean of the count in line; a bin is released when its
 * people carry at least k distinct group IDs.
 */
export function queues(table: EventTable, tracks: Tracks, occ: Occupancy, opts: QueueOptions = {}): Queues {
  const binMs = opts.binMs ?? 300_000;
  const formsAt = opts.formsAt ?? 3;
  const pace = opts.paceMps ?? 1;
  const spacing = opts.spacingM ?? 0.65;
  const { repeatMs, k } = table.settings;
  const s = table.sightings;
  const camIndex = new Map(table.cameras.map((c, i) => [c, i]));
  const totalBins = new Map<number, { personMs: number; groups: Set<number> }>();
  const tills: TillQueue[] = [];
  let personMsAll = 0;
  for (const till of table.store.tills) {
    const view = viewOf(table.store, alongPolyline(till.queue), 0.5, CHECKOUT);
    const cam = view ? camIndex.get(view.camera) : undefined;
    if (!view || cam === undefined) {
      tills.push({
        till: till.id,
        camera: null,
        series: [],
        personMs: 0,
        peak: 0,
        waited: { n: 0, meanMs: null, medianMs: null },
        episodes: [],
      });
      continue;
    }
    const depth = viewDepth(table.store, view.camera, till.queue);
    const bins = new Map<number, { personMs: number; groups: Set<number> }>();
    const mine: number[] = [];
    for (let j = 0; j < tracks.length; j++) if (tracks.camera[j] === cam) mine.push(j);
    // People already in view when each track starts (tracks are in start order).
    const ahead = new Map<number, number>();
    const active: number[] = [];
    for (const j of mine) {
      const t0 = tracks.t0[j] as number;
      for (let a = active.length - 1; a >= 0; a--)
        if (
          (tracks.t0[active[a] as number] as number) + trackDuration(tracks, active[a] as number, repeatMs) <=
          t0
        )
          active.splice(a, 1);
      ahead.set(j, active.length);
      active.push(j);
    }
    // Per-second line length for peaks and episodes: +1 where a track starts, −1 where it ends.
    const edges: [number, number][] = [];
    const waits: number[] = [];
    let personMs = 0;
    for (const j of mine) {
      // Entering the view at a uniformly random point of the way left to the end of the line.
      const walk = (Math.max(0, depth - (ahead.get(j) as number) * spacing) / pace / 2) * 1000;
      const inView = trackDuration(tracks, j, repeatMs);
      const dur = Math.max(0, inView - walk);
      const from = (tracks.t0[j] as number) + (inView - dur);
      const to = from + dur;
      if (dur <= 0) continue;
      personMs += dur;
      if ((tracks.size[j] as number) >= 2) waits.push(dur);
      edges.push([from, 1], [to, -1]);
      const groups: number[] = [];
      for (let i = tracks.first[j] as number; i !== -1; i = tracks.next[i] as number)
        groups.push(s.group[i] as number);
      for (let b = Math.floor(from / binMs) * binMs; b < to; b += binMs) {
        const part = Math.min(to, b + binMs) - Math.max(from, b);
        for (const m of [bins, totalBins]) {
          let cell = m.get(b);
          if (!cell) {
            cell = { personMs: 0, groups: new Set() };
            m.set(b, cell);
          }
          cell.personMs += part;
          for (const g of groups) cell.groups.add(g);
        }
      }
    }
    personMsAll += personMs;
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let inLine = 0;
    let peak = 0;
    const episodes: TillQueue['episodes'] = [];
    let open: { from: number; peak: number } | null = null;
    for (const [t, step] of edges) {
      inLine += step;
      peak = Math.max(peak, inLine);
      if (inLine >= formsAt && !open) open = { from: t, peak: inLine };
      if (open) open.peak = Math.max(open.peak, inLine);
      if (inLine < formsAt && open) {
        if (t - open.from >= 60_000) episodes.push({ from: open.from, to: t, peak: open.peak });
        open = null;
      }
    }
    waits.sort((a, b) => a - b);
    tills.push({
      till: till.id,
      camera: view.camera,
      series: seriesOf(bins, binMs, k),
      personMs,
      peak,
      waited: {
        n: waits.length,
        meanMs: waits.length >= k ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
        medianMs: waits.length >= k ? (waits[waits.length >> 1] as number) : null,
      },
      // An episode is about a handful of people: released only with the line's whole day at k or more.
      episodes: waits.length >= k ? episodes : [],
    });
  }
  const groupsAll = new Set<number>();
  for (const cell of totalBins.values()) for (const g of cell.groups) groupsAll.add(g);
  const customers = occ.visits;
  const wait = release({ value: customers > 0 ? personMsAll / customers : 0, groups: groupsAll.size }, k);
  return {
    binMs,
    tills,
    total: seriesOf(totalBins, binMs, k),
    meanWaitMs: customers > 0 && !wait.suppressed ? wait.value : null,
    customers,
  };
}

const CHECKOUT: ReadonlySet<string> = new Set(['checkout']);

/**
 * How far (m) from a queue line's first place the camera's view reaches along the line (and on past
 * its end in the last segment's direction, where a long line goes).
 */
export function viewDepth(
  store: Pick<StoreLayout, 'outline' | 'cameras'>,
  camera: string,
  queue: readonly Point[],
  step = 0.1,
  max = 30,
): number {
  const cam = store.cameras.find((c) => c.id === camera);
  if (!cam || queue.length < 2) return 0;
  const view = new PreparedPolygon(visibleFloor(store, cam));
  const line = alongPolyline(queue, step);
  const a = queue[queue.length - 2] as Point;
  const b = queue[queue.length - 1] as Point;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  let depth = 0;
  let seen = 0;
  for (let i = 0; i * step < max; i++) {
    const p: Point =
      i < line.length
        ? (line[i] as Point)
        : [
            b[0] + ((b[0] - a[0]) / len) * (i - line.length + 1) * step,
            b[1] + ((b[1] - a[1]) / len) * (i - line.length + 1) * step,
          ];
    if (view.contains(p[0], p[1])) seen = i * step;
    depth = seen;
  }
  return depth;
}

function seriesOf(
  bins: Map<number, { personMs: number; groups: Set<number> }>,
  binMs: number,
  k: number,
): { from: number; length: Released<number> }[] {
  return [...bins]
    .sort((a, b) => a[0] - b[0])
    .map(([from, cell]) => ({
      from,
      length: release({ value: cell.personMs / binMs, groups: cell.groups }, k),
    }));
}
