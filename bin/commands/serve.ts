import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import { analyticsSettings } from '../../engine/analytics/index.ts';
import type { Clock } from '../../engine/clock.ts';
import { VarvError } from '../../engine/errors.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import {
  type CalibrationReport,
  calibrate,
  genuinePairs,
  impostorPairs,
  loadStoreKey,
  type NoiseModel,
  seededRng,
} from '../../engine/privacy/index.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import { type EventStore, openEventStore } from '../../engine/store/index.ts';
import { type OutboxPump, openUplink, UplinkMetrics } from '../../engine/uplink/index.ts';
import { Vision, VisionWorkers } from '../../engine/vision/index.ts';
import { loadServeConfig, type ResolvedServeConfig, resolveTokens } from './serveConfig.ts';
import { buildTwin } from './twinBuild.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Events stamped this long ago are taken as all in (a camera's frame takes well under a second). */
const LATENESS_MS = 2000;

/**
 * The noise model fitted to the real embedder (models/calibration.json, written by
 * `varv privacy calibrate --embedder`); the quantiser is calibrated on pairs drawn from it with the
 * store's own key. Without the file: the simulator's default, with a warning.
 */
function embedderNoise(): { model: NoiseModel; from: string } {
  try {
    const fit = JSON.parse(readFileSync(`${root}models/calibration.json`, 'utf8')) as {
      noise?: { model?: NoiseModel };
    };
    if (fit.noise?.model)
      return { model: fit.noise.model, from: 'models/calibration.json (the real embedder)' };
  } catch {
    // fall through
  }
  return {
    model: { dim: 128, angle: { meanDeg: 10, sdDeg: 2.5 } },
    from: 'the default model (run varv privacy calibrate --embedder)',
  };
}

export type Serving = {
  app: FastifyInstance;
  url: string;
  engines: LiveEngine[];
  events: EventStore;
  calibration: CalibrationReport[];
  close(): Promise<void>;
};

/**
 * Starts the in-store server from a configuration: the event store, the live engine per store
 * (cameras → vision → privacy core → sightings), the uplink when configured, and the API, live
 * feed and twin over the same event store. Resolves once it listens.
 */
export async function startServing(
  c: ResolvedServeConfig,
  o: { env?: Record<string, string | undefined>; clock?: Clock; log?: (line: string) => void } = {},
): Promise<Serving> {
  const env = o.env ?? process.env;
  const clock = o.clock ?? systemClock;
  const log = o.log ?? (() => {});
  const tokens = resolveTokens(c, env);
  const events = await openEventStore({ ...c.database, env });
  const registry = new Registry();
  const engines: LiveEngine[] = [];
  const calibration: CalibrationReport[] = [];
  let pump: OutboxPump | null = null;
  let vision: Vision | VisionWorkers | null = null;
  let app: FastifyInstance | null = null;
  const close = async () => {
    await app?.close();
    await Promise.all(engines.map((e) => e.stop()));
    await pump?.stop();
    await vision?.release();
    await events.close();
  };
  try {
    // The outbox's size, failed appends and the uplink's rounds are on /metrics.
    const uplinkMetrics = new UplinkMetrics(registry);
    const outbox = uplinkMetrics.instrument(events.outbox);
    const natsUrl = c.uplink.nats ?? (env.VARV_NATS_URL || undefined);
    if (natsUrl) {
      pump = openUplink({
        outbox,
        natsUrl,
        env,
        ...uplinkMetrics.pumpHooks({ onError: (e) => log(`uplink: ${(e as Error).message}`) }),
      });
      pump.start();
    }
    const visionOptions = {
      ...(c.vision.modelDir ? { modelDir: c.vision.modelDir } : {}),
      ...(c.vision.intraOpThreads ? { threads: { intraOp: c.vision.intraOpThreads, interOp: 1 } } : {}),
    };
    vision =
      c.vision.workers > 0
        ? await VisionWorkers.open({ ...visionOptions, workers: c.vision.workers })
        : await Vision.open(visionOptions);
    const noise = embedderNoise();
    for (const s of c.stores) {
      const key = loadStoreKey(s.store.id, s.privacy, env as NodeJS.ProcessEnv);
      const rng = seededRng(`serve-calibration|${s.store.id}`);
      const report = calibrate(
        key,
        genuinePairs(noise.model, 2000, rng),
        impostorPairs(noise.model, 2000, rng),
        {
          consistency: s.privacy.consistency,
          groups: s.privacy.groups,
        },
      );
      calibration.push(report);
      log(
        `${s.store.id}: quantiser calibrated on ${noise.from}: consistency ${report.genuine.p.toFixed(2)} (95% CI ${report.genuine.lo.toFixed(2)}–${report.genuine.hi.toFixed(2)}) for a target of ${s.privacy.consistency}`,
      );
      const highest = await events.highestSeq(s.store.id);
      const engine = new LiveEngine({
        store: s.store,
        privacy: {
          key,
          quantizer: report.quantizer,
          groups: s.privacy.groups,
          rotation: s.privacy.rotation,
          intervals: s.privacy.intervals,
        },
        vision,
        cameras: s.cameras,
        clock,
        registry,
        firstSeq: highest === null ? 0 : highest + 1,
        sink: async (batch) => {
          // With an uplink the events go through the outbox (stored and queued in one transaction).
          if (pump) {
            await outbox.append(batch);
            pump.wake();
          } else await events.insert(batch);
        },
        onError: (e, camera) => log(`${camera ?? s.store.id}: ${e.message} [${e.code}]`),
      });
      engines.push(engine);
    }
    const source = new StoreSource({
      mode: 'live',
      stores: c.stores.map((s) => ({ layout: s.store, settings: analyticsSettings(s.privacy) })),
      events,
      now: () => clock.now() - LATENESS_MS,
    });
    const byCamera = new Map(
      engines.flatMap((e, i) => (c.stores[i]?.cameras ?? []).map((cam) => [cam.id, e])),
    );
    app = await buildServer({
      source,
      auth: new TokenAuth(tokens),
      twinDir: await buildTwin(root),
      metrics: registry,
      ...(c.tls ? { tls: { cert: readFileSync(c.tls.cert), key: readFileSync(c.tls.key) } } : {}),
      cameras: {
        accepts: (camera) => byCamera.get(camera)?.accepts(camera) ?? false,
        push: (camera, bytes) => {
          const engine = byCamera.get(camera);
          if (!engine) throw new VarvError('E_CAMERA', `no camera "${camera}"`);
          return engine.push(camera, bytes);
        },
      },
    });
    await app.listen({ host: c.listen.host, port: c.listen.port });
    for (const e of engines) e.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : c.listen.port;
    const host = c.listen.host === '0.0.0.0' ? '127.0.0.1' : c.listen.host;
    return {
      app,
      url: `${c.tls ? 'https' : 'http'}://${host}:${port}/`,
      engines,
      events,
      calibration,
      close,
    };
  } catch (e) {
    await close().catch(() => {});
    throw e;
  }
}

/** `varv serve --config <file>`: the live engine with real cameras, the API and the twin. */
export async function serveCommand(o: { config: string }): Promise<void> {
  const config = loadServeConfig(o.config);
  const serving = await startServing(config, { log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(
    `Varv serving ${config.stores.map((s) => s.store.name).join(', ')} live (${serving.engines.reduce((n, e) => n + e.stats().cameras.length, 0)} cameras)\n` +
      `open ${serving.url}#token=<a manager token>\n` +
      'Ctrl-C stops.\n',
  );
  const stop = async () => {
    await serving.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
