import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { systemClock } from '../../engine/adapters/systemClock.ts';
import type { VarvEvent } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { MEMORY, openEventStore } from '../../engine/store/index.ts';
import { Vision } from '../../engine/vision/index.ts';
import { openDemo } from '../../scenarios/demo/openDemo.ts';
import { liveStore, PRIVACY } from '../live/fixtures.ts';
import type { SoakStage } from './soakReport.ts';

// The load stages of `npm run soak` (issue #10): the engine with 16 camera streams for 10 minutes,
// and the server with 200 live-feed clients. Each reports what it measured; `loadHeld` is whether
// the limits held (memory flat within 10% after warm-up, under 1% of frames dropped; every client
// fed), honestly false where this machine cannot carry the load.

/** `ws` (a dependency of @fastify/websocket, which ships no declarations of its own here). */
type Socket = { on(event: string, listener: (data: Buffer) => void): void; terminate(): void };
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;

const DEMO = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : null;
};

/** 640 × 480 JPEGs of the sample photographs, as cameras would send them. */
async function cameraFrames(): Promise<Buffer[]> {
  return Promise.all(
    [1, 2, 3, 4, 5, 6].map((n) =>
      sharp(readFileSync(join(DEMO, `sample${n}.jpg`)))
        .resize(640, 480, { fit: 'cover' })
        .jpeg({ quality: 80 })
        .toBuffer(),
    ),
  );
}

export const loadStages: SoakStage[] = [
  {
    name: 'camera-load',
    run: async ({ quick }) => {
      const cameras = Number(process.env.VARV_SOAK_CAMERAS ?? 16);
      const fps = 10;
      const seconds = Number(process.env.VARV_SOAK_LOAD_S ?? (quick ? 40 : 600));
      const warmup = Math.min(60, seconds / 4);
      const frames = await cameraFrames();
      const vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
      const store = await openEventStore({ dir: MEMORY });
      const latencies: number[] = [];
      let accepted = 0;
      const ids = Array.from({ length: cameras }, (_, i) => `cam-${i}`);
      const layout = liveStore(ids.map((id) => ({ id, class: 'entrance' })));
      const engine = new LiveEngine({
        store: layout,
        privacy: PRIVACY,
        vision,
        cameras: ids.map((id) => ({ id, source: { kind: 'push' as const }, queue: 4 })),
        sink: async (batch: readonly VarvEvent[]) => {
          const now = Date.now();
          for (const e of batch) if (e.type === 'sighting') latencies.push(now - e.t);
          accepted += (await store.insert(batch)).inserted;
        },
        clock: systemClock,
        healthEveryS: 0,
      });
      engine.start();
      const rss: { t: number; mb: number }[] = [];
      const t0 = Date.now();
      let k = 0;
      try {
        // Every camera pushes a frame every 1/fps s (each a fresh copy: the engine wipes what it took).
        while (Date.now() - t0 < seconds * 1000) {
          const tick = Date.now();
          for (const id of ids) engine.push(id, Buffer.from(frames[k++ % frames.length] as Buffer));
          if ((tick - t0) % 10_000 < 1000 / fps) rss.push({ t: (tick - t0) / 1000, mb: rssMb() });
          await sleep(Math.max(0, 1000 / fps - (Date.now() - tick)));
        }
        await engine.idle();
      } finally {
        await engine.stop();
        await vision.release();
      }
      const stats = engine.stats().cameras;
      const inn = stats.reduce((n, c) => n + c.queue.in, 0);
      const dropped = stats.reduce((n, c) => n + c.queue.dropped, 0);
      const held = await store.events(layout.id);
      await store.close();
      const after = rss.filter((r) => r.t >= warmup);
      const first = after[0]?.mb ?? rssMb();
      const peak = Math.max(...after.map((r) => r.mb), first);
      const growth = (peak - first) / first;
      const dropShare = inn ? dropped / inn : 0;
      const seqs = new Set(held.map((e) => e.seq));
      return {
        loadHeld: growth <= 0.1 && dropShare <= 0.01,
        eventsAccepted: accepted,
        eventsLost: accepted - held.length,
        eventsDuplicated: held.length - seqs.size,
        detail: {
          cameras,
          fps,
          seconds,
          framesIn: inn,
          framesDropped: dropped,
          dropShare: +dropShare.toFixed(4),
          framesProcessedPerS: +((inn - dropped) / seconds).toFixed(1),
          frameToEventMs: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) },
          rssMb: { afterWarmup: first, peak, growthShare: +growth.toFixed(3) },
          lifetimesMs: engine.stats().lifetimes,
        },
      };
    },
  },
  {
    name: 'live-feed-clients',
    run: async ({ quick }) => {
      const clients = Number(process.env.VARV_SOAK_CLIENTS ?? 200);
      const seconds = quick ? 15 : 120;
      const demo = await openDemo(['scenarios/runs/demo-grocery-day.json'], { speed: 60, mode: 'live' });
      const token = TokenAuth.mint();
      const app = await buildServer({
        source: demo.source,
        auth: new TokenAuth([{ token, role: 'manager' }]),
        rateLimit: false,
      });
      const received = new Array<number>(clients).fill(0);
      const bytes = new Array<number>(clients).fill(0);
      let errors = 0;
      const sockets: Socket[] = [];
      try {
        await app.listen({ host: '127.0.0.1', port: 0 });
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        await sleep(3000); // the simulation gets ahead of the replay
        const rss0 = rssMb();
        for (let i = 0; i < clients; i++) {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?store=demo-grocery&token=${token}`);
          ws.on('message', (d) => {
            received[i] = (received[i] as number) + 1;
            bytes[i] = (bytes[i] as number) + d.length;
          });
          ws.on('error', () => {
            errors++;
          });
          sockets.push(ws);
        }
        await sleep(seconds * 1000);
        const rss1 = rssMb();
        // One tick per second per client, less the first second and the hello.
        const expected = seconds - 2;
        const fed = received.filter((n) => n >= expected * 0.9).length;
        return {
          loadHeld: errors === 0 && fed === clients,
          detail: {
            clients,
            seconds,
            clientsFed: fed,
            errors,
            messagesPerClient: { min: Math.min(...received), median: quantile(received, 0.5) },
            bytesPerClientPerS: Math.round((quantile(bytes, 0.5) ?? 0) / seconds),
            rssMb: { before: rss0, after: rss1 },
          },
        };
      } finally {
        for (const s of sockets) s.terminate();
        await app.close();
        await demo.close();
      }
    },
  },
];
