import type { Worker } from 'node:worker_threads';
import { DateTime } from 'luxon';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import { startTsWorker } from '../../engine/adapters/tsWorker.ts';
import type { AnalyticsSettings } from '../../engine/analytics/index.ts';
import type { Clock } from '../../engine/clock.ts';
import type { CountV1, SightingV1 } from '../../engine/events/index.ts';
import { loadScenarioFile, type StoreLayout } from '../../engine/layout/index.ts';
import type { SimulatedAgents } from '../../engine/server/liveSource.ts';
import type { EventStore } from '../../engine/store/index.ts';
import { scenarioSettings } from '../score/index.ts';
import type { FloorFrame, SimBatch } from './simWorker.ts';

type Run = {
  store: StoreLayout;
  settings: AnalyticsSettings;
  worker: Worker;
  events: (SightingV1 | CountV1)[];
  frames: FloorFrame[];
  done: boolean;
  /** Everything up to this moment has been received from the worker. */
  horizon: number;
  /** Index of the first event not yet written to the event store. */
  next: number;
};

/**
 * The demo's store days: scenarios simulated in worker threads (through the privacy core, as
 * always) and replayed on an accelerated clock into the event store, so that the server, the
 * analytics and the twin read events that arrive as they would from a store. `pump()` writes the
 * events that have come due; `watermark()` says up to when everything is written.
 */
export class DemoFeed {
  private readonly runs = new Map<string, Run>();
  /** Real time, which paces the replay. */
  private readonly clock: Clock;
  /** The demo clock read `origin` (the earliest opening) at real time `started`. */
  private origin = Number.POSITIVE_INFINITY;
  private readonly started: number;
  private written = Number.NEGATIVE_INFINITY;
  private pumping: Promise<number> | null = null;

  /** `speed`: simulated seconds per real second. */
  constructor(
    scenarios: readonly string[],
    readonly speed = 60,
    opts: { clock?: Clock } = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    for (const file of scenarios) {
      const sc = loadScenarioFile(file);
      if (!('start' in sc.clock)) throw new Error(`${file} is not a store day`);
      const worker = startTsWorker(new URL('./simWorker.ts', import.meta.url), { scenario: file });
      const run: Run = {
        store: sc.store,
        settings: scenarioSettings(sc),
        worker,
        events: [],
        frames: [],
        done: false,
        horizon: Number.NEGATIVE_INFINITY,
        next: 0,
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
    this.written = this.origin;
    this.started = this.clock.now();
  }

  stores(): { layout: StoreLayout; settings: AnalyticsSettings }[] {
    return [...this.runs.values()].map((r) => ({ layout: r.store, settings: r.settings }));
  }

  /**
   * The demo clock: the earliest opening plus real time elapsed × speed, held back to what every
   * store's simulation has produced (a busy machine must not show a moment whose events have not
   * been simulated yet, or the same moment would read differently later).
   */
  clockNow(): number {
    let t = this.origin + (this.clock.now() - this.started) * this.speed;
    for (const r of this.runs.values()) if (!r.done) t = Math.min(t, r.horizon);
    return t;
  }

  /** Every event up to this moment is in the event store (the earliest opening before the first pump). */
  watermark(): number {
    return this.written;
  }

  /** Writes the events that have come due on the demo clock; one pump at a time. Returns the watermark. */
  pump(into: EventStore): Promise<number> {
    if (this.pumping) return this.pumping;
    const run = this.write(into);
    this.pumping = run;
    const clear = () => {
      this.pumping = null;
    };
    run.then(clear, clear);
    return run;
  }

  private async write(into: EventStore): Promise<number> {
    const target = this.clockNow();
    for (const r of this.runs.values()) {
      const end = upperBound(r.events, target);
      for (let i = r.next; i < end; i += 5000) await into.insert(r.events.slice(i, Math.min(end, i + 5000)));
      r.next = Math.max(r.next, end);
    }
    if (target > this.written) this.written = target;
    return this.written;
  }

  /** The synthetic shoppers on the floor at the watermark (simulation mode shows them). */
  agents(store: string): SimulatedAgents | null {
    const r = this.runs.get(store);
    if (!r) return null;
    const t = this.written;
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
    await this.pumping?.catch(() => {});
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
