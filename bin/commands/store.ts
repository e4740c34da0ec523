import { systemClock } from '../../engine/adapters/systemClock.ts';
import { VarvError } from '../../engine/errors.ts';
import { DEFAULT_RETENTION_DAYS, type EventStore, openEventStore } from '../../engine/store/index.ts';
import type { CommandResult } from './output.ts';

type Where = { dir?: string };

/** Opens the store the environment names (VARV_DATABASE_URL, else PGlite in `dir`), migrating it. */
async function withStore<T>(o: Where, f: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(o.dir ? { dir: o.dir } : {});
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

/**
 * `varv store status`: opens the event store (running any pending migrations), and tells its
 * engine and place, schema version, the outbox's length, and per store the highest seq and how
 * many seqs below it are missing.
 */
export function storeStatusCommand(o: Where): Promise<CommandResult> {
  return withStore(o, async (store) => {
    const outbox = await store.outbox.size();
    const stores = [];
    for (const [id, highestSeq] of await store.highestSeqs()) {
      const missing = (await store.gaps(id)).reduce((n, g) => n + g.to - g.from + 1, 0);
      stores.push({ store: id, highestSeq, missing });
    }
    const lines = [
      `${store.engine} ${store.location}: schema version ${store.schemaVersion}`,
      `outbox: ${outbox} event(s) waiting to be sent`,
      ...stores.map((s) => `  ${s.store}: highest seq ${s.highestSeq}, ${s.missing} missing below it`),
    ];
    return {
      lines,
      summary: {
        command: 'store status',
        ok: true,
        engine: store.engine,
        location: store.location,
        schemaVersion: store.schemaVersion,
        outbox,
        stores,
      },
      code: 0,
    };
  });
}

/** `varv store retention`: rolls raw sightings older than `days` up per zone and hour, and deletes them. */
export function storeRetentionCommand(o: Where & { days?: number }): Promise<CommandResult> {
  const days = o.days ?? DEFAULT_RETENTION_DAYS;
  if (!(Number.isInteger(days) && days >= 0))
    return Promise.reject(new VarvError('E_USAGE', `--days expects a whole number of days ≥ 0, got ${days}`));
  return withStore(o, async (store) => {
    const r = await store.applyRetention({ now: systemClock.now(), days });
    return {
      lines: [
        `${store.engine} ${store.location}: ${r.deleted} raw sighting(s) before ${new Date(r.cutoff).toISOString()} rolled up into ${r.hours} zone-hour(s) and deleted`,
      ],
      summary: { command: 'store retention', ok: true, days, ...r },
      code: 0,
    };
  });
}
