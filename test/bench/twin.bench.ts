import { existsSync, readFileSync } from 'node:fs';
import { buildTwin } from '../../bin/commands/twinBuild.ts';
import type { StoreLayout } from '../../engine/layout/index.ts';
import { storeSchema } from '../../engine/layout/index.ts';
import { buildServer, type LiveSource } from '../../engine/server/app.ts';
import { TokenAuth } from '../../engine/server/auth.ts';
import { rangeKpis } from '../../engine/server/kpis.ts';
import { LiveState } from '../../engine/server/liveState.ts';
import { openDemo } from '../../scenarios/demo/openDemo.ts';
import { CHROMIUM, launchChromium } from '../twin/chromium.ts';
import type { BenchLine } from './measure.ts';

const TOKEN = 'bench-token';

/**
 * A source that shows the grocery with `n` synthetic figures wandering on a grid of free spots: a
 * controlled load for the renderer (no events, so the overlays stay still).
 */
function crowdSource(store: StoreLayout, n: number): LiveSource {
  const start = Date.now();
  return {
    mode: 'simulation',
    stores: () => [store],
    now: () => start + (Date.now() - start) * 60,
    range: async () => null,
    tickAt: async (_s, t) => new LiveState(store).tick(t),
    kpis: async (s, from, to) => rangeKpis(s, [], from, to, 0),
    agents: (s) => {
      const phase = (Date.now() - start) / 1000;
      const ids: number[] = [];
      const xy: number[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(i);
        xy.push(2 + ((i * 7.3 + phase) % 36), 2 + ((i * 3.1) % 26));
      }
      return { type: 'agents', simulated: true, store: s, t: Date.now(), ids, xy };
    },
  };
}

async function serve(source: LiveSource) {
  const app = await buildServer({
    source,
    auth: new TokenAuth([{ token: TOKEN, role: 'manager' }]),
    twinDir: await buildTwin(process.cwd()),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** Mean frame time (ms) of the twin over `seconds`, after a warm-up. */
async function frameTime(n: number, seconds: number): Promise<number> {
  const store = storeSchema.parse(JSON.parse(readFileSync('scenarios/stores/demo-grocery.json', 'utf8')));
  const { app, base } = await serve(crowdSource(store, n));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/#token=${TOKEN}`);
    await page.waitForSelector('canvas');
    await page.waitForTimeout(3000);
    // A string, not a function: the TypeScript loader's helpers do not exist in the page.
    return (await page.evaluate(`new Promise((resolve) => {
      const t0 = performance.now();
      let frames = 0;
      const step = () => {
        frames++;
        if (performance.now() - t0 < ${seconds * 1000}) requestAnimationFrame(step);
        else resolve((performance.now() - t0) / frames);
      };
      requestAnimationFrame(step);
    })`)) as number;
  } finally {
    await browser.close();
    await app.close();
  }
}

/** Frame time with 2,000 synthetic shoppers against the same scene with none (goal: ratio ≤ 1.5). */
export async function twinFrameBench(): Promise<BenchLine> {
  if (!existsSync(CHROMIUM))
    throw new Error(`the twin bench needs ${CHROMIUM} (apt-get install -y chromium)`);
  const empty = await frameTime(0, 5);
  const crowd = await frameTime(2000, 5);
  return {
    bench: 'twin-frame',
    figure: 'frame time (ms) with 2,000 synthetic shoppers, headless Chromium (SwiftShader)',
    value: +crowd.toFixed(2),
    peer: 'the same scene with no shoppers',
    peerValue: +empty.toFixed(2),
    ratio: +(crowd / empty).toFixed(2),
    runs: 1,
    note: 'ratio = crowd / empty (lower is better); goal ≤ 1.5',
  };
}

/** Bytes per second one client receives on the live feed, aggregates only against simulation mode. */
export async function twinFeedBench(): Promise<BenchLine> {
  const measure = async (mode: 'live' | 'simulation') => {
    const feed = await openDemo(['scenarios/runs/demo-grocery-day.json'], { speed: 60, mode });
    const { app, base } = await serve(feed.source);
    const browser = await launchChromium();
    let bytes = 0;
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/#token=${TOKEN}`);
      await page.waitForSelector('canvas');
      await page.waitForTimeout(5000);
      const t0 = Date.now();
      const ws = (await page.evaluate(`new Promise((resolve) => {
        let n = 0;
        const s = new WebSocket('ws://' + location.host + '/api/live?store=demo-grocery&token=${TOKEN}');
        s.onmessage = (e) => { n += String(e.data).length; };
        setTimeout(() => { s.close(); resolve(n); }, 10000);
      })`)) as number;
      bytes = ws / ((Date.now() - t0) / 1000);
    } finally {
      await browser.close();
      await app.close();
      await feed.close();
    }
    return bytes;
  };
  const live = await measure('live');
  const sim = await measure('simulation');
  return {
    bench: 'twin-feed',
    figure: 'live-feed bytes per second per client (aggregates only, the grocery at 60×)',
    value: Math.round(live),
    peer: 'the same feed in simulation mode (with every shopper’s position)',
    peerValue: Math.round(sim),
    ratio: +(live / sim).toFixed(3),
    runs: 1,
  };
}
