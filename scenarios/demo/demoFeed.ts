import type { Worker } from 'node:worker_threads';
import { DateTime } from 'luxon';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import { startTsWorker } from '../../engine/adapters/tsWorker.ts';
import type { Clock } from '../../engine/clock.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { loadScenarioFile, type StoreLayout } from '../../engine/layout/index.ts';
import type { LiveSource, SimulatedAgents } from '../../engine/server/app.ts';
import { type RangeKpis, rangeKpis } from '../../engine/server/kpis.ts';
import { LiveState, type LiveTick } from '../../engine/server/liveState.ts';
import type { FloorFrame, SimBatch } from './simWorker.ts';

type Run = {
  store: StoreLayout;
  k: number;
  worker: Worker;
  events: (SightingV1 | CountV1)[];
  frames: FloorFrame[];
  done: boolean;
  /** Everything up to this moment has been received from the worker. */
  horizon: number;
};

/**
 * The demo as a live source: store-day scenarios simulated in worker threads (through the privacy
 * core, as always) and replayed on an accelerated clock, so that the server and the twin see
 * events arrive as they would from a store. Only events up to the demo clock are visible.
 */
export class DemoFeed implements LiveSource {
  /**
   * 'simulation' (the demo): the synthetic shoppers' positions are shown too; 'live': the replay
   * stands in for a store's live engine and gives aggregates only, as a live store would.
   */
  readonly mode: 'live' | 'simulation';
  private readonly runs = new Map<string, Run>();
  /** Real time, which paces the replay. */
  private readonly clock: Clock;
  /** The demo clock read `origin` (the earliest opening) at real time `started`. */
  private origin = Number.POSITIVE_INFINITY;
  private readonly started: number;

  /** `speed`: simulated seconds per real second. */
  constructor(
    scenarios: readonly string[],
    readonly speed = 60,
    opts: { mode?: 'live' | 'simulation'; clock?: Clock } = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.mode = opts.mode ?? 'simulation';
    for (const file of scenarios) {
      const sc = loadScenarioFile(file);
      if (!('start' in sc.clock)) throw new Error(`${file} is not a store day`);
      const worker = startTsWorker(new URL('./simWorker.ts', import.meta.url), { scenario: file });
      const run: Run = {
        store: sc.store,
        k: sc.privacy?.k ?? 5,
        worker,
        events: [],
        frames: [],
        done: false,
        horizon: Number.NEGATIVE_INFINITY,
      };
      worker.on('message', (m: SimBatch) => {
        if (m.type === 'done') run.done = true;
        else {
          for (const e of m.events) run.events.push(e);
          for (const f of m.frames) run.frames.push(f);
          run.horizon = Math.max(run.horizon, m.horizon);
        }
      });
      worker.unref();
      this.runs.set(sc.store.id, run);
      const open = DateTime.fromISO(`${sc.clock.date}T${sc.clock.start}`, {
        zone: sc.store.timezone,
      }).toMillis();
      this.origin = Math.min(this.origin, open);
    }
    this.started = this.clock.now();
  }

  stores(): StoreLayout[] {
    return [...this.runs.values()].map((r) => r.store);
  }

  /**
   * The demo clock: the earliest opening plus real time elapsed × speed, held back to what every
   * store's simulation has produced (a busy machine must not show a moment whose events have not
   * been simulated yet, or the same moment would read differently later).
   */
  now(): number {
    let t = this.origin + (this.clock.now() - this.started) * this.speed;
    for (const r of this.runs.values()) if (!r.done) t = Math.min(t, r.horizon);
    return t;
  }

  range(store: string): { from: number; to: number } | null {
    const r = this.runs.get(store);
    const first = r?.events[0];
    if (!r || !first || first.t > this.now()) return null;
    return { from: first.t, to: Math.min(this.now(), (r.events.at(-1) as SightingV1 | CountV1).t) };
  }

  /** Events of a store visible at time t (those up to t), from the start of t's day. */
  private visible(store: string, t: number) {
    const r = this.runs.get(store);
    if (!r) throw new Error(`no store "${store}"`);
    const end = upperBound(r.events, Math.min(t, this.now()));
    const dayStart = DateTime.fromMillis(t, { zone: r.store.timezone }).startOf('day').toMillis();
    const start = upperBound(r.events, dayStart - 1);
    return { r, events: r.events.slice(start, end) };
  }

  tickAt(store: string, t: number): LiveTick {
    const { r, events } = this.visible(store, t);
    const state = new LiveState(r.store, r.k);
    // The visible events all fall on t's local day.
    const date = DateTime.fromMillis(t, { zone: r.store.timezone }).toISODate() as string;
    for (const e of events) state.add(e, date);
    return state.tick(Math.min(t, this.now()));
  }

  kpis(store: string, from: number, to: number): RangeKpis {
    const { events } = this.visible(store, to);
    return rangeKpis(store, events, from, Math.min(to, this.now()));
  }

  agents(store: string): SimulatedAgents | null {
    const r = this.runs.get(store);
    if (!r || this.mode !== 'simulation') return null;
    const t = this.now();
    const i = upperBound(r.frames, t) - 1;
    const f = r.frames[i];
    // No frame in the last 2 s: the floor is empty.
    if (!f || t - f.t > 2000) return { type: 'agents', simulated: true, store, t, ids: [], xy: [] };
    return {
      type: 'agents',
      simulated: true,
      store,
      t: f.t,
      ids: Array.from(f.ids),
      xy: Array.from(f.xy, (v) => Math.round(v * 100) / 100),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.runs.values()].map((r) => r.worker.terminate()));
  }
}

/** Index of the first item with t > x (items sorted by t). */
function upperBound(items: readonly { t: number }[], x: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid] as { t: number }).t <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
