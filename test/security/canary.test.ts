import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEngine } from '../../engine/live/index.ts';
import { buildServer } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { StoreSource } from '../../engine/server/storeSource.ts';
import { type EventStore, openEventStore } from '../../engine/store/index.ts';
import { JetStreamTransport, OutboxPump } from '../../engine/uplink/index.ts';
import type { StreamSpec } from '../../engine/uplink/nats.ts';
import { type FaceDescription, type FacePatch, Vision } from '../../engine/vision/index.ts';
import { liveStore, PRIVACY, sampleJpeg, TestClock } from '../live/fixtures.ts';
import { natsSkip, TEST_NATS_URL } from '../services.ts';

// The canary (issue #10): a frame carrying a recognisable pixel pattern and a face whose embedding
// is replaced by a recognisable vector goes through the whole in-store path — push endpoint, live
// engine, privacy core, event store (PGlite on disk), outbox, JetStream uplink, API, live feed and
// logs. Then every file the store wrote, every log line, every database row (the raw pages on
// disk and the events read back), every NATS message and every HTTP and WebSocket reply is
// searched for the pattern and the vector, as bytes and as text. Neither may appear anywhere.

const skip = await natsSkip();

/** The canary colour, painted as a 96 × 96 block into the frame (JPEG keeps a flat block within ±3). */
const CANARY_RGB = [19, 201, 77] as const;
/** The canary embedding: unit length, each value a recognisable function of its index. */
function canaryEmbedding(dim: number): Float32Array {
  const v = new Float32Array(dim);
  for (let i = 0; i < dim; i++) v[i] = 0.0123456 + ((i * 7919) % 1000) * 1e-6;
  const n = Math.hypot(...v);
  for (let i = 0; i < dim; i++) v[i] = (v[i] as number) / n;
  return v;
}

/** Runs of ≥ 12 pixels within ±4 of the canary colour, anywhere in a byte buffer (any alignment). */
function hasPixelRun(bytes: Uint8Array): boolean {
  const [r, g, b] = CANARY_RGB;
  let run = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (
      Math.abs((bytes[i] as number) - r) <= 4 &&
      Math.abs((bytes[i + 1] as number) - g) <= 4 &&
      Math.abs((bytes[i + 2] as number) - b) <= 4
    ) {
      run++;
      if (run >= 12) return true;
      i += 2;
    } else run = 0;
  }
  return false;
}

/** The embedding's float32 bytes (any 4 consecutive values) or its values as decimal text. */
function embeddingNeedles(e: Float32Array): { bytes: Buffer[]; text: string[] } {
  const raw = Buffer.from(e.buffer, e.byteOffset, e.byteLength);
  const bytes = [0, 100, 500, 1000].map((i) => raw.subarray(i * 4, i * 4 + 16));
  const text = [0, 1, 2, 500].flatMap((i) => [(e[i] as number).toString(), (e[i] as number).toFixed(6)]);
  return { bytes, text };
}

function found(hay: Uint8Array | string, needles: { bytes: Buffer[]; text: string[] }): string | null {
  const buf =
    typeof hay === 'string' ? Buffer.from(hay) : Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
  for (const n of needles.bytes)
    if (buf.indexOf(n) >= 0) return `embedding bytes ${n.toString('hex').slice(0, 16)}…`;
  const s = typeof hay === 'string' ? hay : buf.toString('latin1');
  for (const t of needles.text) if (s.includes(t)) return `embedding value ${t}`;
  if (hasPixelRun(buf)) return 'canary pixels';
  return null;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe.skipIf(skip)('the canary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'varv-canary-'));
  let vision: Vision;
  let events: EventStore;
  beforeAll(async () => {
    vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
    events = await openEventStore({ dir: join(dir, 'events'), env: {} });
  });
  afterAll(async () => {
    await events?.close();
    await vision?.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appears in no file, log line, database row or network message', async () => {
    // The frame: a sample photograph with the canary block in its top-left corner.
    const photo = await sampleJpeg(1);
    const frame = await sharp(photo)
      .composite([
        {
          input: await sharp({
            create: {
              width: 96,
              height: 96,
              channels: 3,
              background: { r: CANARY_RGB[0], g: CANARY_RGB[1], b: CANARY_RGB[2] },
            },
          })
            .png()
            .toBuffer(),
          left: 0,
          top: 0,
        },
      ])
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(hasPixelRun((await sharp(frame).raw().toBuffer()).subarray(0, 640 * 3 * 10))).toBe(true);

    // The vision's describer returns the canary embedding; what it handed out is kept to check the wipe.
    const canary = canaryEmbedding(1024);
    const needles = embeddingNeedles(canary);
    const handed: Float32Array[] = [];
    const patches: FacePatch[] = [];
    const describe = vision.describePatch.bind(vision);
    vision.describePatch = async (patch: FacePatch): Promise<FaceDescription> => {
      patches.push(patch);
      const d = await describe(patch);
      d.embedding.set(canary);
      handed.push(d.embedding);
      return d;
    };

    // Logs: the server's request log, the engine's errors, the uplink's errors.
    const logs: string[] = [];
    const log = { write: (line: string) => void logs.push(line) };
    const clock = new TestClock();
    const prefix = `varv-canary-${process.pid}`;
    const stream: StreamSpec = {
      name: prefix.toUpperCase().replace(/-/g, '_'),
      subjectPrefix: prefix,
      duplicateWindowMs: 60_000,
      maxAgeMs: 600_000,
    };
    // Network: every message on the uplink's subjects, as the broker delivers it.
    const wire: Uint8Array[] = [];
    const nc = await connect({ servers: TEST_NATS_URL });
    const sub = nc.subscribe(`${prefix}.>`, { callback: (_e, m) => void wire.push(m.data) });
    const pump = new OutboxPump(events.outbox, new JetStreamTransport(TEST_NATS_URL, { stream }), {
      idleMs: 50,
      onError: (e) => logs.push(String(e)),
    });
    const engine = new LiveEngine({
      store: liveStore(),
      privacy: PRIVACY,
      vision,
      cameras: [{ id: 'cam-push', source: { kind: 'push' } }],
      sink: async (batch) => {
        await events.outbox.append(batch);
        pump.wake();
      },
      clock,
      healthEveryS: 0,
      onError: (e, cam) => logs.push(`${cam}: ${e.message}`),
    });
    const auth = new TokenAuth([
      { token: 'cam', role: 'camera', camera: 'cam-push' },
      { token: 'admin', role: 'admin' },
    ]);
    const source = new StoreSource({
      mode: 'live',
      stores: [{ layout: liveStore() }],
      events,
      now: () => clock.now() + 1,
    });
    const app = await buildServer({
      source,
      auth,
      cameras: engine,
      logger: { level: 'trace', stream: log },
      tickMs: 50,
    });
    const replies: string[] = [];
    try {
      pump.start();
      engine.start();
      for (let i = 0; i < 3; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/cameras/cam-push/frames',
          payload: Buffer.from(frame),
          headers: { 'content-type': 'image/jpeg', authorization: 'Bearer cam' },
        });
        replies.push(r.body);
        expect(r.statusCode, r.body).toBe(202);
        await engine.idle();
        clock.advance(11_000);
      }
      await engine.reportHealth();
      // Everything out: the outbox drains to the broker.
      await expect.poll(() => events.outbox.size(), { timeout: 30_000 }).toBe(0);
      await nc.flush();

      // The API and the live feed, as a manager's browser would read them.
      for (const path of [
        '/api/stores',
        '/api/stores/live-shop/layout',
        `/api/stores/live-shop/kpis?from=${clock.now() - 3_600_000}`,
        `/api/stores/live-shop/replay?t=${clock.now()}`,
        '/api/stores/live-shop/report',
        '/api/stores/live-shop/report?format=html',
        '/metrics',
      ]) {
        const r = await app.inject({ url: path, headers: { authorization: 'Bearer admin' } });
        expect(r.statusCode, path).toBe(200);
        replies.push(r.body);
      }
      const ws = await app.injectWS('/api/live?store=live-shop&token=admin');
      const frames: string[] = [];
      ws.on('message', (m: Buffer) => frames.push(m.toString()));
      await expect.poll(() => frames.length, { timeout: 10_000 }).toBeGreaterThan(2);
      ws.terminate();
      replies.push(...frames);
    } finally {
      await engine.stop();
      await pump.stop();
      await app.close();
      sub.unsubscribe();
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(stream.name).catch(() => {});
      await nc.close();
    }

    // The canary did go through: three faces embedded, every buffer handed out now zero.
    expect(handed.length).toBe(3);
    for (const e of handed) expect(e.every((x) => x === 0)).toBe(true);
    for (const p of patches) expect(p.pixels.data.every((x) => x === 0)).toBe(true);
    const stored = await events.events('live-shop');
    expect(stored.filter((e) => e.type === 'sighting').length).toBe(9);
    expect(wire.length).toBeGreaterThanOrEqual(stored.length);
    expect(logs.length).toBeGreaterThan(0);

    // …and left no trace.
    await events.close();
    const files = filesUnder(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(found(readFileSync(f), needles), f).toBeNull();
    for (const line of logs) expect(found(line, needles), line.slice(0, 120)).toBeNull();
    for (const m of wire) expect(found(m, needles), 'a NATS message').toBeNull();
    for (const r of replies) expect(found(r, needles), r.slice(0, 120)).toBeNull();
    events = await openEventStore({ dir: join(dir, 'events'), env: {} });
    expect(found(JSON.stringify(await events.events('live-shop')), needles)).toBeNull();

    // The search itself finds the canary where it is (so the checks above can fail).
    expect(found(Buffer.from(canary.buffer), needles)).not.toBeNull();
    expect(found(JSON.stringify(Array.from(canary)), needles)).not.toBeNull();
    expect(found(await sharp(frame).raw().toBuffer(), needles)).toBe('canary pixels');
  }, 180_000);
});
