import type { Clock } from '../../engine/clock.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import { type EventStore, MEMORY, openEventStore } from '../../engine/store/index.ts';
import { DemoFeed } from './demoFeed.ts';

export type DemoOptions = {
  /** Simulated seconds per real second. */
  speed?: number;
  /** 'simulation' draws the synthetic shoppers; 'live' shows aggregates only, as a store would. */
  mode?: 'live' | 'simulation';
  /** Real time, which paces the replay. */
  clock?: Clock;
  /** Where the replayed events go (default: an in-memory PGlite, gone when the demo stops). */
  events?: EventStore;
  /** How often due events are written (ms of real time). */
  pumpMs?: number;
};

export type Demo = { feed: DemoFeed; events: EventStore; source: StoreSource; close(): Promise<void> };

/**
 * The demo pipeline: simulated store days → privacy core (in the workers) → event store → the
 * server's StoreSource, which reads the event store exactly as it would for a live store.
 */
export async function openDemo(scenarios: readonly string[], o: DemoOptions = {}): Promise<Demo> {
  const events = o.events ?? (await openEventStore({ dir: MEMORY }));
  const feed = new DemoFeed(scenarios, o.speed ?? 60, o.clock ? { clock: o.clock } : {});
  const mode = o.mode ?? 'simulation';
  const source = new StoreSource({
    mode,
    stores: feed.stores(),
    events,
    now: () => feed.watermark(),
    ...(mode === 'simulation' ? { agents: (store: string) => feed.agents(store) } : {}),
  });
  let failed: unknown = null;
  const timer = setInterval(() => {
    feed.pump(events).catch((e) => {
      failed ??= e;
    });
  }, o.pumpMs ?? 250);
  return {
    feed,
    events,
    source,
    async close() {
      clearInterval(timer);
      await feed.close();
      if (!o.events) await events.close();
      if (failed) throw failed;
    },
  };
}
