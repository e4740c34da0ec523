import type { EventStore } from '../../engine/store/index.ts';
import { openEventStore } from '../../engine/store/index.ts';
import { memoryStore } from '../services.ts';
import { NatsServer } from '../uplink/natsServer.ts';
import { type RigResult, runFault } from './faultRig.ts';
import { fullDisk } from './fullDisk.ts';
import { PrivatePostgres } from './privatePostgres.ts';

// The faults of issue 10 that need no camera engine, each on services of its own (a nats-server on
// a free port, a private PostgreSQL cluster, a tmpfs), so that they disturb no other test or
// person on the machine. `npm test` runs them for seconds; `npm run soak` at full length.

export type FaultOptions = { outageMs: number; rate?: number };

/** NATS stopped (SIGTERM) during ingestion and started again on the same port and store folder. */
export async function natsOutage(o: FaultOptions): Promise<RigResult> {
  const [nats, local, cloud] = await Promise.all([NatsServer.start(), memoryStore(), memoryStore()]);
  try {
    return await runFault({
      local,
      cloud,
      natsUrl: nats.url,
      outageMs: o.outageMs,
      ...(o.rate ? { rate: o.rate } : {}),
      fault: {
        name: 'nats-stopped',
        begin: () => nats.kill('SIGTERM'),
        end: () => nats.start(),
      },
    });
  } finally {
    await Promise.all([local.close(), cloud.close(), nats.dispose()]);
  }
}

/**
 * PostgreSQL stopped during ingestion and started again: the store's outbox and the cloud's event
 * store both on it (two schemas), as with VARV_DATABASE_URL in the store and a PostgreSQL cloud.
 */
export async function postgresRestart(o: FaultOptions): Promise<RigResult> {
  const pg = await PrivatePostgres.start();
  const opened: EventStore[] = [];
  let nats: NatsServer | undefined;
  try {
    nats = await NatsServer.start();
    const local = await openEventStore({ url: pg.url, schema: 'store_side', env: {} });
    opened.push(local);
    const cloud = await openEventStore({ url: pg.url, schema: 'cloud_side', env: {} });
    opened.push(cloud);
    return await runFault({
      local,
      cloud,
      natsUrl: nats.url,
      outageMs: o.outageMs,
      ...(o.rate ? { rate: o.rate } : {}),
      fault: {
        name: 'postgres-restarted',
        begin: () => pg.stop(),
        end: () => pg.start(),
      },
    });
  } finally {
    await Promise.all(opened.map((s) => s.close().catch(() => {})));
    await nats?.dispose();
    await pg.dispose(); // stops the cluster whatever happened
  }
}

/** The outbox's disk full during ingestion (tmpfs, or ENOSPC simulated at the SQL seam), then freed. */
export async function diskFull(
  o: FaultOptions,
): Promise<RigResult & { disk: 'tmpfs' | 'simulated'; why?: string }> {
  const { disk, why } = await fullDisk();
  let local: EventStore | undefined;
  let cloud: EventStore | undefined;
  let nats: NatsServer | undefined;
  try {
    [local, cloud, nats] = await Promise.all([disk.open(), memoryStore(), NatsServer.start()]);
    const r = await runFault({
      local,
      cloud,
      natsUrl: nats.url,
      outageMs: o.outageMs,
      ...(o.rate ? { rate: o.rate } : {}),
      fault: { name: 'disk-full', begin: () => disk.fill(), end: () => disk.free() },
    });
    return { ...r, disk: disk.kind, ...(why ? { why } : {}) };
  } finally {
    await Promise.all([local?.close(), cloud?.close(), nats?.dispose()]);
    disk.dispose();
  }
}
