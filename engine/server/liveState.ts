import { alongPolyline, insidePolygon, viewOf } from '../analytics/index.ts';
import type { CountV1, SightingV1 } from '../events/index.ts';
import type { StoreLayout } from '../layout/index.ts';

/** What the live feed says about one store at one moment: aggregates only, never a person. */
export type LiveTick = {
  type: 'tick';
  store: string;
  /** Store clock, epoch ms. */
  t: number;
  /** People inside now (door counts in − out) and come in today. */
  visitorsNow: number;
  visitorsToday: number;
  /** People seen per zone in the last minute; null where fewer than k (suppressed). */
  zones: Record<string, number | null>;
  /** Per till: people seen in its line in the last half minute (null below k) and the wait that implies (s). */
  tills: Record<string, { line: number | null; waitS: number | null }>;
  /** Moves between zones in the last 15 minutes, only those made by at least k. */
  flows: { from: string; to: string; n: number }[];
  /** Per display, people who stopped (seen at least twice, ≥ 10 s apart) in the last 15 minutes; null below k. */
  interest: Record<string, number | null>;
  alerts: string[];
};

const MINUTE = 60_000;
const ZONE_WINDOW = MINUTE;
const LINE_WINDOW = 30_000;
/** Flows and interest look back this far; older sightings are forgotten. */
export const FLOW_WINDOW_MS = 15 * MINUTE;
/** Two sightings of one group further apart than this are not one walk from zone to zone. */
const FLOW_GAP = 2 * MINUTE;
/** Alert when a till's implied wait passes this (s). */
const WAIT_ALERT_S = 180;

type Seen = { t: number; zone: string; camera: string; key: string };

/**
 * The live picture of a store, fed the store's events in time order. Everything it releases is an
 * aggregate over group IDs (which collide on purpose) under the k-threshold; the individual
 * sightings stay inside. Counts of groups slightly undercount people when two share a group.
 */
export class LiveState {
  private readonly seen: Seen[] = [];
  private inToday = 0;
  private outToday = 0;
  private day = '';
  private readonly lineCameras: Map<string, string[]>;
  private readonly objectCameras: Map<string, string[]>;
  private readonly meanServiceS: Map<string, number>;
  private now = 0;

  constructor(
    readonly store: StoreLayout,
    readonly k = 5,
  ) {
    // A till's line is watched by the checkout camera that sees it best (a camera made for that
    // line wins over a wide one that merely includes it); a display by the camera that sees it best.
    const checkout = new Set(['checkout']);
    this.lineCameras = new Map(
      store.tills.map((till) => {
        const view = viewOf(store, alongPolyline(till.queue), 0.5, checkout);
        return [till.id, view ? [view.camera] : []];
      }),
    );
    this.objectCameras = new Map(
      store.objects.map((o) => {
        const view = viewOf(store, insidePolygon(o.polygon), 0.3);
        return [o.id, view ? [view.camera] : []];
      }),
    );
    this.meanServiceS = new Map(
      store.tills.map((t) => [
        t.id,
        'exponential_s' in t.serviceTime
          ? t.serviceTime.exponential_s
          : t.serviceTime.base_s + 10 * t.serviceTime.perItem_s,
      ]),
    );
  }

  /** Takes one event (in time order). */
  add(e: SightingV1 | CountV1, localDate: string): void {
    if (localDate !== this.day) {
      this.day = localDate;
      this.inToday = 0;
      this.outToday = 0;
    }
    this.now = Math.max(this.now, e.t);
    if (e.type === 'count') {
      if (e.direction === 'in') this.inToday += e.n;
      else this.outToday += e.n;
      return;
    }
    this.seen.push({ t: e.t, zone: e.zone, camera: e.camera, key: `${e.group}|${e.interval}` });
  }

  /** The aggregates at time t (store clock); forgets sightings older than the longest window. */
  tick(t: number): LiveTick {
    this.now = Math.max(this.now, t);
    let drop = 0;
    while (drop < this.seen.length && (this.seen[drop] as Seen).t < t - FLOW_WINDOW_MS) drop++;
    if (drop) this.seen.splice(0, drop);
    const release = (n: number) => (n >= this.k ? n : null);

    const zoneGroups = new Map<string, Set<string>>(this.store.zones.map((z) => [z.id, new Set()]));
    const cameraGroups = new Map<string, Set<string>>();
    const byKey = new Map<string, Seen[]>();
    for (const s of this.seen) {
      if (s.t > t) continue;
      if (s.t >= t - ZONE_WINDOW) zoneGroups.get(s.zone)?.add(s.key);
      if (s.t >= t - LINE_WINDOW) {
        const set = cameraGroups.get(s.camera) ?? new Set<string>();
        cameraGroups.set(s.camera, set);
        set.add(s.key);
      }
      const list = byKey.get(s.key);
      if (list) list.push(s);
      else byKey.set(s.key, [s]);
    }
    const zones: LiveTick['zones'] = {};
    for (const [zone, groups] of zoneGroups) zones[zone] = release(groups.size);

    const tills: LiveTick['tills'] = {};
    const alerts: string[] = [];
    for (const till of this.store.tills) {
      const groups = new Set<string>();
      for (const cam of this.lineCameras.get(till.id) ?? [])
        for (const g of cameraGroups.get(cam) ?? []) groups.add(g);
      // A camera may watch several lines: share its people out evenly among the open lines it sees.
      const sharing = [...(this.lineCameras.get(till.id) ?? [])].reduce(
        (most, cam) =>
          Math.max(
            most,
            this.store.tills.filter((o) => o.open && (this.lineCameras.get(o.id) ?? []).includes(cam)).length,
          ),
        1,
      );
      const line = till.open ? Math.round(groups.size / sharing) : 0;
      const waitS = till.open ? line * (this.meanServiceS.get(till.id) ?? 60) : null;
      tills[till.id] = { line: release(line), waitS: line >= this.k ? waitS : null };
      if (waitS !== null && line >= this.k && waitS > WAIT_ALERT_S) {
        const closed = this.store.tills.find((o) => !o.open && o.kind === 'staffed');
        alerts.push(
          `${till.id}: predicted wait ${Math.round(waitS / 60)} min${closed ? ` — open ${closed.id}` : ''}`,
        );
      }
    }

    const edges = new Map<string, number>();
    const stoppers = new Map<string, number>();
    for (const list of byKey.values()) {
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1] as Seen;
        const b = list[i] as Seen;
        if (a.zone !== b.zone && b.t - a.t <= FLOW_GAP) {
          const key = `${a.zone}\u0000${b.zone}`;
          edges.set(key, (edges.get(key) ?? 0) + 1);
        }
      }
      for (const [object, cams] of this.objectCameras) {
        const at = list.filter((s) => cams.includes(s.camera));
        if (at.length >= 2 && (at.at(-1) as Seen).t - (at[0] as Seen).t >= 10_000)
          stoppers.set(object, (stoppers.get(object) ?? 0) + 1);
      }
    }
    const flows = [...edges]
      .filter(([, n]) => n >= this.k)
      .map(([key, n]) => {
        const [from = '', to = ''] = key.split('\u0000');
        return { from, to, n };
      })
      .sort((a, b) => b.n - a.n);
    const interest: LiveTick['interest'] = {};
    for (const o of this.store.objects) interest[o.id] = release(stoppers.get(o.id) ?? 0);

    return {
      type: 'tick',
      store: this.store.id,
      t,
      visitorsNow: Math.max(0, this.inToday - this.outToday),
      visitorsToday: this.inToday,
      zones,
      tills,
      flows,
      interest,
      alerts,
    };
  }
}
