// The ingestion that test/live/noDiskWrites.test.ts watches, run as a process of its own (under
// strace when the machine has it). Everything is loaded and prepared first; then it marks the
// start with a lookup of a path that cannot exist (the trace shows it), pushes JPEGs over a real
// HTTP socket, plays an MJPEG clip through ffmpeg and a folder, waits for all of it to become
// events, marks the end, and prints a summary as its last line of output.

import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { cameraPush } from '../../engine/capture/index.ts';
import type { VarvEvent } from '../../engine/events/index.ts';
import { LiveEngine } from '../../engine/live/index.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { Vision } from '../../engine/vision/index.ts';
import { liveStore, PRIVACY, TestClock } from './fixtures.ts';

type Config = { clip: string; folder: string; jpeg: string; watch: string[]; marker: string };
const cfg = JSON.parse(process.argv[2] as string) as Config;

/** Every file under the watched folders, with size and modification time. */
function listing(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[p] = `${s.size}@${s.mtimeMs}`;
    }
  };
  for (const d of cfg.watch) walk(d);
  return out;
}

/** Regular files this process holds open for writing (the trace sees only files opened later). */
function writableFiles(): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith('/') || target.startsWith('/dev/') || target.startsWith('/proc/')) continue;
    const flags = /flags:\s+(\d+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0';
    if ((Number.parseInt(flags, 8) & 3) !== 0) open.push(target);
  }
  return open;
}

const vision = await Vision.open({ threads: { intraOp: 1, interOp: 1 } });
const jpeg = readFileSync(cfg.jpeg);
const events: VarvEvent[] = [];
const errors: string[] = [];
const engine = new LiveEngine({
  store: liveStore(),
  privacy: PRIVACY,
  vision,
  cameras: [
    { id: 'cam-push', source: { kind: 'push' } },
    { id: 'cam-file', source: { kind: 'ffmpeg', url: cfg.clip, fps: 5, restart: false }, queue: 16 },
    { id: 'cam-folder', source: { kind: 'folder', dir: cfg.folder } },
  ],
  tracker: { maxMissed: 1 },
  sink: (batch) => void events.push(...batch),
  clock: new TestClock(),
  healthEveryS: 0,
  onError: (e) => errors.push(e.message),
});
const app = Fastify();
await app.register(cameraPush, {
  intake: engine,
  auth: new TokenAuth([{ token: 'push-token', role: 'camera', camera: 'cam-push' }]),
});
const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/api/cameras/cam-push/frames`;
const fdsAtStart = writableFiles();
const before = listing();

existsSync(`/${cfg.marker}-begin`);
engine.start();
const statuses: number[] = [];
for (const body of [jpeg, jpeg, Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x02]), jpeg]) {
  const r = await fetch(url, {
    method: 'POST',
    body: Buffer.from(body),
    headers: { 'content-type': 'image/jpeg', authorization: 'Bearer push-token' },
  });
  statuses.push(r.status);
  await r.arrayBuffer();
}
await Promise.all([engine.source('cam-file')?.ended, engine.source('cam-folder')?.ended]);
await engine.idle();
const health = await engine.reportHealth();
existsSync(`/${cfg.marker}-end`);

const after = listing();
await engine.stop();
await app.close();
await vision.release();
const count = (camera: string) => events.filter((e) => e.type === 'sighting' && e.camera === camera).length;
console.log(
  JSON.stringify({
    statuses,
    sightings: { push: count('cam-push'), file: count('cam-file'), folder: count('cam-folder') },
    health: health.map((h) => ({
      source: h.source,
      framesIn: h.framesIn,
      lifetimes: h.pixelLifetimeMs.count,
    })),
    errors,
    fdsAtStart,
    before,
    after,
  }),
);
