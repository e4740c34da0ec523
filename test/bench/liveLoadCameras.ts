import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

// The cameras of the live-load bench, in their own process (as real cameras are): each pushes a
// 640 × 480 JPEG every 1/fps seconds to the server's push endpoint with its own token, one request
// at a time, as a camera's encoder does: a frame that falls due while the previous one is still
// being sent is skipped (dropped at the camera). Scenes: each camera shows one of the sample
// photographs of @vladmandic/face-api (3–5 faces, cropped to 4:3) for `holdFrames` frames, then an
// empty scene (the lower half of a photograph: clothes and room, no face) for `gapFrames` frames, so the
// faces' tracks end and the next scene's faces are new; cameras are staggered so that scene
// changes spread over the cycle. Prints "warm" when the warm-up ends, then one JSON line of counts
// for the measured window, and exits.

export type CamerasConfig = {
  url: string;
  cameras: { id: string; token: string }[];
  fps: number;
  warmupS: number;
  durationS: number;
  holdFrames: number;
  gapFrames: number;
};

export type CamerasReport = {
  /** Frames that fell due in the measured window, sent, skipped (camera busy), refused or failed. */
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  statuses: Record<string, number>;
  /** CPU time of this process during the measured window, ms. */
  cpuMs: number;
  wallMs: number;
  bytes: number;
};

/** The six photographs cropped to 640 × 480 and an empty scene, as JPEG (quality 80). */
export async function cameraScenes(): Promise<{ photos: Buffer[]; empty: Buffer }> {
  const demo = join(dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api')), '..', 'demo');
  const photos = await Promise.all(
    [1, 2, 3, 4, 5, 6].map((i) =>
      sharp(readFileSync(join(demo, `sample${i}.jpg`)))
        .resize(640, 480, { fit: 'cover' })
        .jpeg({ quality: 80 })
        .toBuffer(),
    ),
  );
  // The lower half of a photograph whose faces are all in its upper third: clothes and room.
  const source = sharp(readFileSync(join(demo, 'sample4.jpg')));
  const { width = 0, height = 0 } = await source.metadata();
  const empty = await source
    .extract({ left: 0, top: Math.round(height * 0.45), width, height: height - Math.round(height * 0.45) })
    .resize(640, 480, { fit: 'cover' })
    .jpeg({ quality: 80 })
    .toBuffer();
  return { photos, empty };
}

async function main(cfg: CamerasConfig): Promise<void> {
  const { photos, empty } = await cameraScenes();
  const cycle = cfg.holdFrames + cfg.gapFrames;
  const period = 1000 / cfg.fps;
  const n = cfg.cameras.length;
  const start = performance.now() + 100;
  const warmAt = start + cfg.warmupS * 1000;
  const endAt = warmAt + cfg.durationS * 1000;
  const report: CamerasReport = {
    due: 0,
    sent: 0,
    skipped: 0,
    failed: 0,
    statuses: {},
    cpuMs: 0,
    wallMs: 0,
    bytes: 0,
  };
  const cams = cfg.cameras.map((c, i) => ({
    ...c,
    url: `${cfg.url}api/cameras/${c.id}/frames`,
    // Staggered: camera i is i/n of a cycle ahead, and its frames fall due i/n of a period later.
    offset: Math.floor((i * cycle) / n),
    phase: (i * period) / n,
    next: 0,
    busy: false,
  }));
  const scene = (cam: (typeof cams)[number], k: number) => {
    const f = k + cam.offset;
    return f % cycle < cfg.holdFrames
      ? (photos[(cams.indexOf(cam) + Math.floor(f / cycle)) % 6] as Buffer)
      : empty;
  };
  let inFlight = 0;
  let warm = false;
  let cpu0 = process.cpuUsage();
  const send = async (cam: (typeof cams)[number], body: Buffer, counted: boolean) => {
    cam.busy = true;
    inFlight++;
    try {
      const r = await fetch(cam.url, {
        method: 'POST',
        body: body as unknown as BodyInit,
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${cam.token}` },
      });
      await r.arrayBuffer();
      if (counted) {
        report.statuses[r.status] = (report.statuses[r.status] ?? 0) + 1;
        if (r.status !== 202) report.failed++;
      }
    } catch (e) {
      if (counted) {
        report.failed++;
        const key = (e as Error).message.slice(0, 40);
        report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      }
    } finally {
      cam.busy = false;
      inFlight--;
    }
  };
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (!warm && now >= warmAt) {
        warm = true;
        cpu0 = process.cpuUsage();
        process.stdout.write('warm\n');
      }
      if (now >= endAt) {
        clearInterval(timer);
        done();
        return;
      }
      for (const cam of cams) {
        // Every frame due by now: the latest is sent if the camera is free; the others are skipped.
        const dueNow: number[] = [];
        while (start + cam.phase + cam.next * period <= now) dueNow.push(cam.next++);
        const k = dueNow.at(-1);
        if (k === undefined) continue;
        const counted = (j: number) => {
          const at = start + cam.phase + j * period;
          return at >= warmAt && at < endAt;
        };
        for (const j of dueNow) {
          if (!counted(j)) continue;
          report.due++;
          if (j !== k || cam.busy) report.skipped++;
        }
        if (cam.busy) continue;
        const body = scene(cam, k);
        if (counted(k)) {
          report.sent++;
          report.bytes += body.length;
        }
        void send(cam, body, counted(k));
      }
    }, 2);
  });
  const used = process.cpuUsage(cpu0);
  report.cpuMs = (used.user + used.system) / 1000;
  report.wallMs = cfg.durationS * 1000;
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[2]) await main(JSON.parse(process.argv[2]) as CamerasConfig);
